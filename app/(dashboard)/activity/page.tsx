import type { Metadata } from "next";
import { cookies } from "next/headers";
import Link from "next/link";
import { connection } from "next/server";
import { buttonClass } from "@/components/button-styles";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { GettingStartedCard } from "@/components/getting-started-card";
import { DownloadIcon, XIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { KindTabs } from "@/components/timeline/kind-tabs";
import { LiveUpdates } from "@/components/timeline/live-updates";
import { TimeZoneSync } from "@/components/timeline/time-zone-sync";
import { TimelineEmpty } from "@/components/timeline/timeline-empty";
import { TimelineFeed } from "@/components/timeline/timeline-feed";
import { TimelineToolbar } from "@/components/timeline/timeline-toolbar";
import { getTimelinePage } from "@/lib/timeline/page";
import { countByKind, countsAreCheap, getContactLabel, latestActivityId, listInboxes } from "@/lib/timeline/queries";
import { SEARCH_WINDOW } from "@/lib/timeline/search";
import { FILTER_KEYS, hasFilters, timelineSearchParams } from "@/lib/timeline/filters";
import { readTimelinePageRequest } from "@/lib/timeline/request";
import { TZ_COOKIE, viewerTimeZone } from "@/lib/time-zone";
import { requireUser } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { getWebhookSetup } from "@/lib/webhooks/setup";

export const metadata: Metadata = { title: "Activity" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const href = (params: URLSearchParams) => (params.size > 0 ? `/activity?${params.toString()}` : "/activity");

/**
 * The timeline: every message and call, newest first, grouped by day; filters, search and paging
 * all live in the URL (lib/timeline/filters.ts), so every view is a link.
 */
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  await connection(); // reads the database: render per request, never at build time
  const db = getDatabase();
  const displayTz = viewerTimeZone((await cookies()).get(TZ_COOKIE)?.value);
  const { query, filters, cursor } = readTimelinePageRequest(await searchParams, displayTz);

  const latestId = await latestActivityId(db);
  if (latestId === 0) {
    const setup = await getWebhookSetup(db);
    return (
      <>
        <PageHeader title="Activity" description="Every message and call across your OpenPhone numbers." />
        <GettingStartedCard
          title="No activity yet"
          description="Messages and calls appear here as soon as OpenPhone delivers its first webhook to this app."
          setup={setup}
        />
      </>
    );
  }

  const [page, counts, inboxes, contact] = await Promise.all([
    getTimelinePage(db, { filters, cursor }),
    countsAreCheap(filters, latestId) ? countByKind(db, filters) : null,
    listInboxes(db),
    query.contact ? getContactLabel(db, query.contact) : null,
  ]);

  const filterTz = query.tz ?? displayTz;
  const listParams = timelineSearchParams(query, { cursor: undefined, limit: undefined, after: undefined });
  const pageQuery = listParams.toString();
  const apiParams = new URLSearchParams(listParams);
  apiParams.set("tz", filterTz);
  const apiQuery = apiParams.toString();
  const without = (...keys: string[]) => {
    const params = new URLSearchParams(listParams);
    for (const key of keys) params.delete(key);
    if (!params.has("from") && !params.has("to")) params.delete("tz");
    return href(params);
  };
  const kindHref = (kind: string) => href(timelineSearchParams(query, { kind: kind || undefined, cursor: undefined, limit: undefined, after: undefined }));
  const filtered = hasFilters(query);
  const clearFiltersHref = without(...FILTER_KEYS, "tz");
  const firstPageHref = href(listParams);

  const description = filters.q
    ? "Best matches first: message text, call summaries and transcripts, contact names and numbers."
    : counts
      ? `${counts.all.toLocaleString("en-US")} ${counts.all === 1 ? "message or call" : "messages and calls"}${filtered ? " match these filters" : ""}, newest first.`
      : "Every message and call, newest first.";

  return (
    <>
      <TimeZoneSync serverTz={displayTz} />
      <PageHeader
        title={filters.q ? "Search" : "Activity"}
        description={description}
        actions={
          <>
            {filters.q ? null : <LiveUpdates latestId={latestId} apiQuery={apiQuery} firstPageHref={firstPageHref} />}
            <a href={`/api/activity/export.csv?${apiQuery}`} download className={buttonClass("secondary")}>
              <DownloadIcon className="size-4" />
              Export CSV
            </a>
          </>
        }
      />

      <div className="space-y-4">
        <TimelineToolbar
          values={{
            q: query.q ?? "",
            inbox: query.inbox ? String(query.inbox) : "",
            direction: query.direction ?? "",
            status: query.status ?? "",
            recording: query.recording ?? false,
            media: query.media ?? false,
            from: query.from ?? "",
            to: query.to ?? "",
            kind: query.kind ?? "",
            contact: query.contact ? String(query.contact) : "",
            conversation: query.conversation ? String(query.conversation) : "",
          }}
          filtersKey={pageQuery}
          inboxes={inboxes}
          serverTz={filterTz}
          clearHref={clearFiltersHref}
          hasFilters={filtered}
        />

        <div className="flex flex-wrap items-center gap-2">
          <KindTabs current={query.kind ?? ""} counts={counts} hrefFor={kindHref} />
          {query.contact ? (
            <FilterChip label="Contact" value={contact ? (contact.name ?? (contact.number ? formatPhoneNumber(contact.number) : `#${contact.id}`)) : "Unknown"} removeHref={without("contact")} />
          ) : null}
          {query.conversation ? <FilterChip label="Conversation" value={`#${query.conversation}`} removeHref={without("conversation")} /> : null}
        </div>

        {cursor ? (
          <p className="flex items-center justify-between gap-3 rounded-lg bg-zinc-50 px-3 py-2 text-sm text-zinc-600 ring-1 ring-zinc-950/5 ring-inset dark:bg-white/[0.03] dark:text-zinc-400 dark:ring-white/10">
            Showing older activity.
            <Link href={firstPageHref} className="font-medium text-indigo-600 hover:text-indigo-500 dark:text-indigo-300">
              Back to newest
            </Link>
          </p>
        ) : null}

        {page.searchWindowed ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/15 ring-inset dark:bg-amber-400/10 dark:text-amber-200 dark:ring-amber-400/20">
            Many items match: these are the best among the {SEARCH_WINDOW.toLocaleString("en-US")} most recent. Add words, a date range or another filter to look further back.
          </p>
        ) : null}

        {page.items.length === 0 ? (
          <TimelineEmpty
            q={filters.q}
            filtered={filtered}
            olderPage={cursor !== null}
            clearSearchHref={without("q")}
            clearFiltersHref={clearFiltersHref}
            firstPageHref={firstPageHref}
          />
        ) : (
          <TimelineFeed
            key={`${pageQuery}|${query.cursor ?? ""}|${latestId}|${displayTz}`}
            initialItems={page.items}
            initialNextCursor={page.nextCursor}
            tz={displayTz}
            now={new Date().toISOString()}
            pageQuery={pageQuery}
            apiQuery={apiQuery}
            showContactFilter={!query.contact}
            ranked={filters.q !== null}
          />
        )}
      </div>
    </>
  );
}

function FilterChip({ label, value, removeHref }: { label: string; value: string; removeHref: string }) {
  return (
    <span className="inline-flex h-8 items-center gap-1 rounded-md bg-indigo-50 pr-1 pl-2.5 text-sm text-indigo-900 ring-1 ring-indigo-200 ring-inset dark:bg-indigo-400/10 dark:text-indigo-100 dark:ring-indigo-400/30">
      <span className="text-indigo-600/80 dark:text-indigo-300/80">{label}:</span>
      <span className="max-w-48 truncate font-medium">{value}</span>
      <Link
        href={removeHref}
        className="ml-0.5 inline-flex size-6 items-center justify-center rounded text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800 dark:text-indigo-300 dark:hover:bg-indigo-400/20 dark:hover:text-white"
      >
        <XIcon className="size-3.5" />
        <span className="sr-only">
          Remove {label.toLowerCase()} filter {value}
        </span>
      </Link>
    </span>
  );
}
