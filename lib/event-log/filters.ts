import { z } from "zod";

/** What a delivery came to; "duplicate" = a stored event that was delivered again at least once. */
export const EVENT_OUTCOMES = ["processed", "duplicate", "ignored", "invalid", "failed"] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "use YYYY-MM-DD")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "not a date");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** The event-log filter as it lives in the URL (and in a bulk replay job). Dates are UTC days. */
export const eventFilterSchema = z.object({
  outcome: z.enum(EVENT_OUTCOMES).optional().catch(undefined),
  type: optionalText(100),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  /** An OpenPhone resource id (call AC…, message AC…, contact CT…). */
  resource: optionalText(100),
  /** Text inside the raw payload. */
  q: optionalText(200),
});
export type EventFilter = z.infer<typeof eventFilterSchema>;

export const EVENT_FILTER_KEYS = ["outcome", "type", "from", "to", "resource", "q"] as const satisfies readonly (keyof EventFilter)[];

/** Reads the filter from URL search params (a page's `searchParams` or a form). Bad values are dropped. */
export function parseEventFilter(params: Record<string, string | string[] | undefined> | URLSearchParams): EventFilter {
  const read = (key: string) => {
    const value = params instanceof URLSearchParams ? params.get(key) : params[key];
    return Array.isArray(value) ? value[0] : (value ?? undefined);
  };
  return eventFilterSchema.parse(Object.fromEntries(EVENT_FILTER_KEYS.map((key) => [key, read(key) ?? undefined])));
}

/** The filter as URL search params, without empty entries. */
export function eventFilterParams(filter: EventFilter, extra: Record<string, string | undefined> = {}): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of EVENT_FILTER_KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
}

export function isFilterEmpty(filter: EventFilter): boolean {
  return EVENT_FILTER_KEYS.every((key) => !filter[key]);
}

/** [from 00:00, day after `to` 00:00) in UTC. */
export function filterTimeRange(filter: EventFilter): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filter.from) range.gte = new Date(`${filter.from}T00:00:00Z`);
  if (filter.to) range.lt = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000);
  return range;
}
