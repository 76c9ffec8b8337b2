import { initialsOf } from "@/lib/contacts/name";

const TONES = [
  "bg-indigo-100 text-indigo-700 dark:bg-indigo-400/15 dark:text-indigo-200",
  "bg-emerald-100 text-emerald-700 dark:bg-emerald-400/15 dark:text-emerald-200",
  "bg-amber-100 text-amber-800 dark:bg-amber-400/15 dark:text-amber-200",
  "bg-rose-100 text-rose-700 dark:bg-rose-400/15 dark:text-rose-200",
  "bg-sky-100 text-sky-700 dark:bg-sky-400/15 dark:text-sky-200",
  "bg-violet-100 text-violet-700 dark:bg-violet-400/15 dark:text-violet-200",
];

/** A stable colour per person: the same contact always gets the same tone. */
function toneFor(seed: string): string {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return TONES[hash % TONES.length]!;
}

/** Decorative initials circle; the name is always written next to it. */
export function Avatar({ name, seed, size = "md" }: { name: string; seed: string; size?: "sm" | "md" | "lg" }) {
  const dimensions = size === "lg" ? "size-12 text-base" : size === "sm" ? "size-8 text-xs" : "size-10 text-sm";
  return (
    <span
      aria-hidden="true"
      className={`inline-flex shrink-0 items-center justify-center rounded-full font-semibold ring-1 ring-zinc-950/5 ring-inset dark:ring-white/10 ${dimensions} ${toneFor(seed)}`}
    >
      {initialsOf(name)}
    </span>
  );
}
