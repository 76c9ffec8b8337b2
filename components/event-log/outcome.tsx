import { Badge, formatStatus, statusTone } from "@/components/badge";

/** An event's outcome: its status, plus how often it was delivered again and whether its body is gone. */
export function EventOutcome({ status, duplicates, bodyPruned }: { status: string; duplicates: number; bodyPruned: boolean }) {
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone={statusTone(status)}>{formatStatus(status)}</Badge>
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
