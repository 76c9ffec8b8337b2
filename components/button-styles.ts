/** Button classes shared by server pages and client forms (a plain module, usable on both sides). */
const buttonTones = {
  primary:
    "bg-indigo-600 text-white shadow-xs hover:bg-indigo-500 disabled:bg-indigo-600/60 dark:bg-indigo-500 dark:hover:bg-indigo-400 dark:disabled:bg-indigo-500/50",
  secondary:
    "bg-white text-zinc-800 shadow-xs ring-1 ring-inset ring-zinc-300 hover:bg-zinc-50 disabled:opacity-60 dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10 dark:hover:bg-white/10",
  danger:
    "bg-white text-rose-700 shadow-xs ring-1 ring-inset ring-rose-300 hover:bg-rose-50 disabled:opacity-60 dark:bg-white/5 dark:text-rose-300 dark:ring-rose-400/30 dark:hover:bg-rose-400/10",
} as const;

export type ButtonTone = keyof typeof buttonTones;

export function buttonClass(tone: ButtonTone = "primary", size: "sm" | "md" = "md"): string {
  return [
    "inline-flex items-center justify-center gap-2 rounded-md font-medium transition-colors disabled:cursor-not-allowed",
    size === "sm" ? "h-8 px-2.5 text-xs" : "h-9 px-3.5 text-sm",
    buttonTones[tone],
  ].join(" ");
}
