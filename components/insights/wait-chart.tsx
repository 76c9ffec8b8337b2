import { scaleLinear } from "d3-scale";
import type { WaitStats } from "@/lib/insights/queries";
import { WAIT_BUCKET_LABELS } from "@/lib/insights/tables";

/** How long people waited, as horizontal bars per bucket (HTML bars sized by a d3 scale: they reflow on a phone). */
export function WaitChart({ stats, noun }: { stats: WaitStats; noun: string }) {
  const x = scaleLinear().domain([0, Math.max(1, ...stats.buckets.map((b) => b.count))]).range([0, 100]);
  return (
    <ul className="space-y-1.5" aria-label={`${noun} by waiting time`}>
      {stats.buckets.map((b) => (
        <li key={b.key} className="grid grid-cols-[7.5rem_1fr_2.5rem] items-center gap-2 text-xs">
          <span className="text-zinc-600 dark:text-zinc-400">{WAIT_BUCKET_LABELS[b.key]}</span>
          <span className="h-4 rounded-sm bg-zinc-100 dark:bg-white/5">
            <span
              className={`block h-full rounded-sm ${b.key === "none" ? "bg-rose-400 dark:bg-rose-400/80" : "bg-indigo-500 dark:bg-indigo-400"}`}
              style={{ width: `${x(b.count)}%` }}
            />
          </span>
          <span className="text-right text-zinc-700 tabular-nums dark:text-zinc-300">{b.count.toLocaleString("en-US")}</span>
        </li>
      ))}
    </ul>
  );
}
