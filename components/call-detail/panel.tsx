import type { ReactNode } from "react";
import type { IconComponent } from "@/components/status-presentation";

/** A titled card of the call page (recording, summary, transcript, details). */
export function Panel({
  title,
  Icon,
  aside,
  className = "",
  flush = false,
  children,
}: {
  title: string;
  Icon?: IconComponent;
  aside?: ReactNode;
  className?: string;
  /** Content draws its own padding (the transcript list). */
  flush?: boolean;
  children: ReactNode;
}) {
  return (
    <section aria-label={title} className={`rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900 ${className}`}>
      <div className="flex items-center justify-between gap-3 border-b border-zinc-100 px-4 py-3 sm:px-5 dark:border-white/[0.06]">
        <h2 className="flex items-center gap-2 text-sm font-semibold text-zinc-950 dark:text-white">
          {Icon ? <Icon className="size-4 text-zinc-400 dark:text-zinc-500" /> : null}
          {title}
        </h2>
        {aside}
      </div>
      <div className={flush ? "p-1.5 sm:px-2.5" : "p-4 sm:p-5"}>{children}</div>
    </section>
  );
}
