import Link from "next/link";
import { buttonClass } from "@/components/button-styles";
import { EVENT_OUTCOMES, type EventFilter } from "@/lib/event-log/filters";

const inputClass =
  "block w-full rounded-md border-0 bg-white px-2.5 py-1.5 text-sm text-zinc-900 shadow-xs ring-1 ring-inset ring-zinc-300 placeholder:text-zinc-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 focus:outline-none dark:bg-white/5 dark:text-white dark:ring-white/10 dark:placeholder:text-zinc-500 dark:[color-scheme:dark] dark:focus:ring-indigo-400";
const labelClass = "block text-xs font-medium text-zinc-600 dark:text-zinc-400";

/** The event-log filters: a plain GET form, so the filter lives in the URL and works without script. */
export function EventFilters({ filter, types }: { filter: EventFilter; types: string[] }) {
  return (
    <form method="get" action="/admin/events" aria-label="Filter events" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-7 lg:items-end">
      <div>
        <label htmlFor="filter-outcome" className={labelClass}>Outcome</label>
        <select id="filter-outcome" name="outcome" defaultValue={filter.outcome ?? ""} className={`mt-1 ${inputClass}`}>
          <option value="">Any</option>
          {EVENT_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o === "duplicate" ? "Duplicate" : o.charAt(0).toUpperCase() + o.slice(1)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-type" className={labelClass}>Type</label>
        <select id="filter-type" name="type" defaultValue={filter.type ?? ""} className={`mt-1 ${inputClass}`}>
          <option value="">Any</option>
          {types.map((t) => (
            <option key={t} value={t}>{t}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-from" className={labelClass}>From (UTC)</label>
        <input id="filter-from" type="date" name="from" defaultValue={filter.from ?? ""} className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="filter-to" className={labelClass}>To (UTC)</label>
        <input id="filter-to" type="date" name="to" defaultValue={filter.to ?? ""} className={`mt-1 ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="filter-resource" className={labelClass}>Call / message id</label>
        <input id="filter-resource" name="resource" placeholder="AC…" defaultValue={filter.resource ?? ""} className={`mt-1 font-mono ${inputClass}`} />
      </div>
      <div>
        <label htmlFor="filter-q" className={labelClass}>Text in payload</label>
        <input id="filter-q" type="search" name="q" placeholder="Search bodies" defaultValue={filter.q ?? ""} className={`mt-1 ${inputClass}`} />
      </div>
      <div className="col-span-2 flex gap-2 sm:col-span-3 lg:col-span-1">
        <button type="submit" className={buttonClass("primary", "md")}>
          Filter
        </button>
        <Link href="/admin/events" className={buttonClass("secondary", "md")}>
          Clear
        </Link>
      </div>
    </form>
  );
}
