"use client";

import { useId, useState, type ReactNode } from "react";

/**
 * Chart or plain table: both are rendered on the server; this leaf only switches which one shows.
 * The table is what the CSV holds, and the accessible way to read the figures.
 */
export function ChartTabs({ label, chart, table }: { label: string; chart: ReactNode; table: ReactNode }) {
  const [view, setView] = useState<"chart" | "table">("chart");
  const id = useId();
  const tab = (value: "chart" | "table", text: string) => (
    <button
      type="button"
      role="tab"
      id={`${id}-${value}-tab`}
      aria-selected={view === value}
      aria-controls={`${id}-${value}`}
      onClick={() => setView(value)}
      className={[
        "h-6 rounded px-2 text-xs font-medium transition-colors",
        view === value
          ? "bg-white text-zinc-900 shadow-xs ring-1 ring-zinc-950/5 dark:bg-zinc-700 dark:text-white dark:ring-white/10"
          : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white",
      ].join(" ")}
    >
      {text}
    </button>
  );
  return (
    <div>
      <div role="tablist" aria-label={`${label}: view`} className="mb-3 inline-flex gap-0.5 rounded-md bg-zinc-100 p-0.5 ring-1 ring-zinc-950/5 ring-inset dark:bg-white/[0.06] dark:ring-white/10">
        {tab("chart", "Chart")}
        {tab("table", "Table")}
      </div>
      <div role="tabpanel" id={`${id}-chart`} aria-labelledby={`${id}-chart-tab`} hidden={view !== "chart"}>
        {chart}
      </div>
      <div role="tabpanel" id={`${id}-table`} aria-labelledby={`${id}-table-tab`} hidden={view !== "table"}>
        {table}
      </div>
    </div>
  );
}
