import { z } from "zod";
import { isTimeZone, nextDay, startOfDayInZone } from "../time-zone";
import { offsetSegments, type OffsetSegment } from "./zone-offsets";

/**
 * The insights page's query string (range, custom days, workspace number), shared by the page and
 * the CSV export, and its resolution into instants in the viewer's time zone. Parsing is lenient:
 * an unusable value falls back to the default, never to an error page.
 */

export const RANGE_PRESETS = ["today", "7d", "30d", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = "7d";
/** Longest custom range: a year of days keeps every chart readable and every query bounded. */
export const MAX_RANGE_DAYS = 366;

const PRESET_DAYS: Record<Exclude<RangePreset, "custom">, number> = { today: 1, "7d": 7, "30d": 30 };

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    const v = first(value);
    return typeof v === "string" && v.trim() === "" ? undefined : v;
  }, schema.optional().catch(undefined));

const daySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v));

export const insightsQuerySchema = z.object({
  range: optional(z.enum(RANGE_PRESETS)),
  from: optional(daySchema),
  to: optional(daySchema),
  number: optional(z.coerce.number().int().positive().max(2_147_483_647)),
  tz: optional(z.string().max(64).refine(isTimeZone)),
});
export type InsightsQuery = z.infer<typeof insightsQuerySchema>;

export function parseInsightsQuery(input: Record<string, string | string[] | undefined> | URLSearchParams): InsightsQuery {
  const record = input instanceof URLSearchParams ? Object.fromEntries(input.entries()) : input;
  return insightsQuerySchema.parse(record);
}

export type InsightsRange = {
  preset: RangePreset;
  /** First and last calendar day shown, inclusive (YYYY-MM-DD in `tz`). */
  from: string;
  to: string;
  /** Every day of the range, in order. */
  days: string[];
  tz: string;
  /** [start, end): from the start of `from` to the start of the day after `to`, in `tz`. */
  start: Date;
  end: Date;
  /** The same number of days just before, for trends. */
  previous: { start: Date; end: Date };
  /** The zone's UTC offsets over [previous.start, end) (lib/insights/zone-offsets.ts). */
  segments: OffsetSegment[];
  /** Our PhoneNumber id, or null for all numbers. */
  phoneNumberId: number | null;
};

function addDays(day: string, n: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + n);
  return date.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Calendar day of `now` in `tz`. */
export function todayIn(now: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The range a query asks for, in `viewerTz` unless the query names a zone. */
export function resolveInsightsRange(query: InsightsQuery, viewerTz: string, now: Date): InsightsRange {
  const tz = query.tz ?? viewerTz;
  const today = todayIn(now, tz);
  let preset: RangePreset = query.range ?? DEFAULT_PRESET;
  let from: string;
  let to: string;
  if (preset === "custom" && query.from) {
    from = query.from;
    to = query.to && query.to >= query.from ? query.to : query.from;
    if (daysBetween(from, to) > MAX_RANGE_DAYS) to = addDays(from, MAX_RANGE_DAYS - 1);
  } else {
    if (preset === "custom") preset = DEFAULT_PRESET;
    to = today;
    from = addDays(today, -(PRESET_DAYS[preset as Exclude<RangePreset, "custom">] - 1));
  }
  const length = daysBetween(from, to);
  const days = Array.from({ length }, (_, i) => addDays(from, i));
  const start = startOfDayInZone(from, tz);
  const end = startOfDayInZone(nextDay(to), tz);
  const previousStart = startOfDayInZone(addDays(from, -length), tz);
  return {
    preset,
    from,
    to,
    days,
    tz,
    start,
    end,
    previous: { start: previousStart, end: start },
    segments: offsetSegments(previousStart, end, tz),
    phoneNumberId: query.number ?? null,
  };
}

/** The query string of a range (what links and the CSV export carry). */
export function insightsSearchParams(range: Pick<InsightsRange, "preset" | "from" | "to" | "phoneNumberId">, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams();
  if (range.preset !== DEFAULT_PRESET) params.set("range", range.preset);
  if (range.preset === "custom") {
    params.set("from", range.from);
    params.set("to", range.to);
  }
  if (range.phoneNumberId !== null) params.set("number", String(range.phoneNumberId));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params;
}
