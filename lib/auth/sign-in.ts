import type { AppDatabase } from "../db/types";
import { needsRehash, hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords";
import { beginSignInAttempt, DEFAULT_SIGN_IN_LIMITS, recordSignInSuccess, type SignInLimits } from "./rate-limit";
import { createSession, DEFAULT_SESSION_TTL_HOURS, type NewSession } from "./sessions";
import { normalizeEmail } from "./users";

export type SignInResult =
  | { ok: true; userId: number; session: NewSession }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Email + password → a new session. Unknown email, wrong password, deactivated account and
 * "no password yet" all answer the same, after the same amount of work.
 */
export async function signInWithPassword(
  db: AppDatabase,
  input: { email: string; password: string; ip: string },
  now: Date,
  options: { limits?: SignInLimits; sessionTtlHours?: number } = {},
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const ticket = await beginSignInAttempt(db, { email, ip: input.ip }, now, options.limits ?? DEFAULT_SIGN_IN_LIMITS);
  if (!ticket.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: ticket.retryAfterSeconds };

  const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true, active: true, passwordHash: true } });
  const valid =
    user?.passwordHash && user.active ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
  if (!valid || !user) return { ok: false, reason: "invalid_credentials" };

  await recordSignInSuccess(db, { attemptId: ticket.attemptId, email }, now);
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    const passwordHash = await hashPassword(input.password);
    await db.prisma.$transaction([db.prisma.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } })]);
  }
  const session = await createSession(db, user.id, now, options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS);
  return { ok: true, userId: user.id, session };
}

/**
 * The client address for per-IP limiting: the right-most X-Forwarded-For entry, i.e. the address the
 * nearest proxy saw (Next sets the header from the socket when there is no proxy). Earlier entries
 * can be forged by the client.
 */
export function clientIp(forwardedFor: string | null | undefined): string {
  const last = forwardedFor?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}
