import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createUser, setUserActive } from "@/lib/auth/users";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { TEST_USERS } from "../helpers/auth-users";
import { cookieFrom, request, submitForm } from "../helpers/http-client";

const baseUrl = inject("baseUrl");
let db: AppDatabase;

beforeAll(() => {
  db = createDatabase(inject("databaseUrl"), { poolSize: 2 });
});
afterAll(async () => {
  await db.prisma.$disconnect();
});

/** A fresh address per test, so the per-IP limit of one test never blocks another. */
const freshIp = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}, 203.0.113.${Math.floor(Math.random() * 250) + 1}`;

/** Fills in and submits the real /login form (no JavaScript: a multipart POST of its hidden fields). */
async function signIn(email: string, password: string, options: { next?: string; ip?: string; proto?: string } = {}) {
  const loginUrl = `${baseUrl}/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`;
  const page = await request(loginUrl);
  const headers: Record<string, string> = { "X-Forwarded-For": options.ip ?? freshIp() };
  if (options.proto) headers["X-Forwarded-Proto"] = options.proto;
  const fields: Record<string, string> = { email, password };
  if (options.next) fields.next = options.next;
  return submitForm(loginUrl, page.body, /name="password"/, fields, headers);
}

async function newUser(password: string, role: "admin" | "staff" = "staff") {
  const email = `u-${randomBytes(4).toString("hex")}@inbox.test`;
  const created = await createUser(db, { email, role, password }, new Date());
  if (!created.ok) throw new Error("user exists");
  return { email, id: created.id };
}

const me = (cookie: string) => request(`${baseUrl}/api/me`, { headers: { Cookie: cookie } });

describe("signing in through /login", () => {
  it("sets an HttpOnly, SameSite=Lax session cookie (not Secure over http) and redirects", async () => {
    const result = await signIn(TEST_USERS.staff.email.toUpperCase(), TEST_USERS.staff.password);
    expect(result.status).toBe(303);
    expect(result.headers.get("location")).toBe("/activity");
    const cookie = cookieFrom(result, "opi_session")!;
    expect(cookie.attributes).toMatch(/HttpOnly/i);
    expect(cookie.attributes).toMatch(/SameSite=lax/i);
    expect(cookie.attributes).toMatch(/Path=\//);
    expect(cookie.attributes).not.toMatch(/Secure/i);
    const expires = new Date(/Expires=([^;]+)/i.exec(cookie.attributes)![1]!);
    expect(expires.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3_600_000); // SESSION_TTL_HOURS default: 7 days
    const who = await me(cookie.pair);
    expect(who.status).toBe(200);
    expect(JSON.parse(who.body).user).toMatchObject({ email: TEST_USERS.staff.email, role: "staff" });
  });

  it("marks the cookie Secure and __Host- when the request came over https (X-Forwarded-Proto from the trusted proxy)", async () => {
    const result = await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password, { proto: "https" });
    expect(cookieFrom(result, "opi_session")).toBeUndefined();
    expect(cookieFrom(result, "__Host-opi_session")!.attributes).toMatch(/Secure/i);
  });

  it("goes back to the page that asked for sign-in, but never off-site", async () => {
    expect((await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password, { next: "/conversations?x=1" })).headers.get("location")).toBe(
      "/conversations?x=1",
    );
    for (const next of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      expect((await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password, { next })).headers.get("location")).toBe("/activity");
    }
  });

  it("a wrong password, an unknown email and a deactivated account get the same message and no cookie", async () => {
    const user = await newUser("right password 123");
    const off = await newUser("right password 123");
    await setUserActive(db, off.id, false, new Date());
    for (const [email, password] of [
      [user.email, "wrong password 123"],
      ["nobody@inbox.test", "right password 123"],
      [off.email, "right password 123"],
    ] as const) {
      const result = await signIn(email, password);
      expect(result.status).toBe(200);
      expect(result.body).toContain("match an active account");
      expect(cookieFrom(result, "opi_session")).toBeUndefined();
    }
  });

  it("sign-out deletes the session: the old cookie stops working", async () => {
    const signedIn = await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password);
    const cookie = cookieFrom(signedIn, "opi_session")!.pair;
    const page = await request(`${baseUrl}/activity`, { headers: { Cookie: cookie } });
    expect(page.status).toBe(200);
    const out = await submitForm(`${baseUrl}/activity`, page.body, /Sign out/, {}, { Cookie: cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    expect(cookieFrom(out, "opi_session")?.attributes).toMatch(/Expires=Thu, 01 Jan 1970|Max-Age=0/i);
    // Even if the browser kept it, the server no longer knows it.
    expect((await me(cookie)).status).toBe(401);
    const again = await request(`${baseUrl}/activity`, { headers: { Cookie: cookie } });
    expect(again.status).toBe(307);
  });

  it("sessions expire", async () => {
    const cookie = cookieFrom(await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password), "opi_session")!.pair;
    expect((await me(cookie)).status).toBe(200);
    const { createHash } = await import("node:crypto");
    const tokenHash = createHash("sha256").update(cookie.split("=")[1]!).digest("hex");
    await db.prisma.session.update({ where: { tokenHash }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await me(cookie)).status).toBe(401);
    expect((await request(`${baseUrl}/activity`, { headers: { Cookie: cookie } })).status).toBe(307);
  });

  it("sign out everywhere ends the user's other sessions too", async () => {
    const user = await newUser("right password 123");
    const first = cookieFrom(await signIn(user.email, "right password 123"), "opi_session")!.pair;
    const second = cookieFrom(await signIn(user.email, "right password 123"), "opi_session")!.pair;
    const page = await request(`${baseUrl}/activity`, { headers: { Cookie: first } });
    const out = await submitForm(`${baseUrl}/activity`, page.body, /Sign out everywhere/, {}, { Cookie: first });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/login");
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
  }, 120_000);

  it("pages carry HSTS only when the trusted proxy says the request came over https", async () => {
    expect((await request(`${baseUrl}/login`, { headers: { "X-Forwarded-For": freshIp() } })).headers.get("strict-transport-security")).toBeNull();
    const https = await request(`${baseUrl}/login`, { headers: { "X-Forwarded-For": freshIp(), "X-Forwarded-Proto": "https" } });
    expect(https.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });

  it("deactivating a user ends their sessions at once", async () => {
    const user = await newUser("right password 123");
    const cookie = cookieFrom(await signIn(user.email, "right password 123"), "opi_session")!.pair;
    expect((await me(cookie)).status).toBe(200);
    await setUserActive(db, user.id, false, new Date());
    expect((await me(cookie)).status).toBe(401);
  });
});

describe("sign-in rate limiting", () => {
  it("after 5 failures from one address, that address is refused even the right password; the owner's own address is not", async () => {
    const user = await newUser("right password 123");
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 5; i++) {
      const result = await signIn(user.email, `wrong ${i}`, { ip });
      expect(result.body).toContain("match an active account");
    }
    const blocked = await signIn(user.email, "right password 123", { ip });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toContain("Too many failed sign-in attempts");
    expect(cookieFrom(blocked, "opi_session")).toBeUndefined();
    // Another address (the owner's) still signs in.
    expect((await signIn(user.email, "right password 123")).status).toBe(303);
  }, 180_000);

  it("blocks one address after 20 failures across accounts; other addresses still sign in", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250) + 1}`;
    for (let i = 0; i < 20; i++) await signIn(`spray-${i}-${randomBytes(2).toString("hex")}@inbox.test`, "password123456", { ip });
    const blocked = await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password, { ip });
    expect(blocked.body).toContain("Too many failed sign-in attempts");
    expect(cookieFrom(blocked, "opi_session")).toBeUndefined();
    expect((await signIn(TEST_USERS.staff.email, TEST_USERS.staff.password)).status).toBe(303);
  }, 300_000);
});
