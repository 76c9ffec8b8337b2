"use client";

import Form from "next/form";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import type { InsightsRange } from "@/lib/insights/range";

/** The workspace number filter: a GET form; with JavaScript, choosing an option submits it. */
export function InsightsNumberFilter({
  numbers,
  range,
}: {
  numbers: { id: number; name: string | null; number: string | null }[];
  range: Pick<InsightsRange, "preset" | "from" | "to" | "phoneNumberId">;
}) {
  return (
    <Form action="/insights" className="flex items-center gap-2">
      <input type="hidden" name="range" value={range.preset} />
      {range.preset === "custom" ? (
        <>
          <input type="hidden" name="from" value={range.from} />
          <input type="hidden" name="to" value={range.to} />
        </>
      ) : null}
      <label htmlFor="insights-number" className="text-xs font-medium text-zinc-500 dark:text-zinc-400">
        Number
      </label>
      <select
        id="insights-number"
        name="number"
        defaultValue={range.phoneNumberId ? String(range.phoneNumberId) : ""}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="h-8 max-w-[14rem] cursor-pointer truncate rounded-md border-0 bg-white py-0 pr-8 pl-2.5 text-sm text-zinc-800 shadow-xs ring-1 ring-zinc-950/10 ring-inset dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10"
      >
        <option value="">All numbers</option>
        {numbers.map((n) => (
          <option key={n.id} value={String(n.id)}>
            {[n.name, n.number ? formatPhoneNumber(n.number) : null].filter(Boolean).join(" · ") || `Number ${n.id}`}
          </option>
        ))}
      </select>
      <button
        type="submit"
        className="sr-only rounded-md bg-zinc-900 px-2.5 py-1 text-xs font-medium text-white focus:not-sr-only dark:bg-white dark:text-zinc-900"
      >
        Apply
      </button>
    </Form>
  );
}
