import { z } from "zod";
import { isTimeZone, nextDay, startOfDayInZone } from "../time-zone";

/**
 * The timeline's query string: one schema shared by the /activity page, GET /api/activity and the
 * CSV export, so a URL means the same thing everywhere. Parsed strictly by the API (400 on a bad
 * value) and leniently by the page (a bad value is dropped, never an error page).
 *
 * Dates (`from`, `to`) are calendar days in the time zone `tz` (an IANA name); without `tz` they are
 * read in the zone the caller falls back to (the page: the viewer's zone from the `tz` cookie; the
 * API and export: UTC). The filter controls always write `tz` next to a date, so a shared link means
 * the same days for every reader.
 */

export const TIMELINE_KINDS = ["message", "call", "voicemail"] as const;
export type TimelineKind = (typeof TIMELINE_KINDS)[number];

/** Message statuses and call outcomes a viewer can filter by. `failed` also matches `undelivered`. */
export const TIMELINE_STATUSES = [
  "received",
  "delivered",
  "sent",
  "queued",
  "failed",
  "answered",
  "missed",
  "voicemail",
  "forwarded",
  "ringing",
  "in_progress",
] as const;
export type TimelineStatus = (typeof TIMELINE_STATUSES)[number];

export const MAX_QUERY_CHARS = 200;
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
/** A single query-string value: the first of repeated keys, blank means absent. */
const single = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const v = first(value);
    return typeof v === "string" && v.trim() === "" ? undefined : v;
  }, schema.optional());

const id = z.coerce.number().int().positive().max(2_147_483_647);
const flag = z.enum(["1", "true", "0", "false"]).transform((v) => v === "1" || v === "true");
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v), "not a calendar date");

/** Control characters (PostgreSQL rejects NUL outright) and our highlight markers are dropped. */
function cleanSearchText(value: string): string {
  return value
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uE000\uE001]/g, "")
    .trim()
    .slice(0, MAX_QUERY_CHARS);
}

export const timelineQuerySchema = z.object({
  /** Full-text search; longer input is cut, never rejected (a pasted paragraph must not error). */
  q: single(z.string().transform(cleanSearchText)),
  inbox: single(id),
  contact: single(id),
  conversation: single(id),
  direction: single(z.enum(["incoming", "outgoing"])),
  kind: single(z.enum(TIMELINE_KINDS)),
  status: single(z.enum(TIMELINE_STATUSES)),
  recording: single(flag),
  media: single(flag),
  from: single(day),
  to: single(day),
  tz: single(z.string().refine(isTimeZone, "unknown time zone")),
  cursor: single(z.string().max(512)),
  limit: single(z.coerce.number().int().min(1).max(MAX_PAGE_SIZE)),
  /** Only rows created after this Activity id (the live "N new" check). */
  after: single(z.coerce.number().int().min(0).max(2_147_483_647)),
});

export type TimelineQuery = z.infer<typeof timelineQuerySchema>;
type QueryKey = keyof TimelineQuery;
const QUERY_KEYS = Object.keys(timelineQuerySchema.shape) as QueryKey[];

export type QueryInput = URLSearchParams | Record<string, string | string[] | undefined>;

function toRecord(input: QueryInput): Record<string, string | string[] | undefined> {
  if (!(input instanceof URLSearchParams)) return input;
  const out: Record<string, string[]> = {};
  for (const [key, value] of input) (out[key] ??= []).push(value);
  return out;
}

export type ParseResult = { ok: true; query: TimelineQuery } | { ok: false; issues: string[] };

/** API/export: every value must be valid. */
export function parseTimelineQueryStrict(input: QueryInput): ParseResult {
  const parsed = timelineQuerySchema.safeParse(toRecord(input));
  if (parsed.success) return { ok: true, query: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
}

/** Page: each invalid value is dropped on its own, so one bad parameter never hides the rest. */
export function parseTimelineQueryLenient(input: QueryInput): TimelineQuery {
  const record = toRecord(input);
  const query: Record<string, unknown> = {};
  for (const key of QUERY_KEYS) {
    const parsed = timelineQuerySchema.shape[key].safeParse(record[key]);
    if (parsed.success && parsed.data !== undefined) query[key] = parsed.data;
  }
  return query as TimelineQuery;
}

/** The query string of a query (stable key order; defaults left out), for links and fetches. */
export function timelineSearchParams(query: TimelineQuery, overrides: Partial<Record<QueryKey, string | number | boolean | undefined>> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of QUERY_KEYS) {
    const value = key in overrides ? overrides[key] : query[key];
    if (value === undefined || value === "" || value === false) continue;
    params.set(key, value === true ? "1" : String(value));
  }
  return params;
}

/** The filter part only (what "clear filters" removes and what counts depend on). */
export const FILTER_KEYS = ["inbox", "contact", "conversation", "direction", "kind", "status", "recording", "media", "from", "to"] as const;

export function hasFilters(query: TimelineQuery): boolean {
  return FILTER_KEYS.some((key) => query[key] !== undefined);
}

/** Resolved filter values the queries use. */
export type TimelineFilters = {
  q: string | null;
  phoneNumberId: number | null;
  contactId: number | null;
  conversationId: number | null;
  direction: "incoming" | "outgoing" | null;
  kind: TimelineKind | null;
  status: TimelineStatus | null;
  hasRecording: boolean | null;
  hasMedia: boolean | null;
  /** Inclusive lower bound. */
  since: Date | null;
  /** Exclusive upper bound. */
  until: Date | null;
};

export function resolveFilters(query: TimelineQuery, fallbackTz: string): TimelineFilters {
  const tz = query.tz ?? fallbackTz;
  return {
    q: query.q ? query.q : null,
    phoneNumberId: query.inbox ?? null,
    contactId: query.contact ?? null,
    conversationId: query.conversation ?? null,
    direction: query.direction ?? null,
    kind: query.kind ?? null,
    status: query.status ?? null,
    hasRecording: query.recording ?? null,
    hasMedia: query.media ?? null,
    since: query.from ? startOfDayInZone(query.from, tz) : null,
    until: query.to ? startOfDayInZone(nextDay(query.to), tz) : null,
  };
}

export const NO_FILTERS: TimelineFilters = resolveFilters({}, "UTC");
