import { Badge } from "@/components/badge";
import type { Tone } from "@/components/status-presentation";

/** The summary's sentiment as OpenPhone reported it. */
export function SentimentBadge({ sentiment }: { sentiment: string }) {
  const tone: Tone = sentiment === "positive" ? "success" : sentiment === "negative" ? "danger" : "neutral";
  return <Badge tone={tone}>{sentiment.charAt(0).toUpperCase() + sentiment.slice(1)} sentiment</Badge>;
}
