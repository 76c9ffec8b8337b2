import type { AppDatabase } from "../db/types";
import { createSlots, type Slots } from "../limits/slots";
import { needsRehash, hashPassword, verifyAgainstDummy, verifyPassword } from "./passwords";
import { beginSignInAttempt, countPairFailures, DEFAULT_SIGN_IN_LIMITS, progressiveDelayMs, recordSignInSuccess, type SignInLimits } from "./rate-limit";
import { createSession, DEFAULT_SESSION_TTL_HOURS, type NewSession } from "./sessions";
import { normalizeEmail } from "./users";

export type SignInResult =
  | { ok: true; userId: number; session: NewSession }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "busy" };

export type SignInOptions = {
  limits?: SignInLimits;
  sessionTtlHours?: number;
  /** Concurrent password hashes allowed (tests pass their own). */
  hashSlots?: Slots;
  /** Waits out the progressive delay (tests record it instead). */
  sleep?: (ms: number) => Promise<void>;
};

/** Each scrypt hash takes 128 MiB and a thread-pool thread for a few hundred ms. */
export const MAX_CONCURRENT_PASSWORD_HASHES = 2;
const passwordHashSlots = createSlots(MAX_CONCURRENT_PASSWORD_HASHES);

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Email + password → a new session. Unknown email, wrong password, deactivated account and
 * "no password yet" all answer the same, after the same amount of work.
 */
export async function signInWithPassword(
  db: AppDatabase,
  input: { email: string; password: string; ip: string },
  now: Date,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const email = normalizeEmail(input.email);
  const limits = options.limits ?? DEFAULT_SIGN_IN_LIMITS;
  // The delay is served before taking a hashing slot, so waiting attackers cannot hold the slots.
  const delayMs = progressiveDelayMs(await countPairFailures(db, { email, ip: input.ip }, now, limits));
  if (delayMs > 0) await (options.sleep ?? sleepFor)(delayMs);

  const release = (options.hashSlots ?? passwordHashSlots).tryAcquire();
  if (!release) return { ok: false, reason: "busy" };
  try {
    const ticket = await beginSignInAttempt(db, { email, ip: input.ip }, now, limits);
    if (!ticket.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: ticket.retryAfterSeconds };

    const user = await db.prisma.user.findUnique({ where: { email }, select: { id: true, active: true, passwordHash: true } });
    const valid =
      user?.passwordHash && user.active ? await verifyPassword(input.password, user.passwordHash) : await verifyAgainstDummy(input.password);
    if (!valid || !user) return { ok: false, reason: "invalid_credentials" };

    await recordSignInSuccess(db, { attemptId: ticket.attemptId, email, ip: input.ip }, now);
    if (user.passwordHash && needsRehash(user.passwordHash)) {
      const passwordHash = await hashPassword(input.password);
      await db.prisma.$transaction([db.prisma.user.update({ where: { id: user.id }, data: { passwordHash }, select: { id: true } })]);
    }
    const session = await createSession(db, user.id, now, options.sessionTtlHours ?? DEFAULT_SESSION_TTL_HOURS);
    return { ok: true, userId: user.id, session };
  } finally {
    release();
  }
}

/**
 * The client address for per-IP limiting: the X-Forwarded-For value our server layer
 * (scripts/server.mjs) wrote from the socket address, or from the trusted proxies' entry
 * (TRUSTED_PROXY_HOPS). It replaces whatever the client sent.
 */
export function clientIp(forwardedFor: string | null | undefined): string {
  const last = forwardedFor?.split(",").map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? "unknown").replace(/^::ffff:/, "").slice(0, 64);
}
