import type { Metadata } from "next";
import { AddUserForm } from "@/components/add-user-form";
import { Badge } from "@/components/badge";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { UserRowActions } from "@/components/user-row-actions";
import { requireAdmin } from "@/lib/auth/guards";
import { listUsers } from "@/lib/auth/users";
import { getDatabase } from "@/lib/db";
import { createUserAction, manageUserAction } from "./actions";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const admin = await requireAdmin();
  const users = await listUsers(getDatabase());

  return (
    <>
      <PageHeader
        title="Users"
        description="Admins manage users, API tokens and webhooks. Staff read activity, play recordings and mark conversations done."
      />

      <section aria-labelledby="add-user-title" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-white/10 dark:bg-zinc-900">
        <h2 id="add-user-title" className="text-base font-semibold text-zinc-950 dark:text-white">
          Add a user
        </h2>
        <p className="mt-1 mb-5 text-sm text-zinc-600 dark:text-zinc-400">Set a password now, or leave it empty and send them an invite link.</p>
        <AddUserForm action={createUserAction} />
      </section>

      <section aria-labelledby="users-title" className="mt-10">
        <h2 id="users-title" className="mb-4 text-base font-semibold text-zinc-950 dark:text-white">
          {users.length} {users.length === 1 ? "user" : "users"}
        </h2>
        <ul
          aria-label="Users"
          className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/10 dark:border-white/10 dark:bg-zinc-900"
        >
          {users.map((user) => (
            <li key={user.id} data-testid="user-row" className="flex flex-col gap-3 px-4 py-4 sm:flex-row sm:items-start sm:justify-between sm:px-5">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="truncate text-sm font-medium text-zinc-950 dark:text-white">{user.name ?? user.email}</span>
                  <Badge tone={user.role === "admin" ? "info" : "neutral"}>{user.role === "admin" ? "Admin" : "Staff"}</Badge>
                  {!user.active ? <Badge tone="danger">Deactivated</Badge> : !user.hasPassword ? <Badge tone="warning">Invited</Badge> : null}
                  {user.id === admin.id ? <Badge tone="success">You</Badge> : null}
                </p>
                <p className="mt-1 truncate text-xs text-zinc-500 dark:text-zinc-400">
                  {user.name ? `${user.email} · ` : ""}
                  {user.lastSignInAt ? (
                    <>
                      Last signed in <LocalTime iso={user.lastSignInAt.toISOString()} format="medium" />
                    </>
                  ) : (
                    "Never signed in"
                  )}
                </p>
              </div>
              <div className="sm:max-w-[60%] sm:shrink-0">
                <UserRowActions
                  action={manageUserAction}
                  user={{ id: user.id, email: user.email, role: user.role, active: user.active, hasPassword: user.hasPassword, isSelf: user.id === admin.id }}
                />
              </div>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
