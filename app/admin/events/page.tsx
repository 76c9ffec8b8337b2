import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { buttonClass } from "@/components/button-styles";
import { EmptyPanel } from "@/components/card";
import { ActionButton } from "@/components/event-log/action-button";
import { EventFilters } from "@/components/event-log/event-filters";
import { EventTable } from "@/components/event-log/event-table";
import { RejectionChart } from "@/components/event-log/rejection-chart";
import { ReplayJobPanel } from "@/components/event-log/replay-job-panel";
import { ChevronRightIcon, RetryIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { eventFilterParams, isFilterEmpty, parseEventFilter } from "@/lib/event-log/filters";
import { countMatchingEvents, listEventTypes, listWebhookEvents, MATCH_COUNT_CAP } from "@/lib/event-log/queries";
import { listRejectionsByHour } from "@/lib/event-log/rejections";
import { listRecentReplayJobs } from "@/lib/event-log/replay-jobs";
import { cancelReplayJobAction, pruneEventBodiesAction, startBulkReplayAction } from "./actions";

export const metadata: Metadata = { title: "Event log" };

/** Jobs finished longer ago than this are no longer shown above the log. */
const JOB_SHOWN_MS = 60 * 60_000;

export default async function EventLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireAdmin();
  await connection();
  const params = await searchParams;
  const filter = parseEventFilter(params);
  const cursor = typeof params.cursor === "string" ? params.cursor : null;
  const db = getDatabase();
  const now = new Date();
  const [page, types, rejections, jobs, matching] = await Promise.all([
    listWebhookEvents(db, filter, cursor),
    listEventTypes(db),
    listRejectionsByHour(db, now, 24),
    listRecentReplayJobs(db, 3),
    isFilterEmpty(filter) ? Promise.resolve(null) : countMatchingEvents(db, filter),
  ]);
  const shownJobs = jobs.filter((job) => job.status === "running" || now.getTime() - (job.finishedAt ?? job.createdAt).getTime() < JOB_SHOWN_MS);
  const filterFields = Object.fromEntries(eventFilterParams(filter));
  const days = env().EVENT_BODY_RETENTION_DAYS;

  return (
    <>
      <PageHeader
        title="Event log"
        description="Every signed delivery from OpenPhone, with what became of it. Open one to see its body, replay it, or follow it to the call or message it produced."
        actions={
          <ActionButton
            action={pruneEventBodiesAction}
            label={`Prune bodies older than ${days} days`}
            pendingLabel="Pruning…"
            confirm={`Empty the stored bodies of processed events older than ${days} days?`}
            testId="prune-bodies"
          />
        }
      />

      <div className="grid gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <RejectionChart hours={rejections} />
        <div className="flex flex-col gap-3">
          {shownJobs.map((job) => (
            <ReplayJobPanel key={job.id} job={job} cancelAction={cancelReplayJobAction} />
          ))}
        </div>
      </div>

      <div className="mt-8 rounded-xl border border-zinc-200 bg-zinc-50/60 p-4 dark:border-white/10 dark:bg-white/[0.02]">
        <EventFilters filter={filter} types={types} />
        {matching !== null ? (
          <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-zinc-200 pt-3 dark:border-white/10">
            <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="matching-count">
              {matching > MATCH_COUNT_CAP ? `More than ${MATCH_COUNT_CAP.toLocaleString("en-US")}` : matching.toLocaleString("en-US")} matching event
              {matching === 1 ? "" : "s"}
            </p>
            {matching > 0 ? (
              <ActionButton
                action={startBulkReplayAction}
                fields={filterFields}
                label="Replay all matching"
                pendingLabel="Starting…"
                confirm={`Replay ${matching > MATCH_COUNT_CAP ? "all" : matching} matching event${matching === 1 ? "" : "s"}? Processed ones are left as they are.`}
                icon={<RetryIcon className="size-3.5" />}
                testId="bulk-replay"
              />
            ) : null}
          </div>
        ) : null}
      </div>

      <section aria-label="Events" className="mt-6">
        {page.items.length > 0 ? (
          <EventTable events={page.items} />
        ) : (
          <EmptyPanel title={isFilterEmpty(filter) ? "No webhook events yet" : "No events match these filters"}>
            {isFilterEmpty(filter)
              ? "Every signed delivery from OpenPhone is logged here with its outcome, so failures are visible and can be replayed."
              : "Try a wider date range or clear a filter."}
          </EmptyPanel>
        )}
        <nav aria-label="Pages" className="mt-4 flex justify-end gap-2">
          {cursor ? (
            <Link href={`/admin/events?${eventFilterParams(filter)}`} className={buttonClass("secondary", "sm")}>
              Newest
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link href={`/admin/events?${eventFilterParams(filter, { cursor: page.nextCursor })}`} className={buttonClass("secondary", "sm")} data-testid="older-events">
              Older
              <ChevronRightIcon className="size-3.5" />
            </Link>
          ) : null}
        </nav>
      </section>
    </>
  );
}
