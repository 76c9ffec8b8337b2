import Link from "next/link";
import { insightsSearchParams, type InsightsRange, type RangePreset } from "@/lib/insights/range";
import { WorkspaceFilter } from "@/components/workspace-filter";

const PRESETS: { preset: Exclude<RangePreset, "custom">; label: string }[] = [
  { preset: "today", label: "Today" },
  { preset: "7d", label: "7 days" },
  { preset: "30d", label: "30 days" },
];

const href = (params: URLSearchParams) => (params.size > 0 ? `/insights?${params.toString()}` : "/insights");

/** Range presets (links), a custom range (a GET form that works without JavaScript) and the number filter. */
export function InsightsToolbar({ range, numbers }: { range: InsightsRange; numbers: { id: number; name: string | null; number: string | null }[] }) {
  return (
    <div className="mb-6 flex flex-wrap items-center gap-x-4 gap-y-3">
      <nav aria-label="Range" className="inline-flex items-center gap-0.5 rounded-lg bg-zinc-100 p-0.5 ring-1 ring-zinc-950/5 ring-inset dark:bg-white/[0.06] dark:ring-white/10">
        {PRESETS.map(({ preset, label }) => {
          const current = range.preset === preset;
          return (
            <Link
              key={preset}
              href={href(insightsSearchParams({ preset, from: range.from, to: range.to, phoneNumberId: range.phoneNumberId }))}
              aria-current={current ? "page" : undefined}
              className={[
                "inline-flex h-7 items-center rounded-md px-3 text-sm font-medium transition-colors",
                current
                  ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-950/5 dark:bg-zinc-700 dark:text-white dark:ring-white/10"
                  : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white",
              ].join(" ")}
            >
              {label}
            </Link>
          );
        })}
      </nav>
      <form action="/insights" aria-label="Custom range" className="flex flex-wrap items-center gap-2 text-sm">
        <input type="hidden" name="range" value="custom" />
        {range.phoneNumberId !== null ? <input type="hidden" name="number" value={range.phoneNumberId} /> : null}
        <label className="flex items-center gap-1.5">
          <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">From</span>
          <input type="date" name="from" required defaultValue={range.from} className={dateInput} />
        </label>
        <label className="flex items-center gap-1.5">
          <span className="text-xs font-medium text-zinc-500 dark:text-zinc-400">to</span>
          <input type="date" name="to" required defaultValue={range.to} className={dateInput} />
        </label>
        <button
          type="submit"
          aria-current={range.preset === "custom" ? "true" : undefined}
          className="inline-flex h-8 items-center rounded-md px-2.5 text-sm font-medium text-zinc-700 ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 aria-[current]:bg-indigo-50 aria-[current]:text-indigo-900 aria-[current]:ring-indigo-200 dark:text-zinc-200 dark:ring-white/10 dark:hover:bg-white/5 dark:aria-[current]:bg-indigo-400/10 dark:aria-[current]:text-indigo-100 dark:aria-[current]:ring-indigo-400/30"
        >
          Apply
        </button>
      </form>
      {numbers.length > 1 ? <WorkspaceFilter
          action="/insights"
          id="insights-number"
          numbers={numbers}
          selected={range.phoneNumberId ?? null}
          keep={range.preset === "custom" ? { range: range.preset, from: range.from, to: range.to } : { range: range.preset }}
        /> : null}
    </div>
  );
}

const dateInput =
  "h-8 rounded-md border-0 bg-white px-2 text-sm text-zinc-800 shadow-xs ring-1 ring-zinc-950/10 ring-inset dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10 dark:[color-scheme:dark]";
