// Dashboard benchmark (design §7): seeds 10,000 and 100,000 activities into fresh databases and
// times the timeline's queries, the insights page (30 days) and the callback queue server-side, through the same functions the pages and API call.
// Prints median/p95 per query, the 100k/10k ratio (flat = does not grow with the data), the ratio
// to a trivial `SELECT 1` in the same run, and the query plans (index use).
// Then it starts the production build on each seeded database and times whole server-rendered pages
// (tests/bench/page-timings.ts): time to first byte and to the last byte, target < 150 ms at the
// largest size and ≤ 2× the smaller size's time.
// Usage: npm run bench [-- --sizes 10000,100000 --runs 30 --database sqlite|postgres|both] [--skip-pages] [--page-port 3720]
// PostgreSQL runs when BENCH_DATABASE_URL or TEST_DATABASE_URL is a postgres:// URL (or --database asks for it).
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { Prisma } from "../lib/generated/sqlite/client";
import { createDatabase } from "../lib/db/create-database";
import type { AppDatabase } from "../lib/db/types";
import { COUNTS_UP_TO, countByKind, kindCountsSql, listTimeline, timelineIdsSql, type TimelinePage } from "../lib/timeline/queries";
import { SEARCH_WINDOW, searchRankSql, searchTimeline } from "../lib/timeline/search";
import { NO_FILTERS, resolveFilters, type TimelineFilters, type TimelineQuery } from "../lib/timeline/filters";
import { filterConditions } from "../lib/timeline/sql";
import { COMMON_WORD, RARE_WORD } from "../tests/bench/timeline-data";
import { dropPostgresSchema, seedPostgres, seedSqlite } from "../tests/bench/timeline-seed";
import { callbackQueueSql, countCallbackQueue, listCallbackQueue } from "../lib/callbacks/queue";
import { getInsights, staffSql } from "../lib/insights/queries";
import { rollupVolumeSql } from "../lib/insights/rollup";
import { benchPages, timePages, type PageStats } from "../tests/bench/page-timings";
import { parseInsightsQuery, resolveInsightsRange } from "../lib/insights/range";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    runs: { type: "string", default: "30" },
    database: { type: "string" },
    "skip-pages": { type: "boolean", default: false },
    "page-port": { type: "string", default: "3720" },
  },
});
const sizes = values.sizes.split(",").map(Number).sort((a, b) => a - b);
const runs = Number(values.runs);
const pgUrl = [process.env.BENCH_DATABASE_URL, process.env.TEST_DATABASE_URL].find((u) => u && /^postgres(ql)?:\/\//.test(u));
const dialects: ("sqlite" | "postgres")[] =
  values.database === "sqlite" ? ["sqlite"] : values.database === "postgres" ? ["postgres"] : pgUrl ? ["sqlite", "postgres"] : ["sqlite"];
if (dialects.includes("postgres") && !pgUrl) {
  console.error("✖ PostgreSQL asked for, but neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is a postgres:// URL");
  process.exit(2);
}
const TARGET_MS = 100;
const PAGE_TARGET_MS = 150;
const PAGE_GROWTH_LIMIT = 2;
const now = new Date();

type Query = {
  name: string;
  run: (db: AppDatabase) => Promise<unknown>;
  plan?: (db: AppDatabase) => Prisma.Sql | Promise<Prisma.Sql | null>;
  /** p95 target in ms at the largest size (default TARGET_MS). */
  target?: number;
  /** The pages stop running this query above this many activities (the exact kind counts). */
  pageSkipsAbove?: number;
};
/** The whole insights page (six aggregate queries) for 30 days: issue 16's target. */
const INSIGHTS_TARGET_MS = 300;
type Stats = { median: number; p95: number; rows: number };

const filters = (query: TimelineQuery): TimelineFilters => resolveFilters(query, "UTC");
const rowsOf = (result: unknown) => (result && typeof result === "object" && "items" in result ? (result as TimelinePage).items.length : Array.isArray(result) ? result.length : 1);

async function queriesFor(db: AppDatabase, size: number): Promise<Query[]> {
  // A position 90% of the way down the timeline, and the busiest conversation.
  const [deep] = await db.prisma.$queryRaw<{ id: number | bigint; occurredAt: Date }[]>(
    Prisma.sql`SELECT "id", "occurredAt" FROM "Activity" ORDER BY "occurredAt" DESC, "id" DESC LIMIT 1 OFFSET ${Math.floor(size * 0.9)}`,
  );
  const [busiest] = await db.prisma.$queryRaw<{ conversationId: number | bigint }[]>(
    Prisma.sql`SELECT "conversationId" FROM "Activity" GROUP BY "conversationId" ORDER BY COUNT(*) DESC LIMIT 1`,
  );
  const deepCursor = { kind: "time" as const, occurredAt: new Date(deep!.occurredAt), id: Number(deep!.id) };
  const conversation = filters({ conversation: Number(busiest!.conversationId) });
  const missedSales = filters({ inbox: 2, kind: "call", status: "missed" });
  const withMedia = filters({ media: true });
  const salesIncoming = filters({ inbox: 2, direction: "incoming" });
  const search = (q: string) => ({ ...filters({ q }), q });
  const insights30 = resolveInsightsRange(parseInsightsQuery({ range: "30d" }), "America/New_York", now);
  const insights30Sales = resolveInsightsRange(parseInsightsQuery({ range: "30d", number: "2" }), "America/New_York", now);
  const searchPlan = async (q: string) => searchRankSql(db.dialect, q, filterConditions(filters({ q })), 51, 0, SEARCH_WINDOW);
  return [
    { name: "SELECT 1 (baseline)", run: (d) => d.prisma.$queryRaw`SELECT 1` },
    { name: "timeline: first page", run: (d) => listTimeline(d, NO_FILTERS), plan: () => timelineIdsSql(NO_FILTERS, null, 51) },
    { name: "timeline: Sales missed calls", run: (d) => listTimeline(d, missedSales), plan: () => timelineIdsSql(missedSales, null, 51) },
    { name: "timeline: with media", run: (d) => listTimeline(d, withMedia), plan: () => timelineIdsSql(withMedia, null, 51) },
    { name: "timeline: deep page (cursor at 90%)", run: (d) => listTimeline(d, NO_FILTERS, { cursor: deepCursor }), plan: () => timelineIdsSql(NO_FILTERS, deepCursor, 51) },
    { name: "conversation: first page", run: (d) => listTimeline(d, conversation), plan: () => timelineIdsSql(conversation, null, 51) },
    { name: "kind counts (tabs)", run: (d) => countByKind(d, NO_FILTERS), plan: () => kindCountsSql(NO_FILTERS), pageSkipsAbove: COUNTS_UP_TO },
    { name: "kind counts, Sales + incoming", run: (d) => countByKind(d, salesIncoming), plan: () => kindCountsSql(salesIncoming), pageSkipsAbove: COUNTS_UP_TO },
    { name: `search: rare word "${RARE_WORD}"`, run: (d) => searchTimeline(d, search(RARE_WORD)), plan: () => searchPlan(RARE_WORD) },
    { name: `search: common "${COMMON_WORD} leak"`, run: (d) => searchTimeline(d, search(`${COMMON_WORD} leak`)), plan: () => searchPlan(`${COMMON_WORD} leak`) },
    { name: 'search: contact "Alice Nguyen"', run: (d) => searchTimeline(d, search("Alice Nguyen")), plan: () => searchPlan("Alice Nguyen") },
    { name: 'search: number "415 555 1042"', run: (d) => searchTimeline(d, search("415 555 1042")), plan: () => searchPlan("415 555 1042") },
    // A New York viewer: the day and hour buckets go through the time-zone offset CASE.
    { name: "insights: 30 days, all numbers", run: (d) => getInsights(d, insights30), plan: () => rollupVolumeSql(insights30), target: INSIGHTS_TARGET_MS },
    { name: "insights: 30 days, Sales", run: (d) => getInsights(d, insights30Sales), plan: (d) => staffSql(d.dialect, insights30Sales), target: INSIGHTS_TARGET_MS },
    { name: "callback queue", run: (d) => listCallbackQueue(d), plan: (d) => callbackQueueSql(d.dialect, 100) },
    { name: "callback queue count (nav badge)", run: (d) => countCallbackQueue(d) },
  ];
}

async function measure(db: AppDatabase, query: Query): Promise<Stats> {
  let rows = 0;
  for (let i = 0; i < 3; i++) rows = rowsOf(await query.run(db)); // warm up caches and prepared statements
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await query.run(db);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!, rows };
}

async function explain(db: AppDatabase, sql: Prisma.Sql): Promise<string[]> {
  if (db.dialect === "sqlite") {
    const rows = await db.prisma.$queryRaw<{ detail: string }[]>(Prisma.sql`EXPLAIN QUERY PLAN ${sql}`);
    return rows.map((r) => r.detail);
  }
  const rows = await db.prisma.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`EXPLAIN ${sql}`);
  return rows.map((r) => r["QUERY PLAN"]).filter((line) => /Scan|Index|Bitmap|Sort|Limit|Join|Loop/.test(line));
}

type Result = {
  dialect: string;
  size: number;
  seedSeconds: number;
  stats: Map<string, Stats>;
  plans: Map<string, string[]>;
  targets: Map<string, number>;
  pages: Map<string, PageStats>;
  /** Queries the pages do not run at this size (timed anyway, to show why). */
  skipped: Set<string>;
};

async function runOne(dialect: "sqlite" | "postgres", size: number): Promise<Result> {
  let url: string;
  let seeded;
  if (dialect === "sqlite") {
    const file = path.resolve("tests/.tmp/bench", `timeline-${size}.db`);
    url = `file:${file}`;
    process.stdout.write(`▶ SQLite: seeding ${size.toLocaleString("en-US")} activities… `);
    seeded = await seedSqlite(file, size, now);
  } else {
    const base = new URL(pgUrl!);
    base.searchParams.set("schema", `bench_timeline_${size}_${randomBytes(3).toString("hex")}`);
    url = base.toString();
    process.stdout.write(`▶ PostgreSQL: seeding ${size.toLocaleString("en-US")} activities… `);
    seeded = await seedPostgres(url, size, now);
  }
  console.log(`${seeded.seconds.toFixed(1)} s`);
  const db = createDatabase(url, { poolSize: 4 });
  const stats = new Map<string, Stats>();
  const plans = new Map<string, string[]>();
  const targets = new Map<string, number>();
  let pages = new Map<string, PageStats>();
  const skipped = new Set<string>();
  try {
    for (const query of await queriesFor(db, size)) {
      if (query.target) targets.set(query.name, query.target);
      if (query.pageSkipsAbove !== undefined && size > query.pageSkipsAbove) skipped.add(query.name);
      stats.set(query.name, await measure(db, query));
      if (query.plan) {
        const sql = await query.plan(db);
        if (sql) plans.set(query.name, await explain(db, sql));
      }
    }
    await db.prisma.$disconnect();
    if (!values["skip-pages"]) {
      process.stdout.write(`▶ timing server-rendered pages at ${size.toLocaleString("en-US")} activities… `);
      const started = Date.now();
      pages = await timePages(url, await benchPages(url, size), runs, Number(values["page-port"]));
      console.log(`${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    await db.prisma.$disconnect();
    if (dialect === "postgres") await dropPostgresSchema(url);
  }
  return { dialect, size, seedSeconds: seeded.seconds, stats, plans, targets, pages, skipped };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1)).padStart(7);

function printTable(dialect: string, results: Result[]): boolean {
  const small = results[0]!;
  const large = results[results.length - 1]!;
  const baseline = large.stats.get("SELECT 1 (baseline)")!.median;
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  console.log(`\n${dialect === "sqlite" ? "SQLite" : "PostgreSQL"}: server-side time in ms (median / p95 of ${runs} runs), target < ${TARGET_MS} ms at ${k(large.size)}`);
  const head = `${"query".padEnd(38)} ${`${k(small.size)} med`.padStart(7)} ${`${k(small.size)} p95`.padStart(7)} ${`${k(large.size)} med`.padStart(8)} ${`${k(large.size)} p95`.padStart(8)} ${`${k(large.size)}/${k(small.size)}`.padStart(9)} ${"×SELECT 1".padStart(10)}  rows`;
  console.log(head);
  console.log("─".repeat(head.length));
  let ok = true;
  for (const [name, s] of small.stats) {
    const l = large.stats.get(name)!;
    const ratio = l.median / s.median;
    const skippedByPages = large.skipped.has(name);
    const overTarget = l.p95 >= (large.targets.get(name) ?? TARGET_MS) && !name.startsWith("SELECT 1") && !skippedByPages;
    if (overTarget) ok = false;
    console.log(
      `${name.padEnd(38)} ${fmt(s.median)} ${fmt(s.p95)} ${fmt(l.median).padStart(8)} ${fmt(l.p95).padStart(8)} ${`${ratio.toFixed(2)}×`.padStart(9)} ${`${(l.median / baseline).toFixed(0)}×`.padStart(10)}  ${l.rows}${overTarget ? "  ✖ over target" : skippedByPages ? `  (not run by the pages above ${k(COUNTS_UP_TO)})` : ""}`,
    );
  }
  console.log(`(seeding: ${results.map((r) => `${k(r.size)} in ${r.seedSeconds.toFixed(1)} s`).join(", ")}; ratio ≈ 1× means the query does not grow with the data, 10× would be linear)`);
  if (!printPages(results)) ok = false;
  console.log(`\nQuery plans at ${k(large.size)} (${dialect === "sqlite" ? "EXPLAIN QUERY PLAN" : "EXPLAIN"}):`);
  for (const [name, lines] of large.plans) {
    console.log(`  ${name}`);
    for (const line of lines) console.log(`    ${line.trim()}`);
  }
  return ok;
}

/** Whole pages: time to first byte and to the last byte; over target at the largest size, or growing more than 2×. */
function printPages(results: Result[]): boolean {
  const small = results[0]!;
  const large = results[results.length - 1]!;
  if (large.pages.size === 0) return true;
  const k = (n: number) => `${Math.round(n / 1000)}k`;
  console.log(`\nServer-rendered pages, ms (median / p95 of ${runs} requests; TTFB = response headers, full = last byte), target < ${PAGE_TARGET_MS} ms at ${k(large.size)} and ≤ ${PAGE_GROWTH_LIMIT}× ${k(small.size)} (insights: < 300 ms, grows with its window)`);
  const head = `${"page".padEnd(34)} ${`${k(small.size)} TTFB`.padStart(9)} ${`${k(large.size)} TTFB`.padStart(10)} ${`${k(large.size)} p95`.padStart(8)} ${`${k(large.size)} full`.padStart(9)} ${`${k(large.size)}/${k(small.size)}`.padStart(9)}  size`;
  console.log(head);
  console.log("─".repeat(head.length));
  let ok = true;
  for (const [name, l] of large.pages) {
    const s = small.pages.get(name);
    const ratio = s && small !== large ? l.ttfbMedian / s.ttfbMedian : null;
    const over = l.ttfbP95 >= (l.targetMs ?? PAGE_TARGET_MS) || (l.flat !== false && ratio !== null && ratio > PAGE_GROWTH_LIMIT);
    if (over) ok = false;
    console.log(
      `${name.padEnd(34)} ${s ? fmt(s.ttfbMedian).padStart(9) : "—".padStart(9)} ${fmt(l.ttfbMedian).padStart(10)} ${fmt(l.ttfbP95).padStart(8)} ${fmt(l.totalMedian).padStart(9)} ${(ratio === null ? "—" : `${ratio.toFixed(2)}×`).padStart(9)}  ${l.kb} kB${over ? "  ✖ over target" : ""}`,
    );
  }
  return ok;
}

let allOk = true;
for (const dialect of dialects) {
  const results: Result[] = [];
  for (const size of sizes) results.push(await runOne(dialect, size));
  allOk = printTable(dialect, results) && allOk;
}
console.log(
  allOk
    ? `\n✓ every query and page under its target (p95) at the largest size: ${TARGET_MS} ms, the insights page ${INSIGHTS_TARGET_MS} ms, pages ${PAGE_TARGET_MS} ms`
    : `\n✖ some queries or pages are over their target (${TARGET_MS} ms; insights ${INSIGHTS_TARGET_MS} ms; pages ${PAGE_TARGET_MS} ms and ≤ ${PAGE_GROWTH_LIMIT}× the smaller size)`,
);
process.exit(allOk ? 0 : 1);
