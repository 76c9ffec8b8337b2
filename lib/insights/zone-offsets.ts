/**
 * The UTC offsets a time zone goes through between two instants, found in JS so the database can
 * bucket by local day and hour with plain integer arithmetic: local seconds = UTC seconds + the
 * offset of the segment the instant falls in. Daylight-saving days come out 23 or 25 hours long.
 */

export type OffsetSegment = {
  /** The first instant this offset applies (the range start for the first segment). */
  from: Date;
  /** Seconds east of UTC. */
  offsetSeconds: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let formatter = formatters.get(tz);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(tz, formatter);
  }
  return formatter;
}

/** Seconds east of UTC of `tz` at `instantMs` (a cached formatter: this runs a few hundred times per page). */
export function offsetSecondsAt(instantMs: number, tz: string): number {
  const parts = formatterFor(tz).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - wholeSecond) / 1000);
}

/** No zone changes its offset twice within this; sampling at this step finds every change. */
const STEP_MS = 6 * 3_600_000;

/** The offset segments covering [start, end), in order; one segment when nothing changes. */
export function offsetSegments(start: Date, end: Date, tz: string): OffsetSegment[] {
  const segments: OffsetSegment[] = [{ from: start, offsetSeconds: offsetSecondsAt(start.getTime(), tz) }];
  let previous = start.getTime();
  while (previous < end.getTime()) {
    const next = Math.min(previous + STEP_MS, end.getTime());
    const current = segments[segments.length - 1]!.offsetSeconds;
    const offset = offsetSecondsAt(next, tz);
    if (offset !== current) {
      // Bisect to the first second with the new offset.
      let lo = previous;
      let hi = next;
      while (hi - lo > 1000) {
        const mid = Math.floor((lo + hi) / 2000) * 1000;
        if (mid <= lo) break;
        if (offsetSecondsAt(mid, tz) === current) lo = mid;
        else hi = mid;
      }
      segments.push({ from: new Date(hi), offsetSeconds: offset });
    }
    previous = next;
  }
  return segments;
}
