"use client";

import { useEffect, useState, useSyncExternalStore } from "react";
import {
  formatClockTime,
  formatDateTimeFull,
  formatDateTimeMedium,
  formatDayLabel,
  formatRelativeShort,
  isSameDay,
} from "@/lib/format/time";

/**
 * Dates in the viewer's time zone. The server has no idea where the reader is, so the first paint
 * (server HTML and hydration) uses UTC, and the browser switches to its own zone right after
 * hydration. Leaves only: the surrounding page stays a server component.
 */

const noop = () => () => {};

/** False during server rendering and hydration, true afterwards. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

/** "Now" that advances every minute in the browser (relative labels stay right on an open tab). */
function useNow(serverNow: string | undefined, hydrated: boolean): Date {
  const [now, setNow] = useState<Date | null>(null);
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return hydrated && now ? now : new Date(serverNow ?? 0);
}

export type LocalTimeFormat = "relative" | "clock" | "medium" | "full";

export function LocalTime({
  iso,
  format,
  serverNow,
  className,
}: {
  iso: string;
  format: LocalTimeFormat;
  /** The server's "now" (ISO), so relative labels render identically on the server and at hydration. */
  serverNow?: string;
  className?: string;
}) {
  const hydrated = useHydrated();
  const now = useNow(serverNow, hydrated);
  const zone = hydrated ? undefined : "UTC";
  const date = new Date(iso);
  const text =
    format === "relative"
      ? formatRelativeShort(date, now, zone)
      : format === "clock"
        ? formatClockTime(date, zone)
        : format === "medium"
          ? formatDateTimeMedium(date, zone)
          : formatDateTimeFull(date, zone);
  return (
    <time dateTime={iso} title={formatDateTimeFull(date, zone)} className={className} suppressHydrationWarning>
      {text}
    </time>
  );
}

/** A thread's day separator: rendered only when this item falls on another day than the previous one, in the viewer's zone. */
export function DayDivider({ iso, previousIso, serverNow }: { iso: string; previousIso: string | null; serverNow: string }) {
  const hydrated = useHydrated();
  const now = useNow(serverNow, hydrated);
  const zone = hydrated ? undefined : "UTC";
  const date = new Date(iso);
  if (previousIso && isSameDay(new Date(previousIso), date, zone)) return null;
  return (
    <div role="separator" aria-label={formatDayLabel(date, now, zone)} className="flex items-center gap-3 py-2">
      <span className="h-px flex-1 bg-zinc-200 dark:bg-white/10" />
      <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{formatDayLabel(date, now, zone)}</span>
      <span className="h-px flex-1 bg-zinc-200 dark:bg-white/10" />
    </div>
  );
}
