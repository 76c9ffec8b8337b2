import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { TEST_SECRET } from "../helpers/ingest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
let db: AppDatabase;

beforeAll(() => {
  db = createDatabase(inject("databaseUrl"));
});
afterAll(async () => {
  await db.prisma.$disconnect();
});

type Report = {
  expected: { events: number; duplicates: number; activities: number; messages: number; calls: number; conversations: number };
  summary: { sent: number; processed: number; duplicate: number; unexpected: number; non2xx: Record<string, number> };
};

async function simulateFull(): Promise<Report> {
  const { stdout } = await run(
    path.join(root, "node_modules/.bin/tsx"),
    ["scripts/simulate.ts", "full", "--url", `${inject("baseUrl")}/api/webhooks/openphone`, "--secret", TEST_SECRET, "--json"],
    { cwd: root, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Report;
}

/** Rows of the simulated workspace only (other HTTP tests share this server's database). */
async function bayRoofingCounts() {
  const onDemoNumbers = { phoneNumber: { openphoneId: { startsWith: "PNbayroof" } } };
  return {
    activities: await db.prisma.activity.count({ where: onDemoNumbers }),
    messages: await db.prisma.message.count({ where: onDemoNumbers }),
    calls: await db.prisma.call.count({ where: onDemoNumbers }),
    conversations: await db.prisma.conversation.count({ where: onDemoNumbers }),
  };
}

describe("npm run simulate -- full against the production build", () => {
  it("is accepted without unexpected rejections, fills the dashboard tables, and adds nothing the second time", { timeout: 180_000 }, async () => {
    const first = await simulateFull();
    expect(first.summary.unexpected).toBe(0);
    expect(first.summary.non2xx).toEqual({});
    expect(first.summary.processed).toBe(first.expected.events);
    expect(first.summary.duplicate).toBe(first.expected.duplicates);
    const counts = await bayRoofingCounts();
    expect(counts).toEqual({
      activities: first.expected.activities,
      messages: first.expected.messages,
      calls: first.expected.calls,
      conversations: first.expected.conversations,
    });

    const second = await simulateFull();
    expect(second.summary.unexpected).toBe(0);
    expect(second.summary.processed).toBe(0);
    expect(second.summary.duplicate).toBe(second.summary.sent);
    expect(await bayRoofingCounts()).toEqual(counts);
  });
});
