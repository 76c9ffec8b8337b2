import { LocalTime } from "@/components/local-time";
import type { FormState } from "@/lib/auth/forms";
import type { ReplayJobRow } from "@/lib/event-log/replay-jobs";
import { ActionButton } from "./action-button";
import { RefreshWhile } from "./refresh-while";

/** A bulk replay's progress from its database row; the page refreshes itself while it runs. */
export function ReplayJobPanel({
  job,
  cancelAction,
}: {
  job: ReplayJobRow;
  cancelAction: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  const running = job.status === "running";
  const percent = job.total === 0 ? 100 : Math.min(100, Math.round((job.done / job.total) * 100));
  const filter = Object.entries(JSON.parse(job.filter) as Record<string, string>)
    .map(([k, v]) => `${k}=${v}`)
    .join(" · ");
  return (
    <section
      aria-label={`Replay job ${job.id}`}
      data-testid="replay-job"
      data-status={job.status}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs dark:border-white/10 dark:bg-zinc-900"
    >
      <RefreshWhile active={running} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium text-zinc-900 dark:text-white">
            Bulk replay #{job.id}{" "}
            <span className="font-normal text-zinc-500 dark:text-zinc-400" data-testid="replay-job-status">
              {running ? (job.cancelRequested ? "cancelling…" : "running") : job.status}
            </span>
          </p>
          <p className="mt-0.5 truncate text-xs text-zinc-500 dark:text-zinc-400">
            {filter || "all events"} · started <LocalTime iso={job.createdAt.toISOString()} format="medium" />
          </p>
        </div>
        {running && !job.cancelRequested ? (
          <ActionButton action={cancelAction} fields={{ jobId: String(job.id) }} label="Cancel" pendingLabel="Cancelling…" tone="danger" testId="cancel-replay" />
        ) : null}
      </div>
      <div
        className="mt-3 h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-white/10"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done}
        aria-label="Replay progress"
      >
        <div className="h-full rounded-full bg-indigo-600 transition-[width] dark:bg-indigo-400" style={{ width: `${percent}%` }} />
      </div>
      <p className="mt-2 text-xs text-zinc-600 tabular-nums dark:text-zinc-400" data-testid="replay-job-progress">
        {job.done} of {job.total} · {job.processed} processed · {job.unchanged} unchanged · {job.failed} failed
      </p>
    </section>
  );
}
