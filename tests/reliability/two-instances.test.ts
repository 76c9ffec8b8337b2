import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/crypto/secret-box";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { messageEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { buildScenario, scenarioNow } from "@/lib/simulator/scenarios";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { ensureTestUsers, sessionCookieFor } from "../helpers/auth-users";
import { TEST_SECRET } from "../helpers/ingest";
import { startLoad } from "./load";
import { PORTS } from "./ports";
import { recordFigure } from "./summary";

// Two app instances on one PostgreSQL schema, started at the same moment on an empty schema:
// migrations apply once, deliveries spread over both are stored exactly once (also when the same
// delivery reaches both at once), live updates reach a browser on either instance, and a new
// subscription's signing key is trusted by both without a restart.
const pgBase = process.env.TEST_DATABASE_URL;
const onPostgres = Boolean(pgBase?.startsWith("postgres"));
const APP_SECRET = `reliability-two-instances-${randomBytes(16).toString("hex")}`;
const schema = `reliability_two_${randomBytes(4).toString("hex")}`;

let a: AppServer;
let b: AppServer;
let db: AppDatabase;
let databaseUrl = "";
const scenario = buildScenario("full", { now: scenarioNow(), mediaBaseUrl: `http://localhost:${PORTS.instanceA}`, count: 2, shuffle: true, duplicates: 0.2 });

function post(server: AppServer, body: string, secret = TEST_SECRET) {
  return fetch(`${server.baseUrl}/api/webhooks/openphone`, { method: "POST", body, headers: signedHeaders(body, { secret }) });
}

beforeAll(async () => {
  if (!onPostgres) {
    recordFigure("two instances", "PostgreSQL only", "n/a");
    return;
  }
  const url = new URL(pgBase!);
  url.searchParams.set("schema", schema);
  databaseUrl = url.toString();
  const env = { OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET, APP_SECRET };
  [a, b] = await Promise.all([
    startAppServer({ port: PORTS.instanceA, name: `reliability-instance-${PORTS.instanceA}`, databaseUrl, env }),
    startAppServer({ port: PORTS.instanceB, name: `reliability-instance-${PORTS.instanceB}`, databaseUrl, env }),
  ]);
  db = createDatabase(databaseUrl, { poolSize: 2 });
}, 600_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  await Promise.all([a?.stop(), b?.stop()]);
  if (onPostgres) {
    const client = new pg.Client({ connectionString: pgBase });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  }
});

describe.runIf(onPostgres)("two app instances on one PostgreSQL", () => {
  it("migrations started at the same moment on both apply once", async () => {
    const rows = await db.prisma.$queryRawUnsafe<{ name: string; n: number }[]>(`SELECT name, COUNT(*)::int AS n FROM "${schema}"."_migrations" GROUP BY name`);
    const folders = fs.readdirSync(path.resolve("prisma/migrations/postgres")).filter((f) => /^\d/.test(f));
    recordFigure("two instances", "migrations applied / expected", `${rows.length}/${folders.length}`);
    expect(rows.map((r) => r.name).sort()).toEqual(folders.sort());
    expect(rows.every((r) => r.n === 1)).toBe(true);
  });

  it("exactly once under load spread over both, and when one delivery reaches both at once", async () => {
    const load = startLoad(`two-instances-${PORTS.instanceA}`, {
      urls: [`${a.baseUrl}/api/webhooks/openphone`, `${b.baseUrl}/api/webhooks/openphone`],
      secret: TEST_SECRET,
      deliveries: scenario.deliveries.map((d) => ({ body: d.body, style: d.style, eventId: d.eventId })),
      concurrency: 12,
      retryDelayMs: 200,
    });
    // Meanwhile: the same delivery to both instances at the same moment.
    const races = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const body = JSON.stringify(messageEvent({ text: "raced" }));
        const answers = await Promise.all([post(a, body), post(b, body)]);
        return Promise.all(answers.map(async (r) => ((await r.json()) as { status: string }).status));
      }),
    );
    await load.done;
    const processedOnce = races.filter((r) => r.filter((s) => s === "processed").length === 1 && r.filter((s) => s === "duplicate").length === 1);
    const ids = [...new Set(scenario.deliveries.map((d) => d.eventId))];
    const rows = await db.prisma.webhookEvent.findMany({ where: { eventId: { in: ids } }, select: { eventId: true } });
    recordFigure("two instances", "deliveries over both (incl. 20% duplicates)", scenario.deliveries.length);
    recordFigure("two instances", "events acknowledged / stored once", `${ids.length}/${new Set(rows.map((r) => r.eventId)).size}`);
    recordFigure("two instances", "same delivery to both at once: processed once", `${processedOnce.length}/${races.length}`);
    expect(rows.length).toBe(ids.length);
    expect(processedOnce.length).toBe(races.length);
  });

  it("a delivery to one instance reaches live-update clients on both", async () => {
    const ids = await ensureTestUsers(db);
    const cookie = await sessionCookieFor(databaseUrl, ids.staff);
    const listen = async (server: AppServer) => {
      const controller = new AbortController();
      const res = await fetch(`${server.baseUrl}/api/live`, { headers: { cookie }, signal: controller.signal });
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      const decoder = new TextDecoder();
      let text = "";
      const received = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return false;
          text += decoder.decode(value);
          if (text.includes("event: activity")) return true;
        }
      })().catch(() => false);
      return { received, close: () => controller.abort() };
    };
    const [onA, onB] = await Promise.all([listen(a), listen(b)]);
    await new Promise((r) => setTimeout(r, 500));
    const started = Date.now();
    expect((await post(a, JSON.stringify(messageEvent({ text: "live on both" })))).status).toBe(200);
    const timeout = new Promise<boolean>((r) => setTimeout(() => r(false), 10_000));
    const [gotA, gotB] = await Promise.all([Promise.race([onA.received, timeout]), Promise.race([onB.received, timeout])]);
    recordFigure("two instances", "live update reached clients on A / B", `${gotA ? "yes" : "NO"} / ${gotB ? "yes" : "NO"} (${Date.now() - started} ms)`);
    onA.close();
    onB.close();
    expect([gotA, gotB]).toEqual([true, true]);
  });

  it("a new subscription's signing key is trusted by both instances without a restart", async () => {
    const secret = randomBytes(32).toString("base64");
    const body = JSON.stringify(messageEvent({ text: "signed with the new key" }));
    expect((await post(a, body, secret)).status).toBe(401);
    await db.prisma.webhookSubscription.create({
      data: {
        openphoneId: `WH${randomBytes(6).toString("hex")}`,
        url: `${a.baseUrl}/api/webhooks/openphone`,
        events: JSON.stringify(["message.received"]),
        resourceIds: JSON.stringify(["*"]),
        status: "enabled",
        encryptedKey: sealSecret(secret, APP_SECRET),
      },
    });
    const started = Date.now();
    const accepted = async (server: AppServer) => {
      while (Date.now() - started < 10_000) {
        const fresh = JSON.stringify(messageEvent({ text: "signed with the new key" }));
        if ((await post(server, fresh, secret)).status === 200) return Date.now() - started;
        await new Promise((r) => setTimeout(r, 100));
      }
      return null;
    };
    const [msA, msB] = await Promise.all([accepted(a), accepted(b)]);
    recordFigure("two instances", "new subscription key trusted by A / B after (ms)", `${msA ?? "never"} / ${msB ?? "never"}`);
    expect(msA).not.toBeNull();
    expect(msB).not.toBeNull();
  });
});
