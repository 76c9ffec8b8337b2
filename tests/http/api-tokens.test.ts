import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken, revokeApiToken } from "@/lib/auth/tokens";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { listAppEntries } from "../helpers/app-routes";
import { request } from "../helpers/http-client";

const baseUrl = inject("baseUrl");
const userIds = inject("userIds");
let db: AppDatabase;

beforeAll(() => {
  db = createDatabase(inject("databaseUrl"), { poolSize: 2 });
});
afterAll(async () => {
  await db.prisma.$disconnect();
});

const PUBLIC_ROUTES = new Set(["/api/webhooks/openphone", "/api/health", "/api/bench/verify"]);
// Every read API route without path parameters (the parameterised ones get the same guard).
const readRoutes = listAppEntries()
  .filter((e) => e.kind === "route" && e.methods.includes("GET") && !e.url.includes("x1") && !PUBLIC_ROUTES.has(e.url) && !e.url.startsWith("/api/admin"))
  .map((e) => e.url);

const get = (url: string, token: string) => request(baseUrl + url, { headers: { Authorization: `Bearer ${token}` } });

describe("API tokens as Authorization: Bearer", () => {
  it("read the API as staff, record last use, and stop working once revoked", async () => {
    expect(readRoutes).toContain("/api/me");
    const { id, token } = await createApiToken(db, { name: "http test", createdById: userIds.admin }, new Date());
    expect(token).toMatch(/^opi_[A-Za-z0-9_-]{43}$/);
    // Stored only as a hash.
    const row = await db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(row.lastUsedAt).toBeNull();

    const who = await get("/api/me", token);
    expect(who.status).toBe(200);
    // Tokens are read-only: an admin's token acts with the staff role.
    expect(JSON.parse(who.body).user).toMatchObject({ id: userIds.admin, role: "staff" });
    for (const url of readRoutes) expect((await get(url, token)).status, url).not.toBe(401);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();

    expect(await revokeApiToken(db, id, new Date())).toBe(true);
    for (const url of readRoutes) {
      const result = await get(url, token);
      expect(result.status, url).toBe(401);
    }
  });

  it("a token is refused when malformed or unknown", async () => {
    for (const value of ["opi_", "opi_unknown-token-000000000000000000000000000000000", "not-a-token"]) {
      expect((await get("/api/me", value)).status).toBe(401);
    }
    expect((await request(`${baseUrl}/api/me`, { headers: { Authorization: "Bearer" } })).status).toBe(401);
  });
});
