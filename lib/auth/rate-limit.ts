import { createHash } from "node:crypto";
import type { AppDatabase } from "../db/types";

/**
 * Failed password sign-ins, counted in the database so every app instance on one PostgreSQL (or
 * the one SQLite process) shares the count. Counting is shaped so an attacker cannot turn it
 * against the account's owner:
 * - per account and address: after 5 failures that address may not try that account again for
 *   the window; other addresses are unaffected;
 * - per account (a higher ceiling): once an account collected many failures from everywhere, an
 *   address that already failed on it is refused, but an address with no failures is still checked,
 *   so the owner's right password gets through;
 * - per address: one address spraying many accounts is refused;
 * - each failure of an address on an account delays its next check a little more;
 * - refused attempts are not recorded, so being refused never extends a lock.
 */
export type SignInLimits = {
  windowMs: number;
  maxFailuresPerAccountAndIp: number;
  maxFailuresPerAccount: number;
  maxFailuresPerIp: number;
};

export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  windowMs: 15 * 60_000,
  maxFailuresPerAccountAndIp: 5,
  maxFailuresPerAccount: 50,
  maxFailuresPerIp: 20,
};

/** Attempts older than this are deleted opportunistically. */
const RETENTION_MS = 24 * 3_600_000;

export type AttemptTicket =
  | { allowed: true; attemptId: number }
  | { allowed: false; retryAfterSeconds: number; scope: "account_and_ip" | "account" | "ip" };

/**
 * Counts, and when allowed records this attempt as a failure before the password is checked (a
 * success marks it later). Recording before checking means a burst of parallel guesses (on any
 * instance) counts every checked guess; a refused attempt is not recorded.
 */
export async function beginSignInAttempt(
  db: AppDatabase,
  input: { email: string; ip: string },
  now: Date,
  limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS,
): Promise<AttemptTicket> {
  const since = new Date(now.getTime() - limits.windowMs);
  const failed = { succeeded: false, createdAt: { gt: since } };
  return db.prisma.$transaction(async (tx): Promise<AttemptTicket> => {
    if (db.dialect === "postgres") {
      // Parallel guesses for one account (or from one address) on any instance queue here, so each
      // sees the others' rows. Sorted, so two transactions never wait on each other in a cycle.
      for (const key of [lockKey(`email:${input.email}`), lockKey(`ip:${input.ip}`)].sort((a, b) => a - b)) {
        await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7370002, $1::int)", key);
      }
    }
    const newestFirst = { select: { createdAt: true }, orderBy: { createdAt: "desc" as const } };
    const pair = await tx.signInAttempt.findMany({ where: { email: input.email, ip: input.ip, ...failed }, ...newestFirst, take: limits.maxFailuresPerAccountAndIp });
    if (pair.length >= limits.maxFailuresPerAccountAndIp) {
      return { allowed: false, scope: "account_and_ip", retryAfterSeconds: retryAfter(pair, limits.maxFailuresPerAccountAndIp, limits.windowMs, now) };
    }
    if (pair.length > 0) {
      const account = await tx.signInAttempt.findMany({ where: { email: input.email, ...failed }, ...newestFirst, take: limits.maxFailuresPerAccount });
      if (account.length >= limits.maxFailuresPerAccount) {
        return { allowed: false, scope: "account", retryAfterSeconds: retryAfter(account, limits.maxFailuresPerAccount, limits.windowMs, now) };
      }
    }
    const address = await tx.signInAttempt.findMany({ where: { ip: input.ip, ...failed }, ...newestFirst, take: limits.maxFailuresPerIp });
    if (address.length >= limits.maxFailuresPerIp) {
      return { allowed: false, scope: "ip", retryAfterSeconds: retryAfter(address, limits.maxFailuresPerIp, limits.windowMs, now) };
    }
    const attempt = await tx.signInAttempt.create({ data: { email: input.email, ip: input.ip, succeeded: false, createdAt: now }, select: { id: true } });
    // Every 100th attempt prunes old rows, so failures alone (no success ever) cannot grow the table forever.
    if (attempt.id % 100 === 0) await tx.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } } });
    return { allowed: true, attemptId: attempt.id };
  });
}

/** Failures of this address on this account within the window (for the progressive delay). */
export async function countPairFailures(db: AppDatabase, input: { email: string; ip: string }, now: Date, limits: SignInLimits = DEFAULT_SIGN_IN_LIMITS): Promise<number> {
  return db.prisma.signInAttempt.count({
    where: { email: input.email, ip: input.ip, succeeded: false, createdAt: { gt: new Date(now.getTime() - limits.windowMs) } },
  });
}

/** 0 ms for a first try, then 250 ms doubling per failure, at most 4 s. */
export function progressiveDelayMs(pairFailures: number): number {
  return pairFailures <= 0 ? 0 : Math.min(4_000, 250 * 2 ** (pairFailures - 1));
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

/** A correct password: mark the attempt, forget this address's failures on the account, prune old rows. */
export async function recordSignInSuccess(db: AppDatabase, input: { attemptId: number; email: string; ip: string }, now: Date): Promise<void> {
  const { prisma } = db;
  await prisma.$transaction([
    prisma.signInAttempt.updateMany({ where: { id: input.attemptId }, data: { succeeded: true } }),
    prisma.signInAttempt.deleteMany({ where: { email: input.email, ip: input.ip, succeeded: false } }),
    prisma.signInAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - RETENTION_MS) } } }),
  ]);
}
