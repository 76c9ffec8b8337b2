import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { buildScenario, scenarioNow } from "@/lib/simulator/scenarios";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { createPoster, TEST_SECRET } from "../helpers/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";
import { acknowledged, startLoad } from "./load";
import { PORTS } from "./ports";
import { recordFigure } from "./summary";

// kill -9 of the production server at random moments under load from a separate process that
// retries every delivery without a 2xx, as OpenPhone does. Then: every acknowledged event stored
// once, and the domain rows equal to a clean in-order replay of the same events.
const CRASHES = Number(process.env.RELIABILITY_CRASHES ?? 5);
const REPETITIONS = 3;

let server: AppServer;
let db: AppDatabase;
let replay: TestDatabase;
const now = scenarioNow();
// The simulator's full day, several times with fresh ids: every event family, related events
// (a call's recording, summary and transcript), 5% duplicates, sent in a shuffled order.
const scenario = buildScenario("full", { now, mediaBaseUrl: `http://localhost:${PORTS.crash}`, count: REPETITIONS, shuffle: true });
const inOrder = buildScenario("full", { now, mediaBaseUrl: `http://localhost:${PORTS.crash}`, count: REPETITIONS });
const crashes: { atMs: number; restartMs: number }[] = [];
let cutRequests = 0;
let seconds = 0;

beforeAll(async () => {
  // LOG_LEVEL=info: every delivery is logged, and the log is searched for secrets at the end.
  server = await startAppServer({ port: PORTS.crash, name: `reliability-crash-${PORTS.crash}`, env: { OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET, LOG_LEVEL: "info" } });
  db = createDatabase(server.databaseUrl, { poolSize: 2 });
  const started = Date.now();
  const load = startLoad(`crash-${PORTS.crash}`, {
    urls: [`${server.baseUrl}/api/webhooks/openphone`],
    secret: TEST_SECRET,
    deliveries: scenario.deliveries.map((d) => ({ body: d.body, style: d.style, eventId: d.eventId })),
    concurrency: 12,
    retryDelayMs: 200,
  });
  let finished = false;
  void load.done.then(() => (finished = true), () => (finished = true));
  for (let i = 0; i < CRASHES && !finished; i++) {
    // A random moment while deliveries are in flight: after some acknowledged since the restart.
    const before = load.attempts.length;
    const waitMs = 300 + Math.random() * 1500;
    const deadline = Date.now() + 30_000;
    while ((Date.now() - started < waitMs || load.attempts.length - before < 20) && !finished && Date.now() < deadline) await sleep(50);
    const atMs = Date.now() - started;
    await server.crash();
    await sleep(Math.random() * 500);
    const restarting = Date.now();
    await server.restart();
    crashes.push({ atMs, restartMs: Date.now() - restarting });
  }
  await load.done;
  seconds = (Date.now() - started) / 1000;
  cutRequests = load.attempts.filter((a) => a.status === 0).length;
  const acked = acknowledged(load.attempts);
  recordFigure("crash", "deliveries (incl. 5% duplicates)", scenario.deliveries.length);
  recordFigure("crash", "attempts (with retries)", load.attempts.length);
  recordFigure("crash", "deliveries acknowledged", acked.size);
  recordFigure("crash", "requests cut by a crash", cutRequests);
  // The in-order replay: the same events into a fresh database, one at a time, in arrival order.
  replay = await createTestDatabase();
  const poster = createPoster(replay);
  for (const delivery of inOrder.deliveries) {
    const result = await poster.post(delivery.body, { style: delivery.style });
    if (result.httpStatus !== 200) throw new Error(`replay of ${delivery.eventId}: ${result.httpStatus}`);
  }
}, 600_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
  await replay?.cleanup();
  await server?.stop();
});

/** Rows in a total order: repetitions of the simulated day share timestamps, so ties are common. */
function canonical<T extends Record<string, unknown[]>>(snapshot: T): T {
  return Object.fromEntries(Object.entries(snapshot).map(([k, rows]) => [k, [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))])) as T;
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}

describe(`kill -9 under load (${CRASHES} crashes)`, () => {
  it(`crashes the server at least ${CRASHES} times while deliveries are in flight`, () => {
    recordFigure("crash", "crashes injected (kill -9)", crashes.length);
    recordFigure("crash", "restart to healthy, worst (s)", (Math.max(...crashes.map((c) => c.restartMs)) / 1000).toFixed(1));
    recordFigure("crash", "load duration (s)", seconds.toFixed(1));
    expect(crashes.length).toBeGreaterThanOrEqual(CRASHES);
    expect(cutRequests).toBeGreaterThan(0);
  });

  it("every acknowledged event is stored exactly once, none failed", async () => {
    const ids = [...new Set(scenario.deliveries.map((d) => d.eventId))];
    const rows = await db.prisma.webhookEvent.findMany({ select: { eventId: true, status: true } });
    const counts = new Map<string, number>();
    for (const row of rows) counts.set(row.eventId, (counts.get(row.eventId) ?? 0) + 1);
    const notOnce = ids.filter((id) => counts.get(id) !== 1);
    recordFigure("crash", "distinct events acknowledged", ids.length);
    recordFigure("crash", "events found exactly once", ids.length - notOnce.length);
    recordFigure("crash", "events lost or duplicated", notOnce.length + Math.max(0, rows.length - ids.length));
    expect(notOnce).toEqual([]);
    expect(rows.length).toBe(ids.length);
    expect(rows.filter((r) => r.status === "failed")).toEqual([]);
  });

  it("the server log (every delivery, five crashes and restarts) contains no secret", () => {
    const appSecret = fs.readFileSync(path.resolve(`tests/.tmp/reliability-crash-${PORTS.crash}/app-secret`), "utf8").trim();
    const log = server.output();
    const found = [TEST_SECRET, appSecret, Buffer.from(TEST_SECRET, "base64").toString("hex")].filter((secret) => secret.length >= 16 && log.includes(secret));
    recordFigure("hostile", "secrets in the server log (lines logged)", `${found.length} (${log.split("\n").length})`);
    expect(log.length).toBeGreaterThan(1000);
    expect(found).toEqual([]);
  });

  it("the domain rows equal a clean in-order replay of the same events (no half-written row)", async () => {
    const live = canonical(await domainSnapshot(db.prisma));
    const clean = canonical(await domainSnapshot(replay.prisma));
    const same = JSON.stringify(live) === JSON.stringify(clean);
    recordFigure("crash", "domain rows equal in-order replay", same ? "yes" : "NO");
    expect(live.messages.length).toBeGreaterThan(50);
    expect(live).toEqual(clean);
  });
});
