/** Short waiting times for figures: "45 s", "20 min", "2 h 5 min", "3 d 4 h". */
export function formatWait(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** "Mar 7" for a calendar day (YYYY-MM-DD). */
export function formatShortDay(day: string): string {
  return new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** "Mar 7 – Mar 9, 2026", or one day. */
export function formatDayRange(from: string, to: string): string {
  const year = (day: string) => day.slice(0, 4);
  const long = (day: string) => `${formatShortDay(day)}, ${year(day)}`;
  if (from === to) return long(from);
  return year(from) === year(to) ? `${formatShortDay(from)} – ${long(to)}` : `${long(from)} – ${long(to)}`;
}

export function formatPercent(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 1000) / 10}%`;
}
