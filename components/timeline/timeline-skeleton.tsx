/** The timeline's loading placeholder: header, search, tabs, then a day of rows. */

function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-zinc-200/80 motion-safe:animate-pulse dark:bg-white/10 ${className}`} />;
}

export function TimelineSkeleton() {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">Loading activity</span>
      <div className="mb-8 space-y-2.5">
        <Bar className="h-7 w-36" />
        <Bar className="h-4 w-80 max-w-full" />
      </div>
      <Bar className="h-10 w-full rounded-lg" />
      <div className="mt-3 flex flex-wrap gap-2">
        {["w-32", "w-32", "w-28", "w-24", "w-20", "w-36", "w-36"].map((w, i) => (
          <Bar key={i} className={`h-9 ${w} rounded-md`} />
        ))}
      </div>
      <Bar className="mt-4 h-9 w-80 max-w-full rounded-lg" />
      <Bar className="mt-6 mb-3 h-4 w-24" />
      <div className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-white/5 dark:border-white/10 dark:bg-zinc-900/60">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="flex gap-3.5 px-5 py-4">
            <Bar className="size-9 shrink-0 rounded-full" />
            <div className="flex-1 space-y-2 pt-0.5">
              <Bar className="h-4 w-1/3" />
              <Bar className={`h-3.5 ${i % 3 === 0 ? "w-3/4" : "w-1/2"}`} />
              <Bar className="h-3.5 w-24" />
            </div>
            <Bar className="h-3.5 w-14" />
          </div>
        ))}
      </div>
    </div>
  );
}
