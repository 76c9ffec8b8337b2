// Ingest benchmark (design §7). For each database and each spread of conversations it starts the
// production build on a fresh database and, from a separate load-generator process (autocannon,
// scripts/ingest-load.ts), sends signed message deliveries with some duplicates at N connections:
// first to the verify-only route (the framework ceiling: the same build reading and verifying a
// delivery without touching the database), then to the real endpoint. One table: req/s, p50/p99,
// errors, the ratio to the ceiling, the server's peak RSS, and whether every delivery was stored once.
// Usage: npm run bench:ingest [-- --quick] [--requests N] [--connections C] [--databases sqlite,postgres]
//        [--spreads 1,500] [--duplicates 0.05] [--port 3700] [--out results.json]
// PostgreSQL: BENCH_DATABASE_URL or TEST_DATABASE_URL, else postgresql://postgres@127.0.0.1:5432/test.
import { execFile, execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, promisify } from "node:util";
import { planDeliveries } from "../lib/bench/ingest-deliveries";
import type { LoadJob, LoadSummary } from "../lib/bench/ingest-load-types";
import { createDatabase } from "../lib/db/create-database";
import { startAppServer, type AppServer } from "../tests/helpers/app-server";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    requests: { type: "string" },
    connections: { type: "string", default: "50" },
    databases: { type: "string", default: "sqlite,postgres" },
    spreads: { type: "string", default: "1,500" },
    duplicates: { type: "string", default: "0.05" },
    port: { type: "string", default: "3700" },
    out: { type: "string" },
  },
});
const total = Number(values.requests ?? (values.quick ? 600 : 20_000));
const connections = Number(values.connections);
const duplicateRate = Number(values.duplicates);
const databases = values.databases.split(",").map((d) => d.trim()) as ("sqlite" | "postgres")[];
const spreads = values.spreads.split(",").map(Number);
const port = Number(values.port);
const pgUrl =
  [process.env.BENCH_DATABASE_URL, process.env.TEST_DATABASE_URL].find((u) => u && /^postgres(ql)?:\/\//.test(u)) ??
  "postgresql://postgres@127.0.0.1:5432/test";

const secret = randomBytes(32).toString("base64");
// The verify-only route answers only requests carrying this token (lib/webhooks/bench-baseline.ts).
const benchToken = randomBytes(24).toString("base64url");

export type CellResult = {
  database: "sqlite" | "postgres";
  conversations: number;
  ceiling: LoadSummary;
  ingest: LoadSummary;
  ratio: number;
  p99Ratio: number;
  peakRssMb: number;
  stored: { events: number; messages: number; expected: number };
};

async function sendLoad(url: string, bodies: string[], headers: Record<string, string> = {}): Promise<LoadSummary> {
  const job: LoadJob = { url, connections, timeoutSeconds: 10, secret, headers, bodies };
  const file = path.join(os.tmpdir(), `ingest-load-${process.pid}-${randomBytes(4).toString("hex")}.json`);
  fs.writeFileSync(file, JSON.stringify(job));
  try {
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/ingest-load.ts", file], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return JSON.parse(stdout.trim().split("\n").at(-1)!) as LoadSummary;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

/** The Next server process: whichever process listens on the port. */
function listeningPid(listenPort: number): number | null {
  try {
    const out = execSync(`ss -Hltnp 'sport = :${listenPort}'`).toString();
    const pid = /pid=(\d+)/.exec(out)?.[1];
    return pid ? Number(pid) : null;
  } catch {
    return null;
  }
}

/** VmHWM: the process's peak resident set since it started (each cell gets a fresh server). */
function peakRssMb(pid: number | null): number {
  if (pid === null) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

async function storedCounts(server: AppServer): Promise<{ events: number; messages: number }> {
  const db = createDatabase(server.databaseUrl, { poolSize: 1 });
  try {
    return { events: await db.prisma.webhookEvent.count(), messages: await db.prisma.message.count() };
  } finally {
    await db.prisma.$disconnect();
  }
}

async function measureCell(database: "sqlite" | "postgres", conversations: number): Promise<CellResult> {
  if (database === "postgres") process.env.TEST_DATABASE_URL = pgUrl;
  else delete process.env.TEST_DATABASE_URL;
  const server = await startAppServer({
    port,
    name: `bench-ingest-${database}-${conversations}`,
    env: { OPENPHONE_WEBHOOK_SIGNING_KEY: secret, BENCH_BASELINE: benchToken, LOG_LEVEL: "warn" },
  });
  try {
    const pid = listeningPid(port);
    const verifyUrl = `${server.baseUrl}/api/bench/verify`;
    const ingestUrl = `${server.baseUrl}/api/webhooks/openphone`;
    const now = new Date();
    const plan = (label: string, count: number) => planDeliveries({ count, conversations, duplicateRate, label, now });
    // Warm-up: route compilation, JIT, first connections; its rows are counted below.
    const warm = plan("warm", Math.min(200, total));
    await sendLoad(verifyUrl, warm.bodies, { "x-bench-token": benchToken });
    await sendLoad(ingestUrl, warm.bodies);

    const ceiling = await sendLoad(verifyUrl, plan("ceiling", total).bodies, { "x-bench-token": benchToken });
    const measured = plan("ingest", total);
    const ingest = await sendLoad(ingestUrl, measured.bodies);
    const stored = await storedCounts(server);
    return {
      database,
      conversations,
      ceiling,
      ingest,
      ratio: ingest.perSecond / ceiling.perSecond,
      p99Ratio: ingest.p99 / Math.max(ceiling.p99, 1),
      peakRssMb: peakRssMb(pid),
      stored: { ...stored, expected: warm.uniqueEvents + measured.uniqueEvents },
    };
  } finally {
    await server.stop();
  }
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function describeFailures(s: LoadSummary): string {
  const non200 = Object.entries(s.byStatus).filter(([status]) => status !== "200");
  const parts = [`${s.errors} errors`, `${s.timeouts} timeouts`];
  if (non200.length > 0) parts.push(non200.map(([status, n]) => `${n}× ${status}`).join(", "));
  return parts.join(", ");
}

export function formatTable(results: CellResult[]): string {
  const lines = [
    "| database | conversations | ceiling: verify only | ingest | ratio (≥ 0.6) | p99 vs ceiling (≤ 2×) | failures | stored once | next-server peak RSS |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const storedOk = r.stored.events === r.stored.expected && r.stored.messages === r.stored.expected;
    lines.push(
      `| ${r.database === "sqlite" ? "SQLite" : "PostgreSQL"} | ${r.conversations === 1 ? "1 (hot row)" : fmt(r.conversations)} ` +
        `| ${fmt(r.ceiling.perSecond)} req/s, p50 ${r.ceiling.p50} ms, p99 ${r.ceiling.p99} ms ` +
        `| ${fmt(r.ingest.perSecond)} req/s, p50 ${r.ingest.p50} ms, p99 ${r.ingest.p99} ms ` +
        `| ${r.ratio.toFixed(2)}× | ${r.p99Ratio.toFixed(2)}× | ${describeFailures(r.ingest)} ` +
        `| ${storedOk ? "yes" : `no: ${r.stored.events} events, ${r.stored.messages} messages, ${r.stored.expected} expected`} ` +
        `| ${r.peakRssMb} MB |`,
    );
  }
  return lines.join("\n");
}

// The machine may be shared: the load before and after the run says how far to trust the absolute numbers
// (the ratios compare the ceiling and the endpoint measured side by side in the same minutes).
const loadBefore = os.loadavg();
const startedAt = Date.now();
const results: CellResult[] = [];
for (const database of databases) {
  for (const conversations of spreads) {
    console.error(`▶ ${database}, ${conversations} conversation(s): ${total} deliveries at ${connections} connections`);
    results.push(await measureCell(database, conversations));
  }
}
const loadAfter = os.loadavg();
const loads = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(
  `\nIngest benchmark: ${total.toLocaleString("en-US")} message deliveries per run, ${duplicateRate * 100}% duplicates, ` +
    `${connections} connections from a separate autocannon process; ${os.cpus().length} cores; ` +
    `load average (1, 5, 15 min) before ${loads(loadBefore)}, after ${loads(loadAfter)}; ${Math.round((Date.now() - startedAt) / 1000)} s\n`,
);
console.log(formatTable(results));
if (values.out) {
  fs.writeFileSync(values.out, JSON.stringify({ total, connections, duplicateRate, loadAverage: { before: loadBefore, after: loadAfter }, results }, null, 2));
}
const failed = results.filter(
  (r) => r.ingest.errors + r.ingest.timeouts + r.ingest.non2xx > 0 || r.stored.events !== r.stored.expected || r.stored.messages !== r.stored.expected,
);
if (failed.length > 0) {
  console.error("✖ some deliveries failed or were not stored exactly once");
  process.exitCode = 1;
}
