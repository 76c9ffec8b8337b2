import type { VolumeCategory } from "@/lib/insights/queries";

/** Fill and swatch classes per volume category, light and dark (literal strings, so Tailwind sees them). */
export const CATEGORY_FILL: Record<VolumeCategory, string> = {
  text_in: "fill-sky-500 dark:fill-sky-400",
  text_out: "fill-indigo-500 dark:fill-indigo-400",
  answered: "fill-emerald-500 dark:fill-emerald-400",
  missed: "fill-rose-500 dark:fill-rose-400",
  voicemail: "fill-amber-500 dark:fill-amber-400",
  call_out: "fill-violet-400 dark:fill-violet-300",
  call_other: "fill-zinc-400 dark:fill-zinc-500",
};

export const CATEGORY_SWATCH: Record<VolumeCategory, string> = {
  text_in: "bg-sky-500 dark:bg-sky-400",
  text_out: "bg-indigo-500 dark:bg-indigo-400",
  answered: "bg-emerald-500 dark:bg-emerald-400",
  missed: "bg-rose-500 dark:bg-rose-400",
  voicemail: "bg-amber-500 dark:bg-amber-400",
  call_out: "bg-violet-400 dark:bg-violet-300",
  call_other: "bg-zinc-400 dark:bg-zinc-500",
};

export const AXIS_TEXT = "fill-zinc-500 text-[11px] dark:fill-zinc-400";
export const GRID_LINE = "stroke-zinc-200 dark:stroke-white/10";
