import { cursorFits } from "./page";
import { decodeTimelineCursor, type TimelineCursor } from "../cursor";
import {
  parseTimelineQueryLenient,
  parseTimelineQueryStrict,
  resolveFilters,
  type QueryInput,
  type TimelineFilters,
  type TimelineQuery,
} from "./filters";

/** What the API, the export and the page need from a query string, validated. */
export type TimelineRequestValues = {
  query: TimelineQuery;
  filters: TimelineFilters;
  cursor: TimelineCursor | null;
  tz: string;
};

/**
 * GET /api/activity and the CSV export: strict. A bad value or cursor is the caller's mistake (400);
 * dates without `tz` are UTC days.
 */
export function readTimelineApiRequest(input: QueryInput): { ok: true; value: TimelineRequestValues } | { ok: false; issues: string[] } {
  const parsed = parseTimelineQueryStrict(input);
  if (!parsed.ok) return parsed;
  const { query } = parsed;
  const tz = query.tz ?? "UTC";
  const filters = resolveFilters(query, tz);
  let cursor: TimelineCursor | null = null;
  if (query.cursor !== undefined) {
    cursor = decodeTimelineCursor(query.cursor);
    if (!cursor || !cursorFits(filters, cursor)) return { ok: false, issues: ["cursor: invalid or from a different listing"] };
  }
  return { ok: true, value: { query, filters, cursor, tz } };
}

/**
 * The /activity page: lenient. Invalid values are dropped and an unusable cursor means the first
 * page; dates without `tz` are days in the viewer's zone.
 */
export function readTimelinePageRequest(input: QueryInput, viewerTz: string): TimelineRequestValues & { cursorRejected: boolean } {
  const query = parseTimelineQueryLenient(input);
  const tz = query.tz ?? viewerTz;
  const filters = resolveFilters(query, tz);
  const decoded = decodeTimelineCursor(query.cursor);
  const cursor = decoded && cursorFits(filters, decoded) ? decoded : null;
  return { query, filters, cursor, tz, cursorRejected: query.cursor !== undefined && cursor === null };
}
