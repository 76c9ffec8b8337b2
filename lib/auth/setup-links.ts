import type { AppDatabase } from "../db/types";
import { hashPassword } from "./passwords";
import { hashToken, randomToken } from "./random-token";
import { lockAdminChanges, normalizeEmail } from "./users";

/** One-time links: `/setup/<token>`. The first admin of an empty database, or a user choosing a password. */
export const SETUP_LINK_TTL_MS = 24 * 3_600_000;

export type SetupPurpose = "first_admin" | "set_password";

export function setupUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/setup/${token}`;
}

/**
 * Creates a link. A new set-password link replaces that user's earlier unused ones; first-admin
 * links all stay valid until they expire or any of them creates the first admin.
 */
export async function createSetupLink(
  db: AppDatabase,
  input: { purpose: "first_admin" } | { purpose: "set_password"; userId: number },
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  const userId = input.purpose === "set_password" ? input.userId : null;
  const { prisma } = db;
  await prisma.$transaction([
    ...(userId !== null ? [prisma.setupToken.deleteMany({ where: { userId, usedAt: null } })] : []),
    prisma.setupToken.deleteMany({ where: { expiresAt: { lt: now } } }),
    prisma.setupToken.create({ data: { tokenHash: hashToken(token), purpose: input.purpose, userId, expiresAt, createdAt: now } }),
  ]);
  return { token, expiresAt };
}

export type SetupLink =
  | { purpose: "first_admin" }
  | { purpose: "set_password"; user: { id: number; email: string; name: string | null } };

/** What a link is for, or null when unknown, used, expired, or no longer applicable. */
export async function findSetupLink(db: AppDatabase, token: string, now: Date): Promise<SetupLink | null> {
  if (token.length < 20 || token.length > 200) return null;
  const row = await db.prisma.setupToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true, user: { select: { id: true, email: true, name: true, active: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  if (row.purpose === "first_admin") return (await db.prisma.user.count()) === 0 ? { purpose: "first_admin" } : null;
  if (!row.user?.active) return null;
  return { purpose: "set_password", user: { id: row.user.id, email: row.user.email, name: row.user.name } };
}

export type RedeemResult = { ok: true; userId: number } | { ok: false; error: "invalid_link" | "email_taken" };

class Refused extends Error {
  constructor(readonly reason: "invalid_link" | "email_taken") {
    super(reason);
  }
}

/** Uses a first-admin link: creates the admin, only while there are no users at all. */
export async function redeemFirstAdminLink(
  db: AppDatabase,
  token: string,
  input: { email: string; name: string | null; password: string },
  now: Date,
): Promise<RedeemResult> {
  const passwordHash = await hashPassword(input.password);
  try {
    const userId = await db.prisma.$transaction(async (tx) => {
      await lockAdminChanges(db, tx);
      const used = await tx.setupToken.updateMany({
        where: { tokenHash: hashToken(token), purpose: "first_admin", usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count !== 1 || (await tx.user.count()) > 0) throw new Refused("invalid_link");
      const user = await tx.user.create({
        data: { email: normalizeEmail(input.email), name: input.name, role: "admin", passwordHash, createdAt: now, updatedAt: now },
        select: { id: true },
      });
      // Every other first-admin link is now useless.
      await tx.setupToken.deleteMany({ where: { purpose: "first_admin", usedAt: null } });
      return user.id;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.reason };
    throw error;
  }
}

/** Uses a set-password link: sets the password and signs the user out of every other session. */
export async function redeemSetPasswordLink(db: AppDatabase, token: string, password: string, now: Date): Promise<RedeemResult> {
  const passwordHash = await hashPassword(password);
  try {
    const userId = await db.prisma.$transaction(async (tx) => {
      const row = await tx.setupToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true } });
      const used = await tx.setupToken.updateMany({
        where: { tokenHash: hashToken(token), purpose: "set_password", usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (used.count !== 1 || row?.userId == null) throw new Refused("invalid_link");
      const updated = await tx.user.updateMany({ where: { id: row.userId, active: true }, data: { passwordHash, updatedAt: now } });
      if (updated.count !== 1) throw new Refused("invalid_link");
      await tx.session.deleteMany({ where: { userId: row.userId } });
      return row.userId;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof Refused) return { ok: false, error: error.reason };
    throw error;
  }
}

/**
 * An admin's password reset: the user is signed out everywhere at once (the reset may be because
 * the account was taken over) and gets a one-time set-password link.
 */
export async function startPasswordReset(
  db: AppDatabase,
  userId: number,
  now: Date,
): Promise<{ ok: true; email: string; token: string } | { ok: false; error: "not_found" | "inactive" }> {
  const user = await db.prisma.user.findUnique({ where: { id: userId }, select: { email: true, active: true } });
  if (!user) return { ok: false, error: "not_found" };
  if (!user.active) return { ok: false, error: "inactive" };
  await db.prisma.$transaction([db.prisma.session.deleteMany({ where: { userId } })]);
  const link = await createSetupLink(db, { purpose: "set_password", userId }, now);
  return { ok: true, email: user.email, token: link.token };
}
