import { createHash } from "node:crypto";
import type { AppDatabase } from "../db/types";

/**
 * Failed password sign-ins, counted in the database so every app instance on one PostgreSQL (or
 * the one SQLite process) shares the count. Per account is the real protection; per IP slows down
 * one address spraying many accounts. A success clears the account's failures (not the IP's).
 */
export type SignInLimits = { windowMs: number; maxFailuresPerAccount: number; maxFailuresPerIp: number };

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = { windowMs: 15 * 60_000, maxFailuresPerAccount: 5, maxFailuresPerIp: 20 };

/** Attempts older than this are deleted opportunistically. */
const RETENTION_MS = 24 * 3_600_000;

export type AttemptTicket = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number; scope: "account" | "ip" };

/**
 * Records the attempt as a failure before the password is checked, then counts. Recording first
 * means a burst of parallel guesses (on any instance) counts every guess, not only finished ones.
 */
export async function beginSignInAttempt(
  db: AppDatabase,
  input: { email: string; ip: string },
  now: Date,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): Promise<AttemptTicket> {
  const since = new Date(now.getTime() - limits.windowMs);
  const [attempt, accountFailures, ipFailures] = await db.prisma.$transaction(async (tx) => {
    if (db.dialect === "postgres") {
      // Parallel guesses for one account (or from one address) on any instance queue here, so each
      // sees the others' rows. Sorted, so two transactions never wait on each other in a cycle.
      for (const key of [lockKey(`email:${input.email}`), lockKey(`ip:${input.ip}`)].sort((a, b) => a - b)) {
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7370002, $1::int)", key);
      }
    }
    const attempt = await tx.signInAttempt.create({ data: { email: input.email, ip: input.ip, succeeded: false, createdAt: now }, select: { id: true } });
    // Every 100th attempt prunes old rows, so failures alone (no success ever) cannot grow the table forever.
    if (attempt.id % 100 === 0) await tx.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } } });
    return [
      attempt,
      await tx.signInAttempt.findMany({
        where: { email: input.email, succeeded: false, createdAt: { gt: since } },
        select: { createdAt: true },
        orderBy: { createdAt: "desc" },
        take: limits.maxFailuresPerAccount + 1,
      }),
      await tx.signInAttempt.findMany({
        where: { ip: input.ip, succeeded: false, createdAt: { gt: since } },
        select: { createdAt: true },
        orderBy: { createdAt: "desc" },
        take: limits.maxFailuresPerIp + 1,
      }),
    ] as const;
  });
  // Counts include this attempt: the (max+1)th attempt in the window is refused unchecked.
  if (accountFailures.length > limits.maxFailuresPerAccount) {
    return { allowed: false, scope: "account", retryAfterSeconds: retryAfter(accountFailures, limits.maxFailuresPerAccount, limits.windowMs, now) };
  }
  if (ipFailures.length > limits.maxFailuresPerIp) {
    return { allowed: false, scope: "ip", retryAfterSeconds: retryAfter(ipFailures, limits.maxFailuresPerIp, limits.windowMs, now) };
  }
  return { allowed: true, attemptId: attempt.id };
}

/** When enough failures leave the window that one more attempt is allowed. */
function retryAfter(failuresNewestFirst: { createdAt: Date }[], max: number, windowMs: number, now: Date): number {
  const pivot = failuresNewestFirst[max - 1] ?? failuresNewestFirst[failuresNewestFirst.length - 1];
  const at = (pivot?.createdAt.getTime() ?? now.getTime()) + windowMs;
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

function lockKey(value: string): number {
  return createHash("sha256").update(value).digest().readInt32BE(0);
}

/** A correct password: mark the attempt, forget the account's failures, prune old rows. */
export async function recordSignInSuccess(db: AppDatabase, input: { attemptId: number; email: string }, now: Date): Promise<void> {
  const { prisma } = db;
  await prisma.$transaction([
    prisma.signInAttempt.updateMany({ where: { id: input.attemptId }, data: { succeeded: true } }),
    prisma.signInAttempt.deleteMany({ where: { email: input.email, succeeded: false } }),
    prisma.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } } }),
  ]);
}
