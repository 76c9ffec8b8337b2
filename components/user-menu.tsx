import { SignOutIcon } from "@/components/icons";
import { Badge } from "@/components/badge";
import type { SessionUser } from "@/lib/auth/types";

/** Who is signed in (email and role), and the sign-out buttons: plain forms that work before hydration. */
export function UserMenu({
  user,
  signOut,
  signOutEverywhere,
}: {
  user: SessionUser;
  signOut: (formData: FormData) => Promise<void>;
  signOutEverywhere: (formData: FormData) => Promise<void>;
}) {
  const initial = (user.name ?? user.email).trim().charAt(0).toUpperCase();
  return (
    <div data-testid="user-menu" className="flex items-center gap-2 md:block">
      <div className="hidden min-w-0 items-center gap-2.5 md:flex">
        <span
          aria-hidden="true"
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-sm font-semibold text-indigo-700 dark:bg-indigo-400/15 dark:text-indigo-200"
        >
          {initial}
        </span>
        <div className="min-w-0">
          {user.name ? <p className="truncate text-sm font-medium text-zinc-900 dark:text-white">{user.name}</p> : null}
          <p
            data-testid="user-email"
            title={user.email}
            className={user.name ? "truncate text-xs text-zinc-500 dark:text-zinc-400" : "truncate text-sm font-medium text-zinc-900 dark:text-white"}
          >
            {user.email}
          </p>
        </div>
      </div>
      <div className="flex items-center gap-2 md:mt-3 md:justify-between">
        <span className="hidden md:inline-flex" data-testid="user-role">
          <Badge tone={user.role === "admin" ? "info" : "neutral"}>{user.role === "admin" ? "Admin" : "Staff"}</Badge>
        </span>
        <form action={signOut}>
          <button
            type="submit"
            title={`Sign out ${user.email}`}
            className="inline-flex h-8 items-center gap-1.5 rounded-md px-2 text-xs font-medium text-zinc-600 ring-1 ring-inset ring-zinc-950/10 transition-colors hover:bg-zinc-200/60 hover:text-zinc-900 dark:text-zinc-300 dark:ring-white/10 dark:hover:bg-white/10 dark:hover:text-white"
          >
            <SignOutIcon className="size-3.5" />
            <span className="sr-only md:not-sr-only">Sign out</span>
          </button>
        </form>
      </div>
      <form action={signOutEverywhere} className="hidden md:mt-2 md:block">
        <button
          type="submit"
          title="End every session of this account, on every device"
          className="text-xs text-zinc-500 underline-offset-2 hover:text-zinc-900 hover:underline dark:text-zinc-400 dark:hover:text-white"
        >
          Sign out everywhere
        </button>
      </form>
    </div>
  );
}
