"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from "react";
import { buttonClass } from "@/components/button-styles";
import { formatDayLabel } from "@/lib/format/time";
import type { TimelineItem, TimelinePage } from "@/lib/timeline/queries";
import { dayInZone } from "@/lib/time-zone";
import { TimelineRow } from "./timeline-item";

export const TIMELINE_SEARCH_INPUT_ID = "timeline-search";

type DayGroup = { day: string; label: string; items: TimelineItem[] };

/** Search results keep their ranking: one group, no day headers. */
function oneGroup(items: TimelineItem[]): DayGroup[] {
  return items.length > 0 ? [{ day: "results", label: "", items }] : [];
}

function groupByDay(items: TimelineItem[], tz: string, now: Date): DayGroup[] {
  const groups: DayGroup[] = [];
  for (const item of items) {
    const date = new Date(item.occurredAt);
    const day = dayInZone(date, tz);
    const last = groups[groups.length - 1];
    if (last && last.day === day) last.items.push(item);
    else groups.push({ day, label: formatDayLabel(date, now, tz), items: [item] });
  }
  return groups;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * The timeline list: day groups with sticky headers, "Load more" (a real link to ?cursor=…, which
 * JavaScript turns into an in-place append), and keyboard navigation (j/k, Enter, /, Esc).
 * The first page arrives rendered from the server; later pages come from GET /api/activity.
 */
export function TimelineFeed({
  initialItems,
  initialNextCursor,
  tz,
  now,
  pageQuery,
  apiQuery,
  showContactFilter,
  ranked = false,
}: {
  initialItems: TimelineItem[];
  initialNextCursor: string | null;
  tz: string;
  /** The server's "now" (ISO), so "Today"/"Yesterday" render the same on both sides. */
  now: string;
  /** The page's query string without cursor (links). */
  pageQuery: string;
  /** The same filters for GET /api/activity (time zone made explicit). */
  apiQuery: string;
  showContactFilter: boolean;
  /** Search results: ranked order, so no day groups, and each row shows its date. */
  ranked?: boolean;
}) {
  const [items, setItems] = useState(initialItems);
  const [nextCursor, setNextCursor] = useState(initialNextCursor);
  const [loading, setLoading] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const listRef = useRef<HTMLDivElement>(null);

  const groups = useMemo(() => (ranked ? oneGroup(items) : groupByDay(items, tz, new Date(now))), [items, tz, now, ranked]);
  const pageHref = (cursor: string) => `/activity?${pageQuery ? `${pageQuery}&` : ""}cursor=${encodeURIComponent(cursor)}`;
  const contactHref = useCallback(
    (contactId: number | null) => {
      if (!showContactFilter || contactId === null) return null;
      const params = new URLSearchParams(pageQuery);
      params.set("contact", String(contactId));
      return `/activity?${params.toString()}`;
    },
    [pageQuery, showContactFilter],
  );

  const links = () => Array.from(listRef.current?.querySelectorAll<HTMLAnchorElement>("a[data-timeline-link]") ?? []);

  async function loadMore(event: MouseEvent<HTMLAnchorElement>) {
    if (!nextCursor || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (loading) return;
    setLoading(true);
    const firstNew = links().length;
    try {
      const response = await fetch(`/api/activity?${apiQuery ? `${apiQuery}&` : ""}cursor=${encodeURIComponent(nextCursor)}`, {
        headers: { accept: "application/json" },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = (await response.json()) as TimelinePage;
      setItems((previous) => {
        const seen = new Set(previous.map((i) => i.id));
        return [...previous, ...page.items.filter((i) => !seen.has(i.id))];
      });
      setNextCursor(page.nextCursor);
      setAnnouncement(`Loaded ${page.items.length} more ${page.items.length === 1 ? "item" : "items"}.`);
      // Keyboard users continue where the new items start.
      requestAnimationFrame(() => links()[firstNew]?.focus({ preventScroll: true }));
    } catch {
      // The link still works: fall back to a full page load of the next page.
      window.location.assign(pageHref(nextCursor));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === "/" && !isTyping(event.target)) {
        const search = document.getElementById(TIMELINE_SEARCH_INPUT_ID);
        if (search instanceof HTMLInputElement) {
          event.preventDefault();
          search.focus();
          search.select();
        }
        return;
      }
      if (isTyping(event.target)) return;
      const all = links();
      if (all.length === 0) return;
      const current = all.indexOf(document.activeElement as HTMLAnchorElement);
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = current === -1 ? (event.key === "j" ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, current + (event.key === "j" ? 1 : -1)));
        const link = all[next]!;
        link.focus({ preventScroll: true });
        link.closest("[data-timeline-item]")?.scrollIntoView({ block: "nearest" });
      } else if (event.key === "Escape" && current !== -1) {
        all[current]!.blur();
      }
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);

  return (
    <div ref={listRef} data-testid="timeline">
      {groups.map((group) => (
        <section key={group.day} aria-labelledby={`day-${group.day}`} className="mb-6 last:mb-0">
          <h2
            id={`day-${group.day}`}
            className="z-10 -mx-1 mb-2 flex items-baseline gap-2 bg-white/95 px-1 py-1.5 text-[13px] font-semibold text-zinc-900 backdrop-blur supports-[backdrop-filter]:bg-white/80 md:sticky md:top-0 dark:bg-[#111113]/95 dark:text-zinc-100 dark:supports-[backdrop-filter]:bg-[#111113]/80"
          >
            {ranked ? "Search results" : group.label}
            <span className="text-xs font-normal text-zinc-500 tabular-nums dark:text-zinc-400">
              {group.items.length} {group.items.length === 1 ? "item" : "items"}
            </span>
          </h2>
          <ol className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/5 dark:border-white/10 dark:bg-zinc-900/60">
            {group.items.map((item) => (
              <TimelineRow key={item.id} item={item} tz={tz} showDate={ranked} contactFilterHref={contactHref(item.contact?.id ?? null)} />
            ))}
          </ol>
        </section>
      ))}

      <div className="mt-6 flex flex-col items-center gap-2">
        {nextCursor ? (
          <a href={pageHref(nextCursor)} onClick={loadMore} aria-busy={loading || undefined} className={`${buttonClass("secondary")} min-w-36`} rel="next">
            {loading ? "Loading…" : "Load more"}
          </a>
        ) : items.length > 0 ? (
          <p className="text-xs text-zinc-500 dark:text-zinc-400">That’s everything{pageQuery ? " for this view" : ""}.</p>
        ) : null}
        <p className="sr-only" aria-live="polite">
          {announcement}
        </p>
      </div>
    </div>
  );
}
