import { scaleLinear } from "d3-scale";
import type { StaffRow } from "@/lib/insights/queries";
import { formatWait } from "@/lib/insights/format";
import { staffLabel } from "@/lib/insights/tables";

/** Per OpenPhone user: calls answered, talk time and texts sent, each as a bar against the busiest person. */
export function StaffChart({ staff }: { staff: StaffRow[] }) {
  if (staff.length === 0) return <p className="py-6 text-center text-sm text-zinc-500 dark:text-zinc-400">No answered calls or sent texts in this range.</p>;
  const calls = scaleLinear().domain([0, Math.max(1, ...staff.map((s) => s.callsAnswered))]).range([0, 100]);
  const talk = scaleLinear().domain([0, Math.max(1, ...staff.map((s) => s.talkSeconds))]).range([0, 100]);
  const texts = scaleLinear().domain([0, Math.max(1, ...staff.map((s) => s.textsSent))]).range([0, 100]);
  const bar = (percent: number, tone: string) => (
    <span className="h-2 min-w-0 flex-1 rounded-full bg-zinc-100 dark:bg-white/5">
      <span className={`block h-full rounded-full ${tone}`} style={{ width: `${percent}%` }} />
    </span>
  );
  return (
    <ul className="divide-y divide-zinc-100 dark:divide-white/5">
      {staff.map((s) => (
        <li key={s.userId ?? "none"} className="grid gap-2 py-2.5 text-xs sm:grid-cols-[9rem_1fr_1fr_1fr] sm:items-center sm:gap-4">
          <span className="truncate font-medium text-zinc-800 dark:text-zinc-200" title={s.userId ?? undefined}>
            {staffLabel(s)}
          </span>
          <span className="flex items-center gap-2">
            {bar(calls(s.callsAnswered), "bg-emerald-500 dark:bg-emerald-400")}
            <span className="w-24 text-zinc-600 tabular-nums dark:text-zinc-400">{s.callsAnswered} answered</span>
          </span>
          <span className="flex items-center gap-2">
            {bar(talk(s.talkSeconds), "bg-violet-400 dark:bg-violet-300")}
            <span className="w-24 text-zinc-600 tabular-nums dark:text-zinc-400">{formatWait(s.talkSeconds)} talk</span>
          </span>
          <span className="flex items-center gap-2">
            {bar(texts(s.textsSent), "bg-indigo-500 dark:bg-indigo-400")}
            <span className="w-24 text-zinc-600 tabular-nums dark:text-zinc-400">{s.textsSent} texts</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
