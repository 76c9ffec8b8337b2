import { Bar, Loading } from "./skeletons";

/** Placeholders for the inbox, a thread and a call while their data loads (loading.tsx files). */

export function InboxSkeleton() {
  return (
    <Loading label="Loading conversations">
      <div className="mb-8 space-y-2.5">
        <Bar className="h-7 w-44" />
        <Bar className="h-4 w-80 max-w-full" />
      </div>
      <Bar className="mb-4 h-8 w-40 rounded-lg" />
      <div className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-white/10 dark:border-white/10 dark:bg-zinc-900">
        {Array.from({ length: 7 }, (_, i) => (
          <div key={i} className="flex gap-3.5 px-5 py-4">
            <Bar className="size-10 shrink-0 rounded-full" />
            <div className="flex-1 space-y-2 pt-0.5">
              <div className="flex justify-between gap-4">
                <Bar className="h-4 w-40" />
                <Bar className="h-3.5 w-10" />
              </div>
              <Bar className="h-3.5 w-3/4" />
              <Bar className="h-3 w-32" />
            </div>
          </div>
        ))}
      </div>
    </Loading>
  );
}

export function ThreadSkeleton() {
  const bubbles = [
    { side: "start", width: "w-64" },
    { side: "start", width: "w-40" },
    { side: "end", width: "w-72" },
    { side: "start", width: "w-56" },
    { side: "end", width: "w-48" },
  ] as const;
  return (
    <Loading label="Loading conversation">
      <div className="mb-6 border-b border-zinc-200 pb-4 dark:border-white/10">
        <Bar className="mb-3 h-4 w-28" />
        <div className="flex items-center gap-3">
          <Bar className="size-12 shrink-0 rounded-full" />
          <div className="flex-1 space-y-2">
            <Bar className="h-6 w-48" />
            <Bar className="h-4 w-64 max-w-full" />
          </div>
          <Bar className="hidden h-8 w-48 rounded-md sm:block" />
        </div>
      </div>
      <div className="flex flex-col gap-4">
        {bubbles.map((bubble, i) => (
          <div key={i} className={`flex ${bubble.side === "end" ? "justify-end" : "justify-start"}`}>
            <Bar className={`h-10 max-w-[80%] rounded-2xl ${bubble.width}`} />
          </div>
        ))}
        <Bar className="h-36 w-full max-w-md rounded-2xl" />
      </div>
    </Loading>
  );
}

export function CallSkeleton() {
  return (
    <Loading label="Loading call">
      <Bar className="mb-4 h-4 w-28" />
      <div className="mb-6 flex items-start gap-4">
        <Bar className="size-12 shrink-0 rounded-xl" />
        <div className="flex-1 space-y-2 pt-1">
          <Bar className="h-7 w-80 max-w-full" />
          <Bar className="h-4 w-56" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="space-y-6">
          {["h-28", "h-48", "h-72"].map((height, i) => (
            <div key={i} className={`rounded-xl border border-zinc-200 bg-white p-5 dark:border-white/10 dark:bg-zinc-900 ${height}`}>
              <Bar className="h-4 w-28" />
              <Bar className="mt-5 h-3.5 w-full" />
              <Bar className="mt-2.5 h-3.5 w-2/3" />
            </div>
          ))}
        </div>
        <div className="h-96 rounded-xl border border-zinc-200 bg-white p-5 dark:border-white/10 dark:bg-zinc-900">
          {Array.from({ length: 6 }, (_, i) => (
            <div key={i} className="mb-4 space-y-1.5">
              <Bar className="h-3 w-16" />
              <Bar className="h-4 w-36" />
            </div>
          ))}
        </div>
      </div>
    </Loading>
  );
}
