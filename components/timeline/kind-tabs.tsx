import Link from "next/link";
import type { KindCounts } from "@/lib/timeline/queries";

const TABS = [
  { kind: "", label: "All", count: (c: KindCounts) => c.all },
  { kind: "message", label: "Messages", count: (c: KindCounts) => c.message },
  { kind: "call", label: "Calls", count: (c: KindCounts) => c.call },
  { kind: "voicemail", label: "Voicemail", count: (c: KindCounts) => c.voicemail },
] as const;

/** All / Messages / Calls / Voicemail, each a link keeping the other filters, with counts when known. */
export function KindTabs({ current, counts, hrefFor }: { current: string; counts: KindCounts | null; hrefFor: (kind: string) => string }) {
  return (
    <nav aria-label="Kind of activity" className="-mx-1 overflow-x-auto px-1">
      <ul className="inline-flex gap-1 rounded-lg bg-zinc-100 p-1 dark:bg-white/5">
        {TABS.map((tab) => {
          const active = tab.kind === current;
          const count = counts ? tab.count(counts) : null;
          return (
            <li key={tab.kind || "all"}>
              <Link
                href={hrefFor(tab.kind)}
                prefetch={false}
                aria-current={active ? "page" : undefined}
                className={[
                  "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  active
                    ? "bg-white text-zinc-950 shadow-xs ring-1 ring-zinc-950/5 dark:bg-white/10 dark:text-white dark:ring-white/10"
                    : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white",
                ].join(" ")}
              >
                {tab.label}
                {count !== null ? (
                  <span
                    className={`text-xs tabular-nums ${active ? "text-zinc-500 dark:text-zinc-300" : "text-zinc-400 dark:text-zinc-500"}`}
                  >
                    {count.toLocaleString("en-US")}
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
