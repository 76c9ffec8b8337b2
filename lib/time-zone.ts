/**
 * Calendar days in IANA time zones, without a date library. Pure; safe in client components.
 */

export function isTimeZone(value: string): boolean {
  if (value.length > 64) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of `tz` at `instant`. */
export function zoneOffsetMinutes(instant: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** The instant a calendar day (YYYY-MM-DD) starts in `tz`, DST-safe. */
export function startOfDayInZone(day: string, tz: string): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  let instant = guess - zoneOffsetMinutes(new Date(guess), tz) * 60_000;
  // The offset at the result can differ from the guess's across a DST change: settle once more.
  instant = guess - zoneOffsetMinutes(new Date(instant), tz) * 60_000;
  return new Date(instant);
}

export function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The calendar day (YYYY-MM-DD) of an instant in `tz`. */
export function dayInZone(instant: Date, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}


/** Cookie holding the viewer's IANA zone (written by components/timeline/time-zone-sync.tsx). */
export const TZ_COOKIE = "tz";

/** The zone to render in: an explicit `tz` parameter, else the cookie, else UTC. */
export function viewerTimeZone(cookieValue: string | undefined): string {
  if (cookieValue) {
    let decoded = cookieValue;
    try {
      decoded = decodeURIComponent(cookieValue);
    } catch {
      return "UTC";
    }
    if (isTimeZone(decoded)) return decoded;
  }
  return "UTC";
}
