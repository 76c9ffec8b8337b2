import type { ReactNode } from "react";

/** What stands in for a recording, summary or transcript that has not arrived. */
export function NotYet({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-dashed border-zinc-300 px-4 py-5 text-center dark:border-white/15">
      <p className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{title}</p>
      <p className="mx-auto mt-1 max-w-sm text-sm text-zinc-500 dark:text-zinc-400">{children}</p>
    </div>
  );
}
