import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { announceFirstAdmin } from "@/lib/auth/announce";
import { hashPassword } from "@/lib/auth/passwords";
import { createSession, endAllSessions, findSessionUser } from "@/lib/auth/sessions";
import { startPasswordReset } from "@/lib/auth/setup-links";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { authenticateApiToken, createApiToken } from "@/lib/auth/tokens";
import { createUser, setUserActive } from "@/lib/auth/users";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

// Many scrypt hashes (N=2^17, ~0.4 s each): room for a busy CI machine.
vi.setConfig({ testTimeout: 120_000 });

let db: TestDatabase;
let seq = 0;
const PASSWORD = "correct horse battery";
const T0 = new Date("2026-05-04T15:00:00.000Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const HOUR = 3_600_000;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.cleanup();
});

async function user(role: "admin" | "staff" = "staff") {
  const email = `hardening-${role}-${++seq}@example.com`;
  const created = await createUser(db, { email, role, password: PASSWORD }, T0);
  if (!created.ok) throw new Error("taken");
  return { id: created.id, email };
}

describe(`session lifetime (${testDialect()})`, () => {
  it("an idle session ends after the idle timeout, an active one lives to its absolute expiry", async () => {
    const u = await user();
    const idle = await createSession(db, u.id, T0, 24 * 7);
    const active = await createSession(db, u.id, T0, 24 * 7);
    // Used every 6 hours: never idle for 8.
    for (let h = 6; h <= 24 * 7 - 6; h += 6) expect(await findSessionUser(db, active.token, at(h * HOUR), { idleHours: 8 })).not.toBeNull();
    expect(await findSessionUser(db, active.token, at(24 * 7 * HOUR), { idleHours: 8 })).toBeNull();
    expect(await findSessionUser(db, idle.token, at(7 * HOUR), { idleHours: 8 })).not.toBeNull();
    expect(await findSessionUser(db, idle.token, at(16 * HOUR), { idleHours: 8 })).toBeNull();
  });

  it("sign out everywhere ends every session of that user only", async () => {
    const u = await user();
    const other = await user();
    const sessions = await Promise.all([createSession(db, u.id, T0), createSession(db, u.id, T0)]);
    const theirs = await createSession(db, other.id, T0);
    await endAllSessions(db, u.id);
    for (const s of sessions) expect(await findSessionUser(db, s.token, T0)).toBeNull();
    expect(await findSessionUser(db, theirs.token, T0)).not.toBeNull();
  });

  it("an admin's password reset ends the user's sessions and returns a set-password link", async () => {
    const u = await user();
    const session = await createSession(db, u.id, T0);
    const reset = await startPasswordReset(db, u.id, T0);
    expect(reset).toMatchObject({ ok: true });
    expect(reset.ok && reset.token.length).toBeGreaterThan(20);
    expect(await findSessionUser(db, session.token, T0)).toBeNull();
    expect(await startPasswordReset(db, 99_999_999, T0)).toEqual({ ok: false, error: "not_found" });
  });

  it("reactivating a user does not bring back their API tokens", async () => {
    await user("admin");
    const u = await user("admin");
    const { token } = await createApiToken(db, { name: "script", createdById: u.id }, T0);
    expect(await authenticateApiToken(db, token, T0)).not.toBeNull();
    await setUserActive(db, u.id, false, T0);
    await setUserActive(db, u.id, true, at(1000));
    expect(await authenticateApiToken(db, token, at(2000))).toBeNull();
  });
});

describe(`password cost (${testDialect()})`, () => {
  it("new hashes use N=2^17, and an older hash is upgraded at the next sign-in", async () => {
    expect(await hashPassword("whatever password")).toMatch(/^scrypt\$17\$8\$1\$/);
    const u = await user();
    // A hash from before the change (N=2^15), as stored by earlier versions.
    const { scrypt, randomBytes } = await import("node:crypto");
    const salt = randomBytes(16);
    const key = await new Promise<Buffer>((resolve, reject) =>
      scrypt(PASSWORD, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
    );
    const old = ["scrypt", 15, 8, 1, salt.toString("base64url"), key.toString("base64url")].join("$");
    await db.prisma.user.update({ where: { id: u.id }, data: { passwordHash: old } });
    expect((await signInWithPassword(db, { email: u.email, password: PASSWORD, ip: "10.9.0.1" }, T0)).ok).toBe(true);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash).toMatch(/^scrypt\$17\$/);
  });
});

describe(`first-admin setup link (${testDialect()})`, () => {
  it("is printed once and written to SETUP_LINK_FILE with mode 600", async () => {
    const fresh = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "setup-link-"));
    const file = path.join(dir, "setup-link");
    const lines: string[] = [];
    const originalLog = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await announceFirstAdmin({ DATABASE_URL: fresh.url, APP_SECRET: "a".repeat(32), SETUP_LINK_FILE: file, WEBHOOK_BASE_URL: "https://inbox.example.com" });
    } finally {
      console.log = originalLog;
      await fresh.cleanup();
    }
    const links = lines.join("\n").match(/https:\/\/inbox\.example\.com\/setup\/\S+/g) ?? [];
    expect(links).toHaveLength(1);
    expect(fs.readFileSync(file, "utf8").trim()).toBe(links[0]);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(lines.join("\n")).toContain(file);
  });
});
