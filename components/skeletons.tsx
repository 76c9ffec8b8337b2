import type { ReactNode } from "react";

/** Placeholders shown by the loading.tsx files while a page's data loads. */

export function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-zinc-200/80 motion-safe:animate-pulse dark:bg-white/10 ${className}`} />;
}

export function Loading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true">
      <span className="sr-only">{label}</span>
      {children}
    </div>
  );
}

export function PageHeaderSkeleton() {
  return (
    <div className="mb-8 space-y-2.5">
      <Bar className="h-7 w-40" />
      <Bar className="h-4 w-72 max-w-full" />
    </div>
  );
}

export function AdminSkeleton() {
  return (
    <Loading label="Loading admin overview">
      <PageHeaderSkeleton />
      <div className="grid gap-4 md:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <div key={i} className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 dark:border-white/10 dark:bg-zinc-900">
            <Bar className="h-3.5 w-24" />
            <Bar className="h-6 w-3/4" />
          </div>
        ))}
      </div>
      <Bar className="mt-10 mb-4 h-5 w-48" />
      <div className="space-y-3 rounded-xl border border-zinc-200 bg-white p-5 dark:border-white/10 dark:bg-zinc-900">
        {Array.from({ length: 5 }, (_, i) => (
          <Bar key={i} className="h-4 w-full" />
        ))}
      </div>
    </Loading>
  );
}
