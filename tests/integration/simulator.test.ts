import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { PayloadShape } from "@/lib/simulator/payloads";
import type { ExpectedCounts } from "@/lib/simulator/scenario-recorder";
import { SCENARIO_MODES, buildScenario, type Scenario } from "@/lib/simulator/scenarios";
import { demoCalls } from "@/lib/simulator/demo-media";
import { isUnexpected, sendDeliveries, summarizeResults } from "@/lib/simulator/send";
import { TEST_SECRET, createPoster } from "../helpers/ingest";
import { startIngestReceiver } from "../helpers/ingest-receiver";
import { tableCounts } from "../helpers/table-counts";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

// Whole scenarios over HTTP: room for a busy CI machine.
vi.setConfig({ testTimeout: 120_000 });

/**
 * The simulator end to end: scenarios sent over real HTTP, with real signatures, to a receiver
 * that runs the app's ingest pipeline on a real database (SQLite file or PostgreSQL schema).
 */

type Receiver = { url: string; close: () => Promise<void> };

function startReceiver(db: TestDatabase): Promise<Receiver> {
  return startIngestReceiver(createPoster(db).deps);
}

/** The tables the scenario's expected counts describe (it does not count transcript segments). */
async function scenarioTableCounts(db: TestDatabase): Promise<Omit<ExpectedCounts, "deliveries" | "duplicates">> {
  const { segments: _segments, ...rows } = await tableCounts(db.prisma);
  return rows;
}

function rowsOf(expected: ExpectedCounts) {
  const { deliveries: _deliveries, duplicates: _duplicates, ...rows } = expected;
  return rows;
}

async function send(scenario: Scenario, receiver: Receiver, concurrency = 8) {
  const { results, elapsedMs } = await sendDeliveries(scenario.deliveries, { url: receiver.url, secret: TEST_SECRET, concurrency });
  return { results, summary: summarizeResults(results, elapsedMs) };
}

describe(`the full scenario through HTTP into the database (${testDialect()})`, () => {
  let db: TestDatabase;
  let receiver: Receiver;
  let scenario: Scenario;

  beforeAll(async () => {
    db = await createTestDatabase();
    receiver = await startReceiver(db);
    scenario = buildScenario("full", { now: new Date(), mediaBaseUrl: new URL(receiver.url).origin });
  });
  afterAll(async () => {
    await receiver?.close();
    await db?.cleanup();
  });

  it("is accepted without a single unexpected rejection and leaves exactly the expected rows", async () => {
    const { results, summary } = await send(scenario, receiver);
    expect(results.filter(isUnexpected).map((r) => `${r.label}: ${r.httpStatus} ${r.status} ${r.detail}`)).toEqual([]);
    expect(summary).toMatchObject({
      sent: scenario.expected.deliveries,
      ok: scenario.expected.deliveries,
      processed: scenario.expected.events,
      duplicate: scenario.expected.duplicates,
      ignored: 0,
      invalid: 0,
      networkErrors: 0,
      unexpected: 0,
    });
    expect(await scenarioTableCounts(db)).toEqual(rowsOf(scenario.expected));
  });

  it("lands every kind of activity, whatever order it arrived in", async () => {
    const p = db.prisma;
    const outcomes = await p.call.groupBy({ by: ["outcome"], _count: { _all: true } });
    expect(new Set(outcomes.map((o) => o.outcome))).toEqual(new Set(["answered", "missed", "voicemail", "forwarded"]));
    expect(await p.call.count({ where: { hasDetails: false } })).toBe(0);
    expect(await p.message.count({ where: { status: "sent" } })).toBe(0);
    const statuses = await p.message.groupBy({ by: ["status"], _count: { _all: true } });
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(["received", "delivered", "failed", "undelivered"]));

    // Each demo call: its real audio, its summary, and its transcript segment for segment.
    for (const demo of demoCalls) {
      const recording = await p.recording.findFirstOrThrow({
        where: { url: { endsWith: demo.path } },
        include: { call: { include: { summary: true, transcript: { include: { segments: { orderBy: { position: "asc" } } } } } } },
      });
      expect(recording.call.outcome).toBe("answered");
      expect(JSON.parse(recording.call.summary!.nextSteps)).toEqual(demo.nextSteps);
      expect(recording.call.summary!.sentiment).toBe(demo.sentiment);
      expect(recording.call.transcript!.segments.map((s) => [s.start, s.end, s.content])).toEqual(demo.segments.map((s) => [s.start, s.end, s.content]));
      const activity = await p.activity.findUniqueOrThrow({ where: { callId: recording.callId } });
      expect(activity).toMatchObject({ hasRecording: true, hasSummary: true, hasTranscript: true });
    }

    const named = await p.contact.count({ where: { firstName: { not: null } } });
    expect(named).toBeGreaterThanOrEqual(20);
    expect(await p.mediaAttachment.count({ where: { contentType: "application/pdf" } })).toBeGreaterThan(0);
  });

  it("a second run adds nothing: every delivery is a duplicate", async () => {
    const before = await scenarioTableCounts(db);
    const again = buildScenario("full", { now: new Date(Date.now() + 60_000), mediaBaseUrl: new URL(receiver.url).origin });
    const { summary } = await send(again, receiver, 16);
    expect(summary).toMatchObject({ sent: again.deliveries.length, ok: again.deliveries.length, processed: 0, duplicate: again.deliveries.length, unexpected: 0 });
    expect(await scenarioTableCounts(db)).toEqual(before);
  });
});

describe(`every mode in every shape lands as expected (${testDialect()})`, () => {
  const cases = SCENARIO_MODES.filter((m) => m !== "full").flatMap((mode) => (["app", "api", "new"] as PayloadShape[]).map((shape) => [mode, shape] as const));

  it.each(cases)("%s as %s", async (mode, shape) => {
    const db = await createTestDatabase();
    const receiver = await startReceiver(db);
    try {
      const scenario = buildScenario(mode, { now: new Date(), mediaBaseUrl: "http://localhost:3000", shape });
      const { results, summary } = await send(scenario, receiver, 4);
      expect(results.filter(isUnexpected).map((r) => `${r.label}: ${r.httpStatus} ${r.status} ${r.detail}`)).toEqual([]);
      expect(summary.processed).toBe(scenario.expected.events);
      expect(await scenarioTableCounts(db)).toEqual(rowsOf(scenario.expected));
    } finally {
      await receiver.close();
      await db.cleanup();
    }
  });

  it("full shuffled, as the 2026-03-30 API, with many duplicates", async () => {
    const db = await createTestDatabase();
    const receiver = await startReceiver(db);
    try {
      const scenario = buildScenario("full", { now: new Date(), mediaBaseUrl: "http://localhost:3000", shape: "new", shuffle: true, duplicates: 0.3, seed: "shuffled" });
      const { summary } = await send(scenario, receiver, 12);
      expect(summary).toMatchObject({ unexpected: 0, processed: scenario.expected.events, duplicate: scenario.expected.duplicates });
      expect(await scenarioTableCounts(db)).toEqual(rowsOf(scenario.expected));
    } finally {
      await receiver.close();
      await db.cleanup();
    }
  });
});
