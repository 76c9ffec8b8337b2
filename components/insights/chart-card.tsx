import type { ReactNode } from "react";
import { DownloadIcon } from "@/components/icons";
import type { InsightsTable } from "@/lib/insights/tables";
import { ChartTabs } from "./chart-tabs";
import { DataTable } from "./data-table";

/** One chart: title, headline figures, the chart or its table, and its CSV download. */
export function ChartCard({
  title,
  description,
  figures,
  table,
  csvHref,
  children,
  className = "",
}: {
  title: string;
  description: string;
  figures?: ReactNode;
  table: InsightsTable;
  csvHref: string;
  children: ReactNode;
  className?: string;
}) {
  const headingId = `chart-${table.chart}`;
  return (
    <section
      aria-labelledby={headingId}
      data-chart={table.chart}
      className={`min-w-0 rounded-xl border border-zinc-200 bg-white p-4 shadow-xs sm:p-5 dark:border-white/10 dark:bg-zinc-900 ${className}`}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-white">
            {title}
          </h2>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{description}</p>
        </div>
        <a
          href={csvHref}
          download
          className="inline-flex h-7 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-zinc-600 ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 hover:text-zinc-900 dark:text-zinc-300 dark:ring-white/10 dark:hover:bg-white/5 dark:hover:text-white"
        >
          <DownloadIcon className="size-3.5" />
          CSV
          <span className="sr-only">of {title.toLowerCase()}</span>
        </a>
      </div>
      {figures ? <div className="mb-4 flex flex-wrap gap-x-6 gap-y-2">{figures}</div> : null}
      <ChartTabs label={title} chart={children} table={<DataTable table={table} />} />
    </section>
  );
}

/** A headline number inside a chart card. */
export function Figure({ label, value, detail }: { label: string; value: string; detail?: ReactNode }) {
  return (
    <div className="min-w-0">
      <p className="text-xs text-zinc-500 dark:text-zinc-400">{label}</p>
      <p className="text-xl font-semibold tracking-tight text-zinc-950 tabular-nums dark:text-white">{value}</p>
      {detail ? <p className="text-xs text-zinc-500 dark:text-zinc-400">{detail}</p> : null}
    </div>
  );
}
