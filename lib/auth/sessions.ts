import type { AppDatabase } from "../db/types";
import { hashToken, randomToken } from "./random-token";
import type { SessionUser } from "./types";

export const DEFAULT_SESSION_TTL_HOURS = 24 * 7;
export const DEFAULT_SESSION_IDLE_HOURS = 24;
/** lastSeenAt is refreshed at most this often (or a tenth of the idle timeout), so reading a page is not a write every time. */
const TOUCH_INTERVAL_MS = 5 * 60_000;

export type NewSession = { token: string; expiresAt: Date };

/** A new database-backed session (a sign-in: lastSignInAt is set too); the caller puts `token` in the cookie. */
export async function createSession(db: AppDatabase, userId: number, now: Date, ttlHours = DEFAULT_SESSION_TTL_HOURS): Promise<NewSession> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + ttlHours * 3_600_000);
  await db.prisma.$transaction([
    db.prisma.session.create({ data: { tokenHash: hashToken(token), userId, expiresAt, createdAt: now, lastSeenAt: now } }),
    db.prisma.user.update({ where: { id: userId }, data: { lastSignInAt: now }, select: { id: true } }),
    // Housekeeping: this user's expired sessions.
    db.prisma.session.deleteMany({ where: { userId, expiresAt: { lte: now } } }),
  ]);
  return { token, expiresAt };
}

/**
 * The active user behind a session token, or null when unknown, expired (absolute lifetime), idle
 * for longer than idleHours, or deactivated.
 */
export async function findSessionUser(
  db: AppDatabase,
  token: string,
  now: Date,
  options: { idleHours?: number } = {},
): Promise<SessionUser | null> {
  if (token.length < 20 || token.length > 200) return null;
  const session = await db.prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { id: true, email: true, name: true, role: true, active: true } },
    },
  });
  if (!session || session.expiresAt <= now || !session.user.active) return null;
  const idleMs = (options.idleHours ?? DEFAULT_SESSION_IDLE_HOURS) * 3_600_000;
  const lastSeen = session.lastSeenAt ?? now;
  if (now.getTime() - lastSeen.getTime() >= idleMs) return null;
  if (now.getTime() - lastSeen.getTime() > Math.min(TOUCH_INTERVAL_MS, idleMs / 10)) {
    // Best effort: a lost lastSeenAt update is harmless. A batch transaction keeps it in SQLite's write queue.
    await db.prisma
      .$transaction([db.prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: now } })])
      .catch(() => undefined);
  }
  const { id, email, name, role } = session.user;
  return { id, email, name, role };
}

/** Sign-out: the session row is gone, so a copied cookie stops working too. */
export async function deleteSession(db: AppDatabase, token: string): Promise<void> {
  await db.prisma.$transaction([db.prisma.session.deleteMany({ where: { tokenHash: hashToken(token) } })]);
}

/** "Sign out everywhere", and what a password reset or deactivation does: every session of the user ends. */
export async function endAllSessions(db: AppDatabase, userId: number): Promise<void> {
  await db.prisma.$transaction([db.prisma.session.deleteMany({ where: { userId } })]);
}
