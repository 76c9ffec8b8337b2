import { Prisma } from "../../lib/generated/sqlite/client";
import { createDatabase } from "../../lib/db/create-database";
import { encodeTimelineCursor } from "../../lib/cursor";
import { ensureTestUsers, sessionCookieFor } from "../helpers/auth-users";
import { startAppServer } from "../helpers/app-server";
import { RARE_WORD } from "./timeline-data";

/**
 * Whole server-rendered pages of the dashboard on a seeded benchmark database (issue 14): the
 * production build runs on that database, an admin session asks for each page, and we time the
 * response headers (time to first byte: the server has rendered the page's data by then, as the
 * pages do not stream) and the complete body.
 */

/** Timings of one page, with the page's own target (see Page). */
export type PageStats = { ttfbMedian: number; ttfbP95: number; totalMedian: number; totalP95: number; kb: number; targetMs?: number; flat?: boolean };
/**
 * `targetMs`: p95 TTFB at the largest size (default: the timeline's 150 ms); `flat`: whether it must
 * stay within 2× of the smaller size (not for pages whose data is a time window that fills up).
 */
export type Page = { name: string; path: string; targetMs?: number; flat?: boolean };

type Row = Record<string, unknown>;

/** The pages to time, with ids found in the seeded data (a deep cursor, the busiest conversation, a recorded call). */
export async function benchPages(databaseUrl: string, size: number): Promise<Page[]> {
  const db = createDatabase(databaseUrl, { poolSize: 1 });
  try {
    const first = async (sql: Prisma.Sql): Promise<Row> => {
      const [row] = await db.prisma.$queryRaw<Row[]>(sql);
      if (!row) throw new Error("the benchmark database is empty");
      return row;
    };
    const deep = await first(Prisma.sql`SELECT "id", "occurredAt" FROM "Activity" ORDER BY "occurredAt" DESC, "id" DESC LIMIT 1 OFFSET ${Math.floor(size * 0.9)}`);
    const busiest = await first(Prisma.sql`SELECT "conversationId" FROM "Activity" GROUP BY "conversationId" ORDER BY COUNT(*) DESC LIMIT 1`);
    const call = await first(Prisma.sql`SELECT c."openphoneId" FROM "Call" c JOIN "Recording" r ON r."callId" = c."id" ORDER BY c."id" DESC LIMIT 1`);
    const cursor = encodeTimelineCursor({ kind: "time", occurredAt: new Date(deep.occurredAt as string | Date), id: Number(deep.id) });
    return [
      { name: "/activity (first page)", path: "/activity" },
      { name: "/activity deep cursor (90%)", path: `/activity?cursor=${encodeURIComponent(cursor)}` },
      { name: "/conversations/[busiest]", path: `/conversations/${Number(busiest.conversationId)}` },
      { name: `/activity?q=${RARE_WORD}`, path: `/activity?q=${encodeURIComponent(RARE_WORD)}` },
      { name: "/calls/[recorded call]", path: `/calls/${encodeURIComponent(String(call.openphoneId))}` },
      // Issue 16's target for the insights page; 30 days of the data set hold 10× the rows at 1M.
      { name: "/insights (30 days)", path: "/insights?range=30d", targetMs: 300, flat: false },
      { name: "/callbacks", path: "/callbacks" },
    ];
  } finally {
    await db.prisma.$disconnect();
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
}

/** Starts the production build on `databaseUrl` (port `port`) and times each page `runs` times after 3 warm-ups. */
export async function timePages(databaseUrl: string, pages: Page[], runs: number, port: number): Promise<Map<string, PageStats>> {
  const db = createDatabase(databaseUrl, { poolSize: 1 });
  let cookie: string;
  try {
    cookie = await sessionCookieFor(databaseUrl, (await ensureTestUsers(db)).admin);
  } finally {
    await db.prisma.$disconnect();
  }
  const server = await startAppServer({ port, name: `bench-pages-${port}`, databaseUrl });
  const headers = { cookie: `${cookie}; tz=UTC` };
  const results = new Map<string, PageStats>();
  try {
    for (const page of pages) {
      const ttfb: number[] = [];
      const total: number[] = [];
      let bytes = 0;
      for (let i = 0; i < runs + 3; i++) {
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}${page.path}`, { headers, redirect: "manual" });
        const headersAt = performance.now();
        const body = await res.arrayBuffer();
        const doneAt = performance.now();
        if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}, not 200`);
        if (i < 3) continue;
        ttfb.push(headersAt - started);
        total.push(doneAt - started);
        bytes = body.byteLength;
      }
      ttfb.sort((a, b) => a - b);
      total.sort((a, b) => a - b);
      results.set(page.name, {
        ttfbMedian: percentile(ttfb, 0.5),
        ttfbP95: percentile(ttfb, 0.95),
        totalMedian: percentile(total, 0.5),
        totalP95: percentile(total, 0.95),
        kb: Math.round(bytes / 1024),
        targetMs: page.targetMs,
        flat: page.flat,
      });
    }
  } finally {
    await server.stop();
  }
  return results;
}
