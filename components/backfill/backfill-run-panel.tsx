import { Badge } from "@/components/badge";
import { ActionButton } from "@/components/event-log/action-button";
import { RefreshWhile } from "@/components/event-log/refresh-while";
import { LocalTime } from "@/components/local-time";
import { BACKFILL_RUN_STATES } from "@/components/status-presentation";
import { BACKFILL_KINDS, describeRecovered } from "@/lib/backfill/counts";
import type { FormState } from "@/lib/auth/forms";
import { backfillRunState, type BackfillRunView } from "@/lib/backfill/runs";

const KIND_LABELS: Record<(typeof BACKFILL_KINDS)[number], string> = {
  messages: "Messages",
  calls: "Calls",
  recordings: "Recordings",
  voicemails: "Voicemails",
  summaries: "Summaries",
  transcripts: "Transcripts",
};

function describeRange(run: BackfillRunView): string {
  const day = (d: Date) => d.toISOString().slice(0, 16).replace("T", " ");
  const range = run.since || run.until ? `${run.since ? day(run.since) : "the beginning"} → ${run.until ? day(run.until) : "now"} UTC` : "all time";
  const numbers = run.phoneNumberIds.length > 0 ? run.phoneNumberIds.join(", ") : "every number";
  return `${range} · ${numbers}${run.switchId ? ` · switch window #${run.switchId}` : ""}`;
}

/** One backfill run from its database row: live counts per kind while it runs (the page refreshes itself), the gap when done. */
export function BackfillRunPanel({
  run,
  continueAction,
}: {
  run: BackfillRunView;
  /** Offered on a stopped or failed run: continues it from its checkpoint. */
  continueAction?: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  const state = backfillRunState(run);
  const presentation = BACKFILL_RUN_STATES[state];
  const running = state === "running";
  return (
    <section
      aria-label={`Backfill ${run.id}`}
      data-testid="backfill-run"
      data-status={state}
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5 dark:border-white/10 dark:bg-zinc-900"
    >
      <RefreshWhile active={running} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h3 className="flex flex-wrap items-center gap-2 text-sm font-medium text-zinc-900 dark:text-white">
            Backfill #{run.id}
            <Badge tone={presentation.tone}>{presentation.label}</Badge>
            {run.dryRun ? <Badge tone="accent">Dry run</Badge> : null}
          </h3>
          <p className="mt-1 text-xs text-zinc-500 dark:text-zinc-400">
            {describeRange(run)} · started <LocalTime iso={run.createdAt.toISOString()} format="medium" />
            {run.finishedAt ? (
              <>
                {" "}
                · finished <LocalTime iso={run.finishedAt.toISOString()} format="medium" />
              </>
            ) : null}
          </p>
        </div>
        <p className="text-xs text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="backfill-requests">
          {run.requests.toLocaleString("en-US")} API requests
        </p>
      </div>

      {running ? (
        <div className="mt-3 h-1.5 overflow-hidden rounded-full bg-zinc-100 dark:bg-white/10" role="progressbar" aria-label="Backfill in progress" aria-busy="true">
          <div className="h-full w-1/3 rounded-full bg-indigo-600 motion-safe:animate-[backfill-slide_1.4s_ease-in-out_infinite] dark:bg-indigo-400" />
        </div>
      ) : null}

      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[26rem] text-sm" data-testid="backfill-counts">
          <caption className="sr-only">What backfill #{run.id} found, per kind</caption>
          <thead>
            <tr className="text-left text-xs text-zinc-500 dark:text-zinc-400">
              <th scope="col" className="pb-1.5 font-medium">Kind</th>
              <th scope="col" className="pb-1.5 text-right font-medium">Seen</th>
              <th scope="col" className="pb-1.5 text-right font-medium">Already here</th>
              <th scope="col" className="pb-1.5 text-right font-medium">{run.dryRun ? "Missing" : "Recovered"}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 tabular-nums dark:divide-white/5">
            {BACKFILL_KINDS.map((kind) => {
              const c = run.counts[kind];
              return (
                <tr key={kind} data-kind={kind}>
                  <th scope="row" className="py-1.5 text-left font-normal text-zinc-700 dark:text-zinc-300">
                    {KIND_LABELS[kind]}
                  </th>
                  <td className="py-1.5 text-right text-zinc-700 dark:text-zinc-300">{c.seen}</td>
                  <td className="py-1.5 text-right text-zinc-500 dark:text-zinc-400">{c.present}</td>
                  <td className={`py-1.5 text-right font-medium ${c.recovered > 0 ? "text-amber-700 dark:text-amber-300" : "text-zinc-500 dark:text-zinc-400"}`} data-testid={`recovered-${kind}`}>
                    {c.recovered}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <p className="mt-3 text-sm text-zinc-700 dark:text-zinc-300" role="status" aria-live="polite" data-testid="backfill-summary">
        {summary(run, state)}
      </p>
      {run.error ? <p className="mt-1 text-sm text-rose-700 dark:text-rose-300">{run.error}</p> : null}
      {continueAction && (state === "stalled" || state === "failed") ? (
        <div className="mt-3">
          <ActionButton action={continueAction} fields={{ runId: String(run.id) }} label="Continue from the checkpoint" pendingLabel="Starting…" testId={`continue-backfill-${run.id}`} />
        </div>
      ) : null}
    </section>
  );
}

function summary(run: BackfillRunView, state: ReturnType<typeof backfillRunState>): string {
  const found = describeRecovered(run.counts);
  if (state === "running") return run.recovered > 0 ? `Working… ${run.dryRun ? "missing so far" : "recovered so far"}: ${found}.` : "Working… nothing missing so far.";
  if (state === "stalled") return "Its process stopped (a restart or a kill). Continue it: it picks up from its checkpoint.";
  if (state === "failed") return "OpenPhone or the database failed. Continue it once the cause is fixed: it picks up from its checkpoint.";
  if (state === "interrupted") return "Replaced by a backfill with other options before it finished.";
  if (run.recovered === 0) return "Nothing was missing.";
  const gap = run.gapFrom ? ` created between ${run.gapFrom.toISOString().slice(0, 16).replace("T", " ")} and ${(run.gapTo ?? run.gapFrom).toISOString().slice(0, 16).replace("T", " ")} UTC` : "";
  return run.dryRun ? `Missing here: ${found}${gap}. Nothing was written.` : `Recovered ${found}${gap}: their webhooks were lost.`;
}
