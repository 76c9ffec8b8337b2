import type { AppDatabase } from "../db/types";
import type { TimelineCursor } from "../cursor";
import type { TimelineFilters } from "./filters";
import { listTimeline, type TimelinePage } from "./queries";
import { searchTimeline } from "./search";

export type TimelineRequest = { filters: TimelineFilters; cursor: TimelineCursor | null; limit?: number };

/** A page of the timeline or of search results, whichever the filter asks for. */
export async function getTimelinePage(db: AppDatabase, request: TimelineRequest): Promise<TimelinePage> {
  const { filters, cursor, limit } = request;
  if (filters.q) {
    return searchTimeline(db, { ...filters, q: filters.q }, { cursor: cursor?.kind === "rank" ? cursor : null, limit });
  }
  return listTimeline(db, filters, { cursor: cursor?.kind === "time" ? cursor : null, limit });
}

/** Whether a cursor fits the kind of listing (a search cursor on a plain timeline is invalid). */
export function cursorFits(filters: TimelineFilters, cursor: TimelineCursor): boolean {
  return filters.q ? cursor.kind === "rank" : cursor.kind === "time";
}
