// Ingest benchmark (design §7): the production build receiving signed deliveries at 50 concurrent
// connections, side by side with its own framework ceiling (the same build verifying a delivery
// without touching the database, /api/bench/verify). Prints req/s, p50/p99 and the ratio.
// Usage: npm run bench:ingest [-- --requests N --concurrency C --database sqlite|postgres]
import { execSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { runLoad, type LoadRequest, type LoadResult } from "../lib/bench/load";
import { messageEvent } from "../lib/simulator/payloads";
import { signedHeaders } from "../lib/simulator/sign";
import { startAppServer } from "../tests/helpers/app-server";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "3000" },
    concurrency: { type: "string", default: "50" },
    database: { type: "string", default: "sqlite" },
    duplicates: { type: "string", default: "0.05" },
  },
});
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const duplicateRate = Number(values.duplicates);
const secret = Buffer.from("benchmark-signing-secret-32bytes").toString("base64");
// The verify-only route answers only requests carrying this token (see lib/webhooks/bench-baseline.ts).
const benchToken = randomBytes(24).toString("base64url");

if (values.database === "postgres") process.env.TEST_DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/test";
else delete process.env.TEST_DATABASE_URL;

function deliveries(count: number, extraHeaders: Record<string, string> = {}): LoadRequest[] {
  const unique: string[] = [];
  const out: LoadRequest[] = [];
  for (let i = 0; i < count; i++) {
    let body: string;
    if (unique.length > 0 && i % Math.round(1 / duplicateRate) === 0) {
      body = unique[(i * 7919) % unique.length]!;
    } else {
      body = JSON.stringify(
        messageEvent({
          participant: `+1555${String(1_000_000 + (i % 500)).slice(1)}`,
          text: `Benchmark message ${i}: can someone call me back about the quote?`,
          createdAt: new Date(Date.now() - (count - i) * 1000),
        }),
      );
      unique.push(body);
    }
    out.push({ body, headers: { ...signedHeaders(body, { secret }), ...extraHeaders } });
  }
  return out;
}

function rssMb(port: number): number {
  // Peak resident memory of the process listening on the port (the Next server).
  try {
    const pid = execSync(`ss -Hltnp 'sport = :${port}' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2`).toString().trim();
    const status = execSync(`cat /proc/${pid}/status`).toString();
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
  } catch {
    return 0;
  }
}

function row(label: string, r: LoadResult): string {
  const statuses = Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join(" ");
  return `${label.padEnd(26)} ${r.perSecond.toFixed(0).padStart(7)} req/s   p50 ${r.p50.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   ${statuses}`;
}

const server = await startAppServer({
  port: 3700,
  name: "bench-ingest",
  env: { OPENPHONE_WEBHOOK_SIGNING_KEY: secret, BENCH_BASELINE: benchToken, LOG_LEVEL: "warn" },
});
try {
  const warm = deliveries(200);
  await runLoad(`${server.baseUrl}/api/bench/verify`, deliveries(200, { "x-bench-token": benchToken }), concurrency);
  await runLoad(`${server.baseUrl}/api/webhooks/openphone`, warm, concurrency);

  const baseline = await runLoad(`${server.baseUrl}/api/bench/verify`, deliveries(total, { "x-bench-token": benchToken }), concurrency);
  const ingest = await runLoad(`${server.baseUrl}/api/webhooks/openphone`, deliveries(total), concurrency);
  const rss = rssMb(3700);

  console.log(`\nIngest benchmark (${values.database}, ${total} deliveries, ${concurrency} concurrent, ${duplicateRate * 100}% duplicates)`);
  console.log(row("baseline: verify only", baseline));
  console.log(row("ingest: verify+store+project", ingest));
  console.log(`throughput ratio ingest/baseline: ${(ingest.perSecond / baseline.perSecond).toFixed(2)} (target ≥ 0.6)`);
  console.log(`ingest p99: ${ingest.p99.toFixed(1)} ms (target < 100 ms at ${concurrency} concurrent); server peak RSS ${rss} MB`);
  const unexpected = Object.keys(ingest.byStatus).filter((s) => s !== "200");
  if (unexpected.length > 0) {
    console.error(`✖ unexpected statuses: ${unexpected.join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  await server.stop();
}
