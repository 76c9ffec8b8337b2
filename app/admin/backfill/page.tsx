import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { BackfillForm } from "@/components/backfill/backfill-form";
import { BackfillRunPanel } from "@/components/backfill/backfill-run-panel";
import { EmptyPanel } from "@/components/card";
import { ActionButton } from "@/components/event-log/action-button";
import { AlertIcon, ClockIcon, RetryIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { describeRecovered } from "@/lib/backfill/counts";
import { backfillRunState, listBackfillRuns, listSwitchWindows, listUnacknowledgedGaps } from "@/lib/backfill/runs";
import { backfillApi } from "@/lib/backfill/server";
import { getDatabase } from "@/lib/db";
import { acknowledgeGapsAction, backfillSwitchWindowAction, continueBackfillAction, startBackfillAction } from "./actions";

export const metadata: Metadata = { title: "Backfill" };

const panelClass = "rounded-xl border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-white/10 dark:bg-zinc-900";

function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export default async function BackfillPage() {
  await requireAdmin();
  await connection();
  const db = getDatabase();
  // The runs first, the gaps after: read side by side (PostgreSQL's pool), a run finishing between
  // the two reads showed "done" without its gap, and the page then stopped refreshing.
  const runs = await listBackfillRuns(db, 6);
  const [switches, gaps] = await Promise.all([listSwitchWindows(db, 3), listUnacknowledgedGaps(db, 5)]);
  const configured = backfillApi() !== null;
  const running = runs.some((run) => backfillRunState(run) === "running");

  return (
    <>
      <PageHeader
        title="Backfill"
        description="Fetch messages, calls, recordings, voicemails, summaries and transcripts from the OpenPhone API and add what never arrived by webhook, through the same code as the webhook receiver. A stopped run continues from its checkpoint."
      />

      {gaps.length > 0 ? (
        <section aria-label="Lost webhooks" data-testid="backfill-gaps" className="mb-6 rounded-xl border border-amber-300/70 bg-amber-50 p-4 text-sm text-amber-900 dark:border-amber-400/25 dark:bg-amber-400/10 dark:text-amber-100">
          <h2 className="flex items-center gap-2 font-semibold">
            <AlertIcon className="size-4 text-amber-600 dark:text-amber-300" /> Webhooks were lost
          </h2>
          <ul className="mt-2 space-y-1">
            {gaps.map((gap) => (
              <li key={gap.runId} data-testid="backfill-gap">
                Backfill #{gap.runId} recovered {describeRecovered(gap.counts)} created between {utc(gap.from)} and {utc(gap.to)}.
              </li>
            ))}
          </ul>
          <p className="mt-2 text-xs text-amber-800/80 dark:text-amber-100/70">
            Check that OpenPhone can reach this app (<Link href="/admin/webhooks" className="underline underline-offset-2">Webhooks</Link>,{" "}
            <Link href="/admin/events" className="underline underline-offset-2">Event log</Link>). Dismissing hides this warning from the dashboard banner.
          </p>
          <div className="mt-3">
            <ActionButton action={acknowledgeGapsAction} label="Dismiss" pendingLabel="Dismissing…" testId="dismiss-gaps" />
          </div>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <div className="flex flex-col gap-6">
          <section aria-labelledby="backfill-start" className={panelClass}>
            <h2 id="backfill-start" className="text-base font-semibold text-zinc-900 dark:text-white">
              Fetch what webhooks missed
            </h2>
            <p className="mt-1 mb-4 text-sm text-zinc-500 dark:text-zinc-400">
              At most 8 requests a second (OpenPhone allows 10); items already here are not fetched again. Also from a shell:{" "}
              <code className="font-mono text-[13px]">npm run backfill</code>.
            </p>
            {configured ? (
              <BackfillForm action={startBackfillAction} disabled={running} />
            ) : (
              <p className="flex items-start gap-1.5 text-sm text-amber-700 dark:text-amber-300" data-testid="backfill-no-key">
                <AlertIcon className="mt-0.5 size-4 shrink-0" />
                <span>
                  Set <code className="font-mono">OPENPHONE_API_KEY</code>: the backfill reads from the OpenPhone API.
                </span>
              </p>
            )}
          </section>

          <section aria-labelledby="switch-windows" className={panelClass}>
            <h2 id="switch-windows" className="flex items-center gap-2 text-base font-semibold text-zinc-900 dark:text-white">
              <ClockIcon className="size-4 text-zinc-400" /> Switch windows
            </h2>
            {switches.length === 0 ? (
              <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400" data-testid="no-switch-window">
                No legacy → 2026 webhook switch has been recorded. <Link href="/admin/webhooks" className="underline underline-offset-2">Switch to 2026 webhooks</Link> records its window here.
              </p>
            ) : (
              <ul className="mt-3 divide-y divide-zinc-100 dark:divide-white/5">
                {switches.map((s) => (
                  <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3 first:pt-0 last:pb-0" data-testid="switch-window">
                    <div className="min-w-0 text-sm">
                      <p className="text-zinc-900 dark:text-white">
                        Switch #{s.id}: {utc(s.startedAt)} → {s.completedAt ? utc(s.completedAt) : "not completed"}
                      </p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        {s.backfilledAt ? (
                          <>
                            Backfilled <LocalTime iso={s.backfilledAt.toISOString()} format="medium" />
                          </>
                        ) : (
                          "Not backfilled yet: deliveries during the switch may be missing."
                        )}
                      </p>
                    </div>
                    {configured ? (
                      <ActionButton
                        action={backfillSwitchWindowAction}
                        fields={{ switchId: String(s.id) }}
                        label="Backfill the switch window"
                        pendingLabel="Starting…"
                        tone={s.backfilledAt ? "secondary" : "primary"}
                        icon={<RetryIcon className="size-3.5" />}
                        testId={`backfill-switch-${s.id}`}
                      />
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <section aria-label="Backfill runs" className="flex flex-col gap-4">
          {runs.length > 0 ? (
            runs.map((run) => <BackfillRunPanel key={run.id} run={run} continueAction={configured && !running ? continueBackfillAction : undefined} />)
          ) : (
            <EmptyPanel title="No backfill yet">
              Run one after an outage or a deploy, or when the event log shows a quiet period: it adds only what is missing and reports it.
            </EmptyPanel>
          )}
        </section>
      </div>
    </>
  );
}
