import { Badge } from "@/components/badge";
import type { Tone } from "@/components/status-presentation";

/**
 * The summary's sentiment as the webhook payload reported it. No real OpenPhone payload carries
 * sentiment; when one did, say where it came from.
 */
export function SentimentBadge({ sentiment }: { sentiment: string }) {
  const tone: Tone = sentiment === "positive" ? "success" : sentiment === "negative" ? "danger" : "neutral";
  return (
    <span title="Reported in the webhook payload, not computed by OpenPhone's summary">
      <Badge tone={tone}>
        {sentiment.charAt(0).toUpperCase() + sentiment.slice(1)} sentiment · from payload
      </Badge>
    </span>
  );
}
