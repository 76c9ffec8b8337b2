import Link from "next/link";
import { buttonClass } from "@/components/button-styles";
import { FunnelIcon, SearchIcon, ActivityIcon } from "@/components/icons";

/** No rows for this view, and the way out: clear the search, clear the filters, or go back to the newest. */
export function TimelineEmpty({
  q,
  filtered,
  olderPage,
  clearSearchHref,
  clearFiltersHref,
  firstPageHref,
}: {
  q: string | null;
  filtered: boolean;
  olderPage: boolean;
  clearSearchHref: string;
  clearFiltersHref: string;
  firstPageHref: string;
}) {
  const Icon = q ? SearchIcon : filtered ? FunnelIcon : ActivityIcon;
  const title = olderPage ? "No older activity" : q ? `No results for “${q}”` : filtered ? "Nothing matches these filters" : "Nothing here yet";
  const text = olderPage
    ? "You have reached the end of this view."
    : q
      ? "Search looks through message text, call summaries and transcripts, contact names and phone numbers. Try fewer or different words."
      : "Try a wider date range, another inbox or status, or clear the filters to see everything.";
  return (
    <div
      data-testid="timeline-empty"
      className="flex flex-col items-center rounded-xl border border-dashed border-zinc-300 px-6 py-14 text-center dark:border-white/15"
    >
      <span className="flex size-10 items-center justify-center rounded-full bg-zinc-100 text-zinc-500 dark:bg-white/5 dark:text-zinc-400">
        <Icon className="size-5" />
      </span>
      <h2 className="mt-4 text-sm font-semibold break-all text-zinc-900 dark:text-white">{title}</h2>
      <p className="mt-1 max-w-md text-sm text-zinc-500 dark:text-zinc-400">{text}</p>
      <div className="mt-5 flex flex-wrap justify-center gap-2">
        {olderPage ? (
          <Link href={firstPageHref} className={buttonClass("primary")}>
            Back to newest
          </Link>
        ) : null}
        {!olderPage && q ? (
          <Link href={clearSearchHref} className={buttonClass(filtered ? "secondary" : "primary")}>
            Clear search
          </Link>
        ) : null}
        {!olderPage && filtered ? (
          <Link href={clearFiltersHref} className={buttonClass("primary")}>
            Clear filters
          </Link>
        ) : null}
      </div>
    </div>
  );
}
