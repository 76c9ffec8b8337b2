import Link from "next/link";
import type { ReactNode } from "react";
import { ActivityIcon, AdminIcon, ChartIcon, ConversationsIcon, LogoMark, PhoneMissedIcon } from "@/components/icons";
import { NavLink } from "@/components/nav-link";
import { ThemeToggle } from "@/components/theme-toggle";
import { UserMenu } from "@/components/user-menu";
import type { SessionUser } from "@/lib/auth/types";

const NAVIGATION = [
  { href: "/activity", label: "Activity", Icon: ActivityIcon },
  { href: "/conversations", label: "Conversations", Icon: ConversationsIcon },
  { href: "/callbacks", label: "Callbacks", Icon: PhoneMissedIcon, badge: "callbacks" },
  { href: "/insights", label: "Insights", Icon: ChartIcon },
  { href: "/admin", label: "Admin", Icon: AdminIcon, adminOnly: true },
] as const;

/**
 * Sidebar on wide screens, a two-row top bar (brand + theme, then navigation) on phones.
 * One set of elements restyled by breakpoint, so there is never a hidden duplicate navigation.
 */
export function AppShell({
  user,
  signOut,
  signOutEverywhere,
  callbackCount,
  children,
}: {
  user: SessionUser;
  signOut: (formData: FormData) => Promise<void>;
  signOutEverywhere: (formData: FormData) => Promise<void>;
  /** Missed calls waiting for a callback (the Callbacks badge). */
  callbackCount: number;
  children: ReactNode;
}) {
  const navigation = NAVIGATION.filter((item) => !("adminOnly" in item && item.adminOnly) || user.role === "admin");
  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header
        data-testid="app-sidebar"
        className="sticky top-0 z-30 flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-zinc-200 bg-zinc-50/90 px-4 pt-3 pb-2 backdrop-blur md:fixed md:inset-y-0 md:left-0 md:w-60 md:flex-col md:flex-nowrap md:items-stretch md:gap-y-0 md:border-r md:border-b-0 md:bg-zinc-50 md:px-3 md:py-4 md:backdrop-blur-none dark:border-white/10 dark:bg-zinc-950/90 md:dark:bg-zinc-950"
      >
        <Link
          href="/activity"
          className="flex min-w-0 flex-1 items-center gap-2.5 rounded-md px-1 py-1 md:flex-none md:px-2"
        >
          <LogoMark />
          <span className="truncate text-[15px] font-semibold tracking-tight text-zinc-900 dark:text-white">
            OpenPhone Inbox
          </span>
        </Link>
        <nav
          aria-label="Main"
          className="order-3 -mx-1 grid w-full auto-cols-fr grid-flow-col gap-1 px-1 pb-0.5 md:order-none md:mx-0 md:mt-6 md:flex md:flex-col md:px-0"
        >
          {navigation.map((item) => (
            <NavLink key={item.href} href={item.href}>
              <item.Icon className="size-4 shrink-0 opacity-80" />
              <span className="max-w-full truncate">{item.label}</span>
              {"badge" in item && callbackCount > 0 ? (
                <span
                  data-testid="callback-badge"
                  className="absolute top-0 right-1 rounded-full bg-rose-100 px-1.5 text-[10px] font-semibold md:static md:ml-auto md:text-xs text-rose-700 tabular-nums dark:bg-rose-400/15 dark:text-rose-300"
                >
                  {callbackCount > 99 ? "99+" : callbackCount}
                  <span className="sr-only"> waiting</span>
                </span>
              ) : null}
            </NavLink>
          ))}
        </nav>
        <div className="order-2 flex items-center gap-2 md:order-none md:mt-auto md:block md:border-t md:border-zinc-200 md:px-1 md:pt-4 md:dark:border-white/10">
          <p className="mb-2 hidden px-1 text-xs font-medium text-zinc-500 md:block dark:text-zinc-400">Theme</p>
          <ThemeToggle />
          <div className="md:mt-4 md:border-t md:border-zinc-200 md:pt-4 md:dark:border-white/10">
            <UserMenu user={user} signOut={signOut} signOutEverywhere={signOutEverywhere} />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="min-w-0 outline-none md:pl-60">
        <div className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 md:py-10 lg:px-10">{children}</div>
      </main>
    </>
  );
}
