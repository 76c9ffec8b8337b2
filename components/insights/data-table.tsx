import type { Cell, InsightsTable } from "@/lib/insights/tables";

const show = (value: Cell) => (value === null ? "—" : typeof value === "number" ? value.toLocaleString("en-US") : value);

/** A chart's figures as a plain table (the same rows as its CSV). */
export function DataTable({ table }: { table: InsightsTable }) {
  return (
    <div className="overflow-x-auto rounded-lg ring-1 ring-zinc-950/5 dark:ring-white/10">
      <table className="w-full text-left text-sm tabular-nums">
        <caption className="sr-only">{table.title}</caption>
        <thead className="bg-zinc-50 text-xs text-zinc-500 dark:bg-white/[0.03] dark:text-zinc-400">
          <tr>
            {table.columns.map((column, i) => (
              <th key={column} scope="col" className={`px-3 py-2 font-medium whitespace-nowrap ${i > 0 ? "text-right" : ""}`}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100 dark:divide-white/5">
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((value, i) =>
                i === 0 ? (
                  <th key={i} scope="row" className="px-3 py-1.5 font-medium whitespace-nowrap text-zinc-700 dark:text-zinc-200">
                    {show(value)}
                  </th>
                ) : (
                  <td key={i} className="px-3 py-1.5 text-right whitespace-nowrap text-zinc-600 dark:text-zinc-300">
                    {show(value)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
