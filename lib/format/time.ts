/**
 * Time formatting for the viewer's time zone. Pure: every function takes the zone (undefined = the
 * runtime's own zone, i.e. the browser's in a client component) and, where relevant, "now".
 * components/local-time.tsx renders these in the browser; the server's first paint uses UTC.
 */

const LOCALE = "en-US";
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone ?? ""}|${JSON.stringify(options)}`;
  let value = cache.get(key);
  if (!value) {
    value = new Intl.DateTimeFormat(LOCALE, { ...options, timeZone });
    cache.set(key, value);
  }
  return value;
}

/** Calendar day of `date` in the zone, as a day number (days since 1970-01-01). */
export function dayNumber(date: Date, timeZone?: string): number {
  const parts = formatter(timeZone, { year: "numeric", month: "numeric", day: "numeric" }).formatToParts(date);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Math.round(Date.UTC(get("year"), get("month") - 1, get("day")) / 86_400_000);
}

export function isSameDay(a: Date, b: Date, timeZone?: string): boolean {
  return dayNumber(a, timeZone) === dayNumber(b, timeZone);
}

function year(date: Date, timeZone?: string): string {
  return formatter(timeZone, { year: "numeric" }).format(date);
}

/** "3:05 PM" */
export function formatClockTime(date: Date, timeZone?: string): string {
  return formatter(timeZone, { hour: "numeric", minute: "2-digit" }).format(date);
}

/** "Mar 3, 2026, 3:05 PM" */
export function formatDateTimeMedium(date: Date, timeZone?: string): string {
  return formatter(timeZone, { month: "short", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" }).format(date);
}

/** "Mar 3, 2026, 3:05:09 PM EST": full precision with the zone named, for detail pages and tooltips. */
export function formatDateTimeFull(date: Date, timeZone?: string): string {
  return formatter(timeZone, {
    month: "short",
    day: "numeric",
    year: "numeric",
    hour: "numeric",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "short",
  }).format(date);
}

/** Day separator label in a thread: "Today", "Yesterday", "Monday, March 3", or "March 3, 2024". */
export function formatDayLabel(date: Date, now: Date, timeZone?: string): string {
  const diff = dayNumber(now, timeZone) - dayNumber(date, timeZone);
  if (diff === 0) return "Today";
  if (diff === 1) return "Yesterday";
  if (year(date, timeZone) !== year(now, timeZone)) {
    return formatter(timeZone, { month: "long", day: "numeric", year: "numeric" }).format(date);
  }
  return formatter(timeZone, { weekday: "long", month: "long", day: "numeric" }).format(date);
}

/**
 * Compact time of a list row, like a messaging app: "now", "5m", "3h" within the day, then
 * "Yesterday", a weekday within the week, "Mar 3" within the year, "Mar 3, 2024" before.
 */
export function formatRelativeShort(date: Date, now: Date, timeZone?: string): string {
  const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
  const days = dayNumber(now, timeZone) - dayNumber(date, timeZone);
  if (seconds < 60 && seconds > -60) return "now";
  if (days <= 0 && seconds > 0) {
    if (seconds < 3600) return `${Math.floor(seconds / 60)}m`;
    return `${Math.floor(seconds / 3600)}h`;
  }
  if (days === 1) return "Yesterday";
  if (days > 1 && days < 7) return formatter(timeZone, { weekday: "short" }).format(date);
  if (year(date, timeZone) === year(now, timeZone)) return formatter(timeZone, { month: "short", day: "numeric" }).format(date);
  return formatter(timeZone, { month: "short", day: "numeric", year: "numeric" }).format(date);
}

/** Media/call length: "0:31", "12:05", "1:02:03". */
export function formatDuration(totalSeconds: number): string {
  const safe = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const h = Math.floor(safe / 3600);
  const m = Math.floor((safe % 3600) / 60);
  const s = safe % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Spoken form for screen readers: "1 minute 5 seconds". */
export function formatDurationWords(totalSeconds: number): string {
  const safe = Number.isFinite(totalSeconds) && totalSeconds > 0 ? Math.floor(totalSeconds) : 0;
  const h = Math.floor(safe / 3600);
  const m = Math.floor((safe % 3600) / 60);
  const s = safe % 60;
  const part = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const parts = [h ? part(h, "hour") : "", m ? part(m, "minute") : "", s || (!h && !m) ? part(s, "second") : ""];
  return parts.filter(Boolean).join(" ");
}
