import type { ComponentType, ReactNode } from "react";

/** A small titled panel for one fact (admin overview). */
export function StatCard({
  label,
  Icon,
  children,
  footer,
}: {
  label: string;
  Icon: ComponentType<{ className?: string }>;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <section
      aria-label={label}
      className="flex h-full min-w-0 flex-col rounded-xl border border-zinc-200 bg-white p-5 shadow-xs dark:border-white/10 dark:bg-zinc-900"
    >
      <h2 className="flex items-center gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
        <Icon className="size-3.5" />
        {label}
      </h2>
      <div className="mt-3 min-w-0 flex-1">{children}</div>
      {footer ? <div className="mt-3 text-xs leading-5 text-zinc-500 dark:text-zinc-400">{footer}</div> : null}
    </section>
  );
}

/** A quiet empty state inside a section (as opposed to the page-level GettingStartedCard). */
export function EmptyPanel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-zinc-300 px-6 py-10 text-center dark:border-white/15">
      <p className="text-sm font-medium text-zinc-900 dark:text-white">{title}</p>
      <div className="mx-auto mt-1 max-w-md text-sm text-zinc-500 dark:text-zinc-400">{children}</div>
    </div>
  );
}
