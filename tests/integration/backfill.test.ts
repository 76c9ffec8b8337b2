import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBackfillCli } from "@/lib/backfill/cli";
import { emptyCounts, type BackfillCounts } from "@/lib/backfill/counts";
import { runBackfill } from "@/lib/backfill/run";
import { acknowledgeBackfillGaps, getBackfillRun, listUnacknowledgedGaps, startBackfill, type BackfillOptions } from "@/lib/backfill/runs";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { alertConditions } from "@/lib/ops/alerts";
import { readMetricsSnapshot } from "@/lib/ops/metrics";
import { getOpsStatus, healthOps } from "@/lib/ops/status";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { createPoster } from "../helpers/ingest";
import { tableCounts } from "../helpers/table-counts";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * Backfill against the fake OpenPhone API. The fake's workspace (lib/openphone/fake/seed.ts), one
 * number: 2 conversations × (6 messages + 3 calls); per conversation the first and last calls are
 * answered (a recording, a summary, a transcript each), the middle one is a missed incoming call
 * with a voicemail.
 */
const ONE_NUMBER = { phoneNumbers: 1 };
const ALL: BackfillOptions = { since: null, until: null, phoneNumberIds: [], dryRun: false };

let fake: FakeOpenPhone;
let db: TestDatabase;

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 0, seed: ONE_NUMBER });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset(ONE_NUMBER);
  db = await createTestDatabase();
});
afterEach(async () => {
  await db.cleanup();
});

async function backfill(options: Partial<BackfillOptions> = {}) {
  const started = await startBackfill(db, { ...ALL, ...options }, new Date());
  if (!started.ok) throw new Error("backfill lease busy");
  const result = await runBackfill(db, started.runId, { api: { apiKey: fake.apiKey, baseUrl: fake.url } });
  return { ...result, runId: started.runId, resumed: started.resumed };
}

function expected(partial: Partial<Record<keyof BackfillCounts, [number, number, number]>>): BackfillCounts {
  const counts = emptyCounts();
  for (const [kind, [seen, present, recovered]] of Object.entries(partial) as [keyof BackfillCounts, [number, number, number]][]) {
    counts[kind] = { seen, present, recovered };
  }
  return counts;
}

const EVERYTHING_RECOVERED = expected({
  messages: [12, 0, 12],
  calls: [6, 0, 6],
  recordings: [4, 0, 4],
  voicemails: [2, 0, 2],
  summaries: [4, 0, 4],
  transcripts: [4, 0, 4],
});

/** The most requests the fake received in any one-second window. */
function maxRequestsPerSecond(): number {
  const times = fake.state.requests.map((r) => r.at).sort((a, b) => a - b);
  let max = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= 1000) i++;
    max = Math.max(max, j - i + 1);
  }
  return max;
}

describe(`backfill against the fake OpenPhone API (${testDialect()})`, () => {
  it("recovers deleted messages, calls, recordings, summaries and transcripts, reports them exactly, and a second run duplicates nothing", async () => {
    const first = await backfill();
    expect(first.status).toBe("done");
    expect(first.counts).toEqual(EVERYTHING_RECOVERED);
    const complete = await domainSnapshot(db.prisma);
    const completeCounts = await tableCounts(db.prisma);
    expect(completeCounts).toMatchObject({ messages: 12, calls: 6, recordings: 4, voicemails: 2, summaries: 4, transcripts: 4, segments: 8, events: 0 });
    // The voicemail and the missed call came through the receiver's call lifecycle.
    expect(complete.calls.filter((c) => c.outcome === "voicemail")).toHaveLength(2);

    // Webhooks lost: two messages, one whole call, and pieces of two other answered calls.
    const [conversationA, conversationB] = fake.state.workspace.conversations;
    const messagesA = fake.state.workspace.messages.filter((m) => m.conversationId === conversationA!.id);
    const answeredA = fake.state.workspace.calls.filter((c) => c.conversationId === conversationA!.id && c.answeredAt);
    const answeredB = fake.state.workspace.calls.filter((c) => c.conversationId === conversationB!.id && c.answeredAt);
    await db.prisma.message.deleteMany({ where: { openphoneId: { in: [messagesA[0]!.id, messagesA[3]!.id] } } });
    await db.prisma.call.deleteMany({ where: { openphoneId: answeredA[0]!.id } });
    const callB0 = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: answeredB[0]!.id } });
    const callB1 = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: answeredB[1]!.id } });
    await db.prisma.recording.deleteMany({ where: { callId: callB0.id } });
    await db.prisma.callSummary.deleteMany({ where: { callId: callB0.id } });
    await db.prisma.callTranscript.deleteMany({ where: { callId: callB1.id } });

    const second = await backfill();
    expect(second.status).toBe("done");
    expect(second.resumed).toBe(false);
    expect(second.counts).toEqual(
      expected({
        messages: [12, 10, 2],
        calls: [6, 5, 1],
        recordings: [4, 2, 2],
        voicemails: [2, 2, 0],
        summaries: [4, 2, 2],
        transcripts: [4, 2, 2],
      }),
    );
    expect(await tableCounts(db.prisma)).toEqual(completeCounts);
    expect(await domainSnapshot(db.prisma)).toEqual(complete);

    const third = await backfill();
    expect(third.counts).toEqual(expected({ messages: [12, 12, 0], calls: [6, 6, 0], recordings: [4, 4, 0], voicemails: [2, 2, 0], summaries: [4, 4, 0], transcripts: [4, 4, 0] }));
    expect(await domainSnapshot(db.prisma)).toEqual(complete);
    // Nothing held is fetched again: a run over complete data costs only the list requests.
    expect(third.requests).toBe(1 + 1 + 2 * 2);
  });

  it("what arrived by webhook counts as present and lands in the same rows: one projection path", async () => {
    const poster = createPoster(db);
    const [message] = fake.state.workspace.messages;
    const call = fake.state.workspace.calls.find((c) => c.answeredAt)!;
    const number = fake.state.workspace.phoneNumbers[0]!;
    // The app-shaped webhooks OpenPhone would have sent for one message and one call.
    const delivered = await poster.post(
      messageEvent({ id: message!.id, text: message!.text, participant: message!.from, workspaceNumber: number.number, phoneNumberId: number.id, createdAt: new Date(message!.createdAt) }),
    );
    expect(delivered).toMatchObject({ httpStatus: 200, outcome: "processed" });
    const callDelivered = await poster.post(
      callEvent({ id: call.id, participant: call.participant, workspaceNumber: number.number, phoneNumberId: number.id, createdAt: new Date(call.createdAt), answeredAt: new Date(call.answeredAt!), completedAt: new Date(call.completedAt) }),
    );
    expect(callDelivered).toMatchObject({ httpStatus: 200, outcome: "processed" });

    const result = await backfill();
    expect(result.counts.messages).toEqual({ seen: 12, present: 1, recovered: 11 });
    expect(result.counts.calls).toEqual({ seen: 6, present: 1, recovered: 5 });
    // Its recording, summary and transcript never came by webhook: fetched for the call we hold.
    expect(result.counts.recordings).toEqual({ seen: 4, present: 0, recovered: 4 });
    const counts = await tableCounts(db.prisma);
    expect(counts).toMatchObject({ messages: 12, calls: 6, recordings: 4, summaries: 4, transcripts: 4, conversations: 2, events: 2 });
  });

  it("a dry run reports what is missing and writes nothing", async () => {
    const before = await tableCounts(db.prisma);
    const dry = await backfill({ dryRun: true });
    expect(dry.status).toBe("done");
    expect(dry.counts).toEqual(EVERYTHING_RECOVERED);
    expect(await tableCounts(db.prisma)).toEqual(before);
    expect(await db.prisma.opsCounter.count()).toBe(0);
    expect(await listUnacknowledgedGaps(db)).toEqual([]);
    expect((await healthOps(db, new Date())).lastBackfill).toBeNull();
  });

  it("never sends more than 10 requests in any one second, even across 429s (measured in the fake)", async () => {
    fake.reset({ phoneNumbers: 2 });
    fake.setFaults({ rateLimit: { count: 2, retryAfterSeconds: 1 } });
    const result = await backfill();
    expect(result.status).toBe("done");
    expect(result.counts.messages.recovered).toBe(24);
    expect(fake.state.requests.length).toBeGreaterThan(40);
    const max = maxRequestsPerSecond();
    console.info(`backfill: ${fake.state.requests.length} requests, at most ${max} in any one second`);
    expect(max).toBeLessThanOrEqual(10);
  }, 60_000);

  it("since/until and --phone-number limit the walk", async () => {
    fake.reset({ phoneNumbers: 2 });
    const [numberA, numberB] = fake.state.workspace.phoneNumbers;
    const onlyB = await backfill({ phoneNumberIds: [numberB!.id] });
    expect(onlyB.counts.messages).toEqual({ seen: 12, present: 0, recovered: 12 });
    expect(await db.prisma.message.count({ where: { phoneNumber: { openphoneId: numberA!.id } } })).toBe(0);

    // The window around the first conversation of number A only.
    const conversationA = fake.state.workspace.conversations.find((c) => c.phoneNumberId === numberA!.id)!;
    const inA = [...fake.state.workspace.messages, ...fake.state.workspace.calls].filter((x) => x.conversationId === conversationA.id).map((x) => x.createdAt).sort();
    const since = new Date(Date.parse(inA[0]!) - 1);
    const until = new Date(Date.parse(inA.at(-1)!) + 1);
    const windowed = await backfill({ since, until, phoneNumberIds: [numberA!.id] });
    expect(windowed.counts.messages.recovered).toBe(6);
    expect(windowed.counts.calls.recovered).toBe(3);
  });

  it("a failed run continues from its checkpoint: exact counts, nothing twice", async () => {
    // Let the walk get going, then make OpenPhone fail long enough to exhaust the client's retries.
    const started = await startBackfill(db, ALL, new Date());
    if (!started.ok) throw new Error("busy");
    const run = runBackfill(db, started.runId, {
      api: { apiKey: fake.apiKey, baseUrl: fake.url },
      onProgress: (counts) => {
        if (counts.calls.seen === 2) fake.setFaults({ serverErrors: { count: 100 } });
      },
    });
    const failed = await run;
    expect(failed.status).toBe("failed");
    expect(failed.errorKind).toBe("server");
    expect(failed.counts).toMatchObject({ messages: { recovered: 6 }, calls: { recovered: 2 }, recordings: { recovered: 1 } });
    expect(await tableCounts(db.prisma)).toMatchObject({ messages: 6, calls: 2, recordings: 1 });

    fake.setFaults({});
    const resumed = await backfill();
    expect(resumed.resumed).toBe(true);
    expect(resumed.runId).toBe(started.runId);
    expect(resumed.counts).toEqual(EVERYTHING_RECOVERED);
    expect(await tableCounts(db.prisma)).toMatchObject({ messages: 12, calls: 6, recordings: 4, voicemails: 2, summaries: 4, transcripts: 4, segments: 8 });
  });

  it("one backfill at a time across instances (a database lease)", async () => {
    const mine = await startBackfill(db, ALL, new Date(), null, "instance-a");
    expect(mine.ok).toBe(true);
    const theirs = await startBackfill(db, ALL, new Date(), null, "instance-b");
    expect(theirs).toMatchObject({ ok: false, reason: "busy" });
    // A second click on the same instance while its run is alive is busy too (the lease alone would let it in).
    expect(await startBackfill(db, ALL, new Date(), null, "instance-a")).toMatchObject({ ok: false, reason: "busy", runId: mine.ok ? mine.runId : -1 });
    const out: string[] = [];
    const code = await runBackfillCli([], { db, api: { apiKey: fake.apiKey, baseUrl: fake.url }, out: (l) => out.push(l), err: (l) => out.push(l) });
    expect(code).toBe(5);
    expect(out.join("\n")).toMatch(/Another backfill is running/);
  });

  it("a runner whose lease was taken over stops and leaves the run to the new holder", async () => {
    const started = await startBackfill(db, ALL, new Date(), null, "instance-a");
    if (!started.ok) throw new Error("busy");
    let tampered = false;
    const result = await runBackfill(db, started.runId, {
      api: { apiKey: fake.apiKey, baseUrl: fake.url },
      holder: "instance-a",
      onProgress: async () => {
        if (tampered) return;
        tampered = true;
        // As if instance-a had stalled past the lease and instance-b had taken the run over.
        await db.prisma.jobLock.update({ where: { name: "backfill" }, data: { holder: "instance-b", expiresAt: new Date(Date.now() + 60_000) } });
      },
    });
    expect(result).toMatchObject({ status: "failed", errorKind: "other", error: "another backfill took over this run's lease" });
    expect(await db.prisma.backfillRun.findUniqueOrThrow({ where: { id: started.runId } })).toMatchObject({ status: "running", error: null });
    expect(await db.prisma.jobLock.findUniqueOrThrow({ where: { name: "backfill" } })).toMatchObject({ holder: "instance-b" });
  });

  it("a recovered gap is recorded and shown: health lastBackfill, the admin banner, metrics from the database", async () => {
    const first = await backfill();
    const run = await getBackfillRun(db, first.runId);
    const times = [...fake.state.workspace.messages, ...fake.state.workspace.calls].map((x) => x.createdAt).sort();
    expect(run?.gapFrom?.toISOString()).toBe(times[0]);
    expect(run?.gapTo?.toISOString()).toBe(times.at(-1));

    const health = await healthOps(db, new Date());
    expect(health.lastBackfill).toMatchObject({ status: "done", recovered: 32, gapFrom: times[0], gapTo: times.at(-1) });
    expect(health.lastBackfill?.finishedAt).toBeTruthy();

    const status = await getOpsStatus(db);
    const banner = alertConditions(status, new Date(), { noDeliveryMinutes: 120 });
    expect(banner.map((c) => c.key)).toContain("backfill_gap");
    expect(banner.find((c) => c.key === "backfill_gap")?.detail).toMatch(/12 messages, 6 calls/);

    const metrics = await readMetricsSnapshot(db, status);
    expect(metrics.backfill).toMatchObject({ messages_recovered: 12, calls_recovered: 6, recordings_recovered: 4, summaries_recovered: 4, transcripts_recovered: 4, runs: 1 });
    expect(metrics.backfill.requests).toBe(first.requests);

    await acknowledgeBackfillGaps(db, new Date());
    expect(alertConditions(await getOpsStatus(db), new Date(), { noDeliveryMinutes: 120 }).map((c) => c.key)).not.toContain("backfill_gap");
  });

  it("the CLI: readable table, --json, usage errors and a missing API key", async () => {
    const out: string[] = [];
    const err: string[] = [];
    const deps = { db, api: { apiKey: fake.apiKey, baseUrl: fake.url }, out: (l: string) => out.push(l), err: (l: string) => err.push(l) };
    expect(await runBackfillCli(["--dry-run"], deps)).toBe(0);
    expect(out.join("\n")).toMatch(/messages\s+12\s+0\s+12/);
    expect(out.join("\n")).toMatch(/Dry run: nothing written/);
    out.length = 0;
    expect(await runBackfillCli(["--json"], deps)).toBe(0);
    expect(JSON.parse(out.join("\n"))).toMatchObject({ status: "done", recovered: 32, counts: { calls: { recovered: 6 } } });
    expect(await runBackfillCli(["--since", "yesterday"], deps)).toBe(2);
    expect(await runBackfillCli(["--phone-number", "+14155550100"], deps)).toBe(2);
    expect(await runBackfillCli(["--switch-window"], deps)).toBe(2);
    expect(await runBackfillCli([], { ...deps, api: null })).toBe(3);
    fake.setFaults({ wrongKey: true });
    expect(await runBackfillCli(["--since", "2026-01-01"], deps)).toBe(3);
  });
});
