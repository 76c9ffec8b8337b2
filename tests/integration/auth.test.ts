import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bootstrapFirstAdmin } from "@/lib/auth/bootstrap";
import { runUsersCli } from "@/lib/auth/cli";
import { verifyPassword } from "@/lib/auth/passwords";
import { DEFAULT_SIGN_IN_LIMITS } from "@/lib/auth/rate-limit";
import { createSession, deleteSession, findSessionUser } from "@/lib/auth/sessions";
import { createSetupLink, findSetupLink, redeemFirstAdminLink, redeemSetPasswordLink } from "@/lib/auth/setup-links";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/tokens";
import { createUser, setUserActive, setUserPassword, setUserRole } from "@/lib/auth/users";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { createSlots } from "@/lib/limits/slots";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

// Many scrypt hashes (N=2^17, ~0.4 s each): room for a busy CI machine.
vi.setConfig({ testTimeout: 120_000 });

let db: TestDatabase;
let seq = 0;
const email = (label: string) => `${label}-${++seq}@example.com`;
const PASSWORD = "correct horse battery";
const T0 = new Date("2026-05-04T15:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.cleanup();
});

async function user(role: "admin" | "staff" = "staff", password: string | undefined = PASSWORD) {
  const address = email(role);
  const created = await createUser(db, { email: address, role, password }, T0);
  if (!created.ok) throw new Error("taken");
  return { id: created.id, email: address };
}

describe(`sessions (${testDialect()})`, () => {
  it("find the active user until expiry, sign-out, or deactivation", async () => {
    const u = await user();
    const session = await createSession(db, u.id, T0, 1);
    expect(session.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only the hash is stored.
    const row = await db.prisma.session.findFirstOrThrow({ where: { userId: u.id } });
    expect(row.tokenHash).not.toContain(session.token);
    expect(await findSessionUser(db, session.token, at(59 * 60_000))).toEqual({ id: u.id, email: u.email, name: null, role: "staff" });
    expect(await findSessionUser(db, session.token, at(60 * 60_000))).toBeNull();

    const second = await createSession(db, u.id, T0, 1);
    await deleteSession(db, second.token);
    expect(await findSessionUser(db, second.token, T0)).toBeNull();

    const third = await createSession(db, u.id, T0, 1);
    await user("admin"); // someone must stay admin
    await setUserActive(db, u.id, false, T0);
    expect(await findSessionUser(db, third.token, T0)).toBeNull();
    expect(await db.prisma.session.count({ where: { userId: u.id } })).toBe(0);
  });
});

describe(`signInWithPassword and rate limiting (${testDialect()})`, () => {
  it("signs in with the right password (any email case) and records the time", async () => {
    const u = await user();
    const result = await signInWithPassword(db, { email: u.email.toUpperCase(), password: PASSWORD, ip: "10.0.0.1" }, T0);
    expect(result.ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).lastSignInAt).toEqual(T0);
  });

  it("answers a wrong password, an unknown email and a user without password alike", async () => {
    const u = await user();
    const invited = await user("staff", undefined);
    for (const attempt of [
      { email: u.email, password: "nope nope nope" },
      { email: "ghost@example.com", password: PASSWORD },
      { email: invited.email, password: "" },
    ]) {
      expect(await signInWithPassword(db, { ...attempt, ip: "10.0.0.2" }, T0)).toEqual({ ok: false, reason: "invalid_credentials" });
    }
  });

  const noDelay = { sleep: async () => undefined };
  const failures = (where: { email?: string; ip?: string }) => db.prisma.signInAttempt.count({ where: { ...where, succeeded: false } });

  it("per account and address: 5 failures lock that address out of that account only; refused attempts are not recorded", async () => {
    const u = await user();
    const { maxFailuresPerAccountAndIp, windowMs } = DEFAULT_SIGN_IN_LIMITS;
    for (let i = 0; i < maxFailuresPerAccountAndIp; i++) {
      expect(await signInWithPassword(db, { email: u.email, password: "wrong", ip: "10.1.0.1" }, at(i * 1000), noDelay)).toEqual({ ok: false, reason: "invalid_credentials" });
    }
    for (let i = 0; i < 10; i++) {
      const blocked = await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.1.0.1" }, at(10_000 + i), noDelay);
      expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
      if (!blocked.ok && blocked.reason === "rate_limited") expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(windowMs / 1000);
    }
    expect(await failures({ email: u.email })).toBe(maxFailuresPerAccountAndIp);
    // The owner, from their own address, is not locked out.
    expect((await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.1.9.9" }, at(20_000), noDelay)).ok).toBe(true);
    // After the window the address may try again.
    expect((await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.1.0.1" }, at(10_000 + windowMs), noDelay)).ok).toBe(true);
  });

  it("an attacker cannot keep an admin out: a correct password from an address with no failures gets through", async () => {
    const admin = await user("admin");
    // Failures from many addresses push the account over its ceiling.
    const limits = { ...DEFAULT_SIGN_IN_LIMITS, maxFailuresPerAccount: 8 };
    for (let i = 0; i < 8; i++) await signInWithPassword(db, { email: admin.email, password: "guess", ip: `10.4.0.${i}` }, at(i), { ...noDelay, limits });
    // An address that already failed is now refused unchecked…
    expect(await signInWithPassword(db, { email: admin.email, password: PASSWORD, ip: "10.4.0.1" }, at(100), { ...noDelay, limits })).toMatchObject({ reason: "rate_limited" });
    // …but the owner's clean address still signs in, and a new attacker address gets one checked guess only.
    expect((await signInWithPassword(db, { email: admin.email, password: PASSWORD, ip: "10.4.1.1" }, at(200), { ...noDelay, limits })).ok).toBe(true);
    expect(await signInWithPassword(db, { email: admin.email, password: "guess", ip: "10.4.2.2" }, at(300), { ...noDelay, limits })).toMatchObject({ reason: "invalid_credentials" });
    expect(await signInWithPassword(db, { email: admin.email, password: "guess", ip: "10.4.2.2" }, at(400), { ...noDelay, limits })).toMatchObject({ reason: "rate_limited" });
  });

  it("each failure delays the next check from that address a little more", async () => {
    const u = await user();
    const waits: number[] = [];
    const sleep = async (ms: number) => void waits.push(ms);
    for (let i = 0; i < 5; i++) await signInWithPassword(db, { email: u.email, password: "wrong", ip: "10.5.0.1" }, at(i), { sleep });
    expect(waits).toEqual([250, 500, 1000, 2000]);
    waits.length = 0;
    await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.5.0.2" }, at(10), { sleep });
    expect(waits).toEqual([]);
  });

  it("per IP: failures across accounts block that address only", async () => {
    const u = await user();
    // A lower ceiling than the default 20 keeps the test quick (each check is a full scrypt hash).
    const options = { ...noDelay, limits: { ...DEFAULT_SIGN_IN_LIMITS, maxFailuresPerIp: 4 } };
    for (let i = 0; i < 4; i++) {
      await signInWithPassword(db, { email: `spray-${i}@example.com`, password: "wrong", ip: "10.2.0.1" }, at(i), options);
    }
    expect(await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.2.0.1" }, at(100), options)).toMatchObject({ reason: "rate_limited" });
    expect((await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.2.0.2" }, at(100), options)).ok).toBe(true);
  });

  it("beyond the concurrent-hash cap a sign-in is answered busy at once, and not counted", async () => {
    const u = await user();
    const slots = createSlots(1);
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => signInWithPassword(db, { email: u.email, password: "wrong", ip: `10.6.0.${i}` }, at(i), { ...noDelay, hashSlots: slots })),
    );
    expect(results.filter((r) => !r.ok && r.reason === "busy").length).toBeGreaterThanOrEqual(1);
    expect(await failures({ email: u.email })).toBe(results.filter((r) => !r.ok && r.reason === "invalid_credentials").length);
    expect((await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.6.1.1" }, at(10), { ...noDelay, hashSlots: slots })).ok).toBe(true);
  });

  it("counts are shared by every app instance on the database, even for parallel guesses", async () => {
    const u = await user();
    // PostgreSQL: a second client stands in for a second app instance. SQLite runs one instance
    // (two better-sqlite3 connections in one process would block each other's event loop).
    const other: AppDatabase = testDialect() === "postgres" ? createDatabase(db.url, { poolSize: 5 }) : db;
    const options = { ...noDelay, hashSlots: createSlots(100) };
    try {
      const guesses = Array.from({ length: 12 }, (_, i) =>
        signInWithPassword(i % 2 ? db : other, { email: u.email, password: `wrong ${i}`, ip: "10.3.0.1" }, at(i), options),
      );
      const results = await Promise.all(guesses);
      // At most 5 were actually checked; the rest were refused unchecked.
      expect(results.filter((r) => !r.ok && r.reason === "invalid_credentials").length).toBe(DEFAULT_SIGN_IN_LIMITS.maxFailuresPerAccountAndIp);
      expect(await signInWithPassword(other, { email: u.email, password: PASSWORD, ip: "10.3.0.1" }, at(1000), options)).toMatchObject({ reason: "rate_limited" });
    } finally {
      if (other !== db) await other.prisma.$disconnect();
    }
  });
});

describe(`API tokens (${testDialect()})`, () => {
  it("authenticate as read-only staff, record last use, stop when revoked or the creator is deactivated", async () => {
    const admin = await user("admin");
    const { id, token } = await createApiToken(db, { name: "export", createdById: admin.id }, T0);
    expect(await authenticateApiToken(db, token, at(1000))).toEqual({ id: admin.id, email: admin.email, name: null, role: "staff" });
    const listed = (await listApiTokens(db)).find((t) => t.id === id)!;
    expect(listed).toMatchObject({ name: "export", lastUsedAt: at(1000), revokedAt: null, createdBy: { email: admin.email } });
    expect(token.startsWith(listed.prefix)).toBe(true);

    expect(await revokeApiToken(db, id, at(2000))).toBe(true);
    expect(await revokeApiToken(db, id, at(3000))).toBe(false);
    expect(await authenticateApiToken(db, token, at(4000))).toBeNull();

    const second = await createApiToken(db, { name: "second", createdById: admin.id }, T0);
    await user("admin");
    await setUserActive(db, admin.id, false, T0);
    expect(await authenticateApiToken(db, second.token, T0)).toBeNull();
    expect(await authenticateApiToken(db, "opi_nonsense", T0)).toBeNull();
  });
});

describe(`users (${testDialect()})`, () => {
  it("never leaves zero active admins, even with concurrent changes", async () => {
    const local = await createTestDatabase();
    try {
      const a = await createUser(local, { email: "a@example.com", role: "admin", password: PASSWORD }, T0);
      const b = await createUser(local, { email: "b@example.com", role: "admin", password: PASSWORD }, T0);
      if (!a.ok || !b.ok) throw new Error("setup");
      const results = await Promise.all([setUserRole(local, a.id, "staff", T0), setUserActive(local, b.id, false, T0)]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "last_admin" }]);
      expect(await local.prisma.user.count({ where: { role: "admin", active: true } })).toBe(1);
      expect(await setUserRole(local, 999_999, "staff", T0)).toEqual({ ok: false, error: "not_found" });
    } finally {
      await local.cleanup();
    }
  });

  it("rejects a duplicate email (any case) and signs a user out when the password changes", async () => {
    const u = await user();
    expect(await createUser(db, { email: u.email.toUpperCase(), role: "staff" }, T0)).toEqual({ ok: false, error: "email_taken" });
    const session = await createSession(db, u.id, T0);
    await setUserPassword(db, u.id, "a brand new password", T0);
    expect(await findSessionUser(db, session.token, T0)).toBeNull();
    const row = await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword("a brand new password", row.passwordHash!)).toBe(true);
  });
});

describe(`first admin and setup links (${testDialect()})`, () => {
  it("an empty database gets a link; it creates one admin, once; afterwards nothing is printed", async () => {
    const local = await createTestDatabase();
    try {
      const outcome = await bootstrapFirstAdmin(local, { WEBHOOK_BASE_URL: "https://inbox.example.com" }, T0);
      expect(outcome.kind).toBe("setup_link");
      const url = outcome.kind === "setup_link" ? outcome.url : "";
      expect(url).toMatch(/^https:\/\/inbox\.example\.com\/setup\/[A-Za-z0-9_-]{43}$/);
      const token = url.split("/").pop()!;
      // A second start (or instance) prints another link; both work until one is used.
      const again = await bootstrapFirstAdmin(local, { WEBHOOK_BASE_URL: "https://inbox.example.com" }, T0);
      const otherToken = again.kind === "setup_link" ? again.url.split("/").pop()! : "";

      expect(await findSetupLink(local, token, at(24 * 3_600_000 - 1))).toEqual({ purpose: "first_admin" });
      expect(await findSetupLink(local, token, at(24 * 3_600_000))).toBeNull();

      const created = await redeemFirstAdminLink(local, token, { email: "Boss@Example.com", name: "Boss", password: PASSWORD }, at(1000));
      expect(created.ok).toBe(true);
      expect(await local.prisma.user.findMany({ select: { email: true, role: true } })).toEqual([{ email: "boss@example.com", role: "admin" }]);
      expect(await redeemFirstAdminLink(local, token, { email: "x@example.com", name: null, password: PASSWORD }, at(2000))).toEqual({
        ok: false,
        error: "invalid_link",
      });
      expect(await findSetupLink(local, otherToken, at(2000))).toBeNull();
      expect(await redeemFirstAdminLink(local, otherToken, { email: "y@example.com", name: null, password: PASSWORD }, at(2000))).toMatchObject({ ok: false });
      expect(await bootstrapFirstAdmin(local, { WEBHOOK_BASE_URL: "https://inbox.example.com" }, T0)).toEqual({ kind: "has_users" });
    } finally {
      await local.cleanup();
    }
  });

  it("ADMIN_EMAIL + ADMIN_PASSWORD create the admin on an empty database only", async () => {
    const local = await createTestDatabase();
    try {
      const config = { WEBHOOK_BASE_URL: "http://localhost:3000", ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: PASSWORD };
      expect(await bootstrapFirstAdmin(local, config, T0)).toEqual({ kind: "created_admin_from_env", email: "ops@example.com" });
      expect(await local.prisma.setupToken.count()).toBe(0);
      expect((await signInWithPassword(local, { email: "ops@example.com", password: PASSWORD, ip: "10.9.0.1" }, T0)).ok).toBe(true);
      // Later starts never touch the account (no overwritten password, no second admin).
      expect(await bootstrapFirstAdmin(local, { ...config, ADMIN_EMAIL: "other@example.com", ADMIN_PASSWORD: "another password" }, T0)).toEqual({
        kind: "has_users",
      });
      expect(await local.prisma.user.count()).toBe(1);
    } finally {
      await local.cleanup();
    }
  });

  it("set-password links: one use, newest only, sign the user out", async () => {
    const u = await user("staff", undefined);
    const first = await createSetupLink(db, { purpose: "set_password", userId: u.id }, T0);
    const second = await createSetupLink(db, { purpose: "set_password", userId: u.id }, T0);
    expect(await findSetupLink(db, first.token, T0)).toBeNull();
    expect(await findSetupLink(db, second.token, T0)).toEqual({ purpose: "set_password", user: { id: u.id, email: u.email, name: null } });
    const session = await createSession(db, u.id, T0);
    expect(await redeemSetPasswordLink(db, second.token, "my own password!", at(1000))).toEqual({ ok: true, userId: u.id });
    expect(await findSessionUser(db, session.token, at(1000))).toBeNull();
    expect(await redeemSetPasswordLink(db, second.token, "again again again", at(2000))).toEqual({ ok: false, error: "invalid_link" });
    expect((await signInWithPassword(db, { email: u.email, password: "my own password!", ip: "10.4.0.1" }, at(3000))).ok).toBe(true);
  });
});

describe(`npm run users (${testDialect()})`, () => {
  function cli(local: AppDatabase, passwordInput = "") {
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) =>
      runUsersCli(argv, {
        db: local,
        baseUrl: "https://inbox.example.com",
        now: () => T0,
        io: { out: (l) => out.push(l), err: (l) => err.push(l), readPassword: async () => passwordInput },
      });
    return { run, out, err };
  }

  it("creates, lists, resets, changes roles and deactivates", async () => {
    const local = await createTestDatabase();
    try {
      const c = cli(local);
      expect(await c.run("setup-link")).toBe(0);
      expect(c.out.pop()).toMatch(/https:\/\/inbox\.example\.com\/setup\/\S{43}/);

      expect(await c.run("create", "--email", "Root@Example.com", "--role", "admin")).toBe(0);
      const generated = /Password \(shown once\): (\S+)/.exec(c.out.join("\n"))![1]!;
      expect((await signInWithPassword(local, { email: "root@example.com", password: generated, ip: "10.5.0.1" }, T0)).ok).toBe(true);

      expect(await c.run("create", "--email", "staff@example.com", "--password", "typed password 1")).toBe(0);
      expect(await c.run("create", "--email", "staff@example.com")).toBe(1);
      expect(await c.run("create", "--email", "invitee@example.com", "--invite")).toBe(0);
      expect(c.out.at(-1)).toMatch(/Invite link .*\/setup\//);

      const piped = cli(local, "piped password 12");
      expect(await piped.run("reset-password", "--email", "staff@example.com")).toBe(0);
      expect(piped.out.join("\n")).not.toContain("shown once");
      expect((await signInWithPassword(local, { email: "staff@example.com", password: "piped password 12", ip: "10.5.0.2" }, T0)).ok).toBe(true);

      expect(await c.run("deactivate", "--email", "root@example.com")).toBe(1);
      expect(c.err.at(-1)).toContain("last active admin");
      expect(await c.run("set-role", "--email", "staff@example.com", "--role", "admin")).toBe(0);
      expect(await c.run("deactivate", "--email", "root@example.com")).toBe(0);
      expect(await c.run("reactivate", "--email", "root@example.com")).toBe(0);
      expect(await c.run("setup-link")).toBe(1);

      c.out.length = 0;
      expect(await c.run("list")).toBe(0);
      expect(c.out[0]).toMatch(/^EMAIL\s+ROLE\s+STATUS/);
      expect(c.out.join("\n")).toMatch(/invitee@example\.com\s+staff\s+invited/);

      expect(await c.run("reset-password", "--email", "nobody@example.com")).toBe(1);
      expect(await c.run("create", "--email", "not-an-email")).toBe(2);
      expect(await c.run("create", "--email", "short@example.com", "--password", "short")).toBe(2);
      expect(await c.run("frobnicate")).toBe(2);
    } finally {
      await local.cleanup();
    }
  });
});
