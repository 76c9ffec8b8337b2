"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A sidebar link that marks itself current when the URL is at or below its href. */
export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const active = pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      aria-current={active ? "page" : undefined}
      className={[
        // Phones: a tab bar (icon over a short label, every item visible); wider screens: a sidebar row.
        "group relative flex min-w-0 flex-col items-center gap-0.5 rounded-md px-1 py-1 text-[11px] font-medium transition-colors md:shrink-0 md:flex-row md:gap-2.5 md:px-2.5 md:py-1.5 md:text-sm",
        active
          ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-950/5 dark:bg-white/10 dark:text-white dark:shadow-none dark:ring-white/5"
          : "text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white",
      ].join(" ")}
    >
      {children}
    </Link>
  );
}
