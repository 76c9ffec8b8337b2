import { Badge } from "@/components/badge";
import { WEBHOOK_EVENT_STATUSES } from "@/components/status-presentation";

/** An event's outcome: its status, plus how often it was delivered again and whether its body is gone. */
export function EventOutcome({ status, duplicates, bodyPruned }: { status: string; duplicates: number; bodyPruned: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      {status in WEBHOOK_EVENT_STATUSES ? (
        <Badge tone={WEBHOOK_EVENT_STATUSES[status as keyof typeof WEBHOOK_EVENT_STATUSES].tone}>
          {WEBHOOK_EVENT_STATUSES[status as keyof typeof WEBHOOK_EVENT_STATUSES].label}
        </Badge>
      ) : (
        <Badge tone="neutral">{status}</Badge>
      )}
      {duplicates > 0 ? (
        <Badge tone="neutral">
          <span title={`Delivered ${duplicates} more time${duplicates === 1 ? "" : "s"}`}>+{duplicates} dup</span>
        </Badge>
      ) : null}
      {bodyPruned ? <Badge tone="neutral">Body pruned</Badge> : null}
    </span>
  );
}

export function formatMs(ms: number | null): string {
  if (ms === null) return "—";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms).toLocaleString("en-US")} ms`;
}
