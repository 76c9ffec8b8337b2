import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import type { AppDatabase } from "@/lib/db/types";
import { messageEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { buildScenario, scenarioNow } from "@/lib/simulator/scenarios";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { TEST_SECRET } from "../helpers/ingest";
import { acknowledged, startLoad } from "./load";
import { PORTS } from "./ports";
import { recordFigure } from "./summary";
import { startTcpProxy, type TcpProxy } from "./tcp-proxy";

// The database goes away during load: PostgreSQL through a TCP proxy this test cuts (the shared
// server keeps running), SQLite by another connection holding the write lock. The endpoint must
// answer 503 + Retry-After within 2 s, /api/health must say so, and everything recovers by itself.
const OUTAGE_MS = 5_000;
const ANSWER_DEADLINE_MS = 2_000;

let server: AppServer;
let db: AppDatabase;
let proxy: TcpProxy | undefined;
let dialect: "sqlite" | "postgres";
type Probe = { at: number; status: number; ms: number; retryAfter: string | null };
const healthDuring: Probe[] = [];
const webhookDuring: Probe[] = [];
let recoveryMs = Number.NaN;
let outageStart = 0;
let outageEnd = 0;
let load: ReturnType<typeof startLoad>;
const scenario = buildScenario("full", { now: scenarioNow(), mediaBaseUrl: `http://localhost:${PORTS.outage}`, count: 2, shuffle: true });

async function probe(url: string, init?: RequestInit): Promise<Probe> {
  const started = Date.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer();
    return { at: started, status: res.status, ms: Date.now() - started, retryAfter: res.headers.get("retry-after") };
  } catch {
    return { at: started, status: 0, ms: Date.now() - started, retryAfter: null };
  }
}

function signedDelivery(): RequestInit {
  const body = JSON.stringify(messageEvent({ text: "during the outage" }));
  return { method: "POST", body, headers: signedHeaders(body, { secret: TEST_SECRET }) };
}

beforeAll(async () => {
  const pgBase = process.env.TEST_DATABASE_URL;
  dialect = pgBase?.startsWith("postgres") ? "postgres" : "sqlite";
  if (dialect === "postgres") {
    const target = new URL(pgBase!);
    proxy = await startTcpProxy({ port: PORTS.outageProxy, targetHost: target.hostname, targetPort: Number(target.port || 5432) });
  }
  server = await startAppServer({
    port: PORTS.outage,
    name: `reliability-outage-${PORTS.outage}`,
    env: { OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET },
    connectUrl: (url) => {
      if (!proxy) return url;
      const viaProxy = new URL(url);
      viaProxy.hostname = "127.0.0.1";
      viaProxy.port = String(PORTS.outageProxy);
      return viaProxy.toString();
    },
  });
  db = createDatabase(server.databaseUrl, { poolSize: 2 });
  const webhookUrl = `${server.baseUrl}/api/webhooks/openphone`;
  load = startLoad(`outage-${PORTS.outage}`, {
    urls: [webhookUrl],
    secret: TEST_SECRET,
    deliveries: scenario.deliveries.map((d) => ({ body: d.body, style: d.style, eventId: d.eventId })),
    concurrency: 8,
    retryDelayMs: 300,
  });
  while (acknowledged(load.attempts).size < 50) await new Promise((r) => setTimeout(r, 50));

  // Take the database away.
  let lock: Database.Database | undefined;
  if (proxy) await proxy.cut();
  else {
    const target = parseDatabaseUrl(server.databaseUrl);
    if (target.dialect !== "sqlite") throw new Error("expected SQLite");
    lock = new Database(target.file, { timeout: 5_000 });
    lock.exec("BEGIN EXCLUSIVE");
  }
  outageStart = Date.now();
  while (Date.now() - outageStart < OUTAGE_MS) {
    const [health, webhook] = await Promise.all([probe(`${server.baseUrl}/api/health`), probe(webhookUrl, signedDelivery())]);
    // The first half second is the time the app needs to notice.
    if (health.at - outageStart > 500) healthDuring.push(health);
    webhookDuring.push(webhook);
    await new Promise((r) => setTimeout(r, 200));
  }

  // Bring it back and time the recovery: health 200 and a fresh delivery acknowledged.
  if (proxy) await proxy.restore();
  lock?.exec("ROLLBACK");
  lock?.close();
  outageEnd = Date.now();
  for (;;) {
    const [health, webhook] = await Promise.all([probe(`${server.baseUrl}/api/health`), probe(webhookUrl, signedDelivery())]);
    if (health.status === 200 && webhook.status === 200) break;
    if (Date.now() - outageEnd > 60_000) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  recoveryMs = Date.now() - outageEnd;
  await load.done;
}, 600_000);

afterAll(async () => {
  load?.stop();
  await db?.prisma.$disconnect();
  await server?.stop();
  await proxy?.close();
});

describe("database outage under load", () => {
  it(`the webhook answers 503 with Retry-After within ${ANSWER_DEADLINE_MS / 1000} s while the database is away`, () => {
    const slowest = Math.max(...webhookDuring.map((p) => p.ms));
    recordFigure("outage", "webhook probes during the outage", webhookDuring.length);
    recordFigure("outage", "slowest answer during the outage (ms)", slowest);
    const wrong = webhookDuring.filter((p) => p.status !== 503 || !p.retryAfter || p.ms > ANSWER_DEADLINE_MS);
    recordFigure("outage", "answers not 503 + Retry-After within 2 s", wrong.length);
    // The load's own attempts that started during the outage: none acknowledged, none hanging.
    const during = load.attempts.filter((a) => a.t > outageStart + 500 && a.t < outageEnd - 500);
    recordFigure("outage", "load attempts during the outage: 503 / slowest (ms)", `${during.filter((a) => a.status === 503).length}/${during.length} / ${Math.max(0, ...during.map((a) => a.ms))}`);
    expect(during.length).toBeGreaterThan(0);
    expect(during.filter((a) => a.status !== 503 || a.ms > ANSWER_DEADLINE_MS)).toEqual([]);
    expect(wrong).toEqual([]);
  });

  it("/api/health says the database is unavailable", () => {
    recordFigure("outage", "health checks during the outage (503)", `${healthDuring.filter((p) => p.status === 503).length}/${healthDuring.length}`);
    expect(healthDuring.length).toBeGreaterThan(0);
    expect(healthDuring.filter((p) => p.status !== 503 || p.ms > ANSWER_DEADLINE_MS)).toEqual([]);
  });

  it("recovers by itself when the database returns, with no acknowledged event lost", async () => {
    recordFigure("outage", "outage length (s)", (OUTAGE_MS / 1000).toFixed(1));
    recordFigure("outage", "recovery time after the database returned (s)", (recoveryMs / 1000).toFixed(2));
    expect(recoveryMs).toBeLessThan(15_000);
    const ids = [...new Set(scenario.deliveries.map((d) => d.eventId))];
    const rows = await db.prisma.webhookEvent.findMany({ where: { eventId: { in: ids } }, select: { eventId: true, status: true } });
    recordFigure("outage", "events acknowledged / found once", `${ids.length}/${new Set(rows.map((r) => r.eventId)).size}`);
    expect(rows.length).toBe(ids.length);
    expect(rows.filter((r) => r.status === "failed")).toEqual([]);
  });
});
