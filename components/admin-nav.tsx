"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { ListChecksIcon, RetryIcon, TokenIcon, UsersIcon, OverviewIcon, WebhookIcon } from "@/components/icons";

const TABS = [
  { href: "/admin", label: "Overview", Icon: OverviewIcon },
  { href: "/admin/webhooks", label: "Webhooks", Icon: WebhookIcon },
  { href: "/admin/events", label: "Event log", Icon: ListChecksIcon },
  { href: "/admin/backfill", label: "Backfill", Icon: RetryIcon },
  { href: "/admin/users", label: "Users", Icon: UsersIcon },
  { href: "/admin/tokens", label: "API tokens", Icon: TokenIcon },
] as const;

/** Tabs between the admin pages. Overview is current only at /admin itself. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="-mt-2 mb-8 border-b border-zinc-200 dark:border-white/10">
      <ul className="-mb-px flex gap-5 overflow-x-auto">
        {TABS.map(({ href, label, Icon }) => {
          const current = href === "/admin" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={[
                  "inline-flex items-center gap-1.5 border-b-2 px-0.5 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap transition-colors",
                  current
                    ? "border-indigo-600 text-zinc-950 dark:border-indigo-400 dark:text-white"
                    : "border-transparent text-zinc-500 hover:border-zinc-300 hover:text-zinc-800 dark:text-zinc-400 dark:hover:border-white/20 dark:hover:text-zinc-200",
                ].join(" ")}
              >
                <Icon className="size-4 opacity-80" />
                {label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
