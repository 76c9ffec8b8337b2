import type { AppDatabase } from "../db/types";
import type { Tx } from "../db/types";
import { hashPassword } from "./passwords";
import type { Role } from "./types";

export type UserListItem = {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  active: boolean;
  hasPassword: boolean;
  lastSignInAt: Date | null;
  createdAt: Date;
};

export type UserChangeError = "not_found" | "last_admin" | "email_taken";
export type UserChangeResult = { ok: true } | { ok: false; error: UserChangeError };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function listUsers(db: AppDatabase): Promise<UserListItem[]> {
  const rows = await db.prisma.user.findMany({
    orderBy: [{ active: "desc" }, { email: "asc" }],
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true, lastSignInAt: true, createdAt: true },
  });
  return rows.map(({ passwordHash, ...row }) => ({ ...row, hasPassword: passwordHash !== null }));
}

export async function findUserByEmail(db: AppDatabase, email: string) {
  return db.prisma.user.findUnique({
    where: { email: normalizeEmail(email) },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
}

/** Creates a user; without a password they can only sign in after following a set-password link. */
export async function createUser(
  db: AppDatabase,
  input: { email: string; name?: string | null; role: Role; password?: string },
  now: Date,
): Promise<{ ok: true; id: number } | { ok: false; error: "email_taken" }> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const email = normalizeEmail(input.email);
  try {
    const user = await db.prisma.$transaction(async (tx) =>
      tx.user.create({
        data: { email, name: input.name ?? null, role: input.role, passwordHash, createdAt: now, updatedAt: now },
        select: { id: true },
      }),
    );
    return { ok: true, id: user.id };
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") return { ok: false, error: "email_taken" };
    throw error;
  }
}

/**
 * Serialises changes that could leave no active admin. PostgreSQL: a transaction-scoped advisory
 * lock (concurrent instances and requests); SQLite: the adapter already runs one transaction at a time.
 */
export async function lockAdminChanges(db: AppDatabase, tx: Tx): Promise<void> {
  if (db.dialect === "postgres") await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7370001)");
}

class LastAdminError extends Error {}

async function changeGuardingLastAdmin(db: AppDatabase, userId: number, data: { role?: Role; active?: boolean }, now: Date): Promise<UserChangeResult> {
  try {
    return await db.prisma.$transaction(async (tx) => {
      await lockAdminChanges(db, tx);
      const result = await tx.user.updateMany({ where: { id: userId }, data: { ...data, updatedAt: now } });
      if (result.count === 0) return { ok: false, error: "not_found" } as const;
      const admins = await tx.user.count({ where: { role: "admin", active: true } });
      if (admins === 0) throw new LastAdminError(); // rolls the change back
      if (data.active === false) {
        await tx.session.deleteMany({ where: { userId } });
        // Revoked for good: reactivating the user later must not bring old tokens back.
        await tx.apiToken.updateMany({ where: { createdById: userId, revokedAt: null }, data: { revokedAt: now } });
      }
      return { ok: true } as const;
    });
  } catch (error) {
    if (error instanceof LastAdminError) return { ok: false, error: "last_admin" };
    throw error;
  }
}

/** Changes a role; refuses to demote the last active admin. */
export function setUserRole(db: AppDatabase, userId: number, role: Role, now: Date): Promise<UserChangeResult> {
  return changeGuardingLastAdmin(db, userId, { role }, now);
}

/** Deactivating signs the user out everywhere and revokes their API tokens; refuses the last active admin. */
export function setUserActive(db: AppDatabase, userId: number, active: boolean, now: Date): Promise<UserChangeResult> {
  return changeGuardingLastAdmin(db, userId, { active }, now);
}

/** Sets a new password and signs the user out of every session. */
export async function setUserPassword(db: AppDatabase, userId: number, password: string, now: Date): Promise<UserChangeResult> {
  const passwordHash = await hashPassword(password);
  const [updated] = await db.prisma.$transaction([
    db.prisma.user.updateMany({ where: { id: userId }, data: { passwordHash, updatedAt: now } }),
    db.prisma.session.deleteMany({ where: { userId } }),
  ]);
  return updated.count === 1 ? { ok: true } : { ok: false, error: "not_found" };
}
