import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCallDetail } from "@/lib/calls/detail";
import { runReconcileCli } from "@/lib/completeness/cli";
import { countOverdueArtifacts, getCallCompleteness } from "@/lib/completeness/queries";
import { describePieces } from "@/lib/completeness/rules";
import { runCompletenessWatch, type CompletenessConfig } from "@/lib/completeness/watch";
import { createOpenPhoneClient, createRateLimiter, type OpenPhoneClient } from "@/lib/openphone/api";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import type { FakeCall } from "@/lib/openphone/fake/seed";
import { readMetricsSnapshot, renderMetrics } from "@/lib/ops/metrics";
import { getOpsStatus, healthOps } from "@/lib/ops/status";
import { callEvent, recordingEvent, summaryEvent, transcriptEvent } from "@/lib/simulator/payloads";
import { loadTimelineItems } from "@/lib/timeline/queries";
import { createPoster } from "../helpers/ingest";
import { parsePrometheus, sampleValue } from "../helpers/prometheus";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * The completeness watch against the fake OpenPhone API over real HTTP: what it fetches, when, how
 * often, and that it writes through the receiver's projections exactly once.
 */

let fake: FakeOpenPhone;
let client: OpenPhoneClient;
let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;

const MINUTE = 60_000;
const DELAY_MINUTES = 30;

beforeAll(async () => {
  fake = await startFakeOpenPhone();
  // No retries inside the client: one fetch is one request, so requests can be counted per backoff step.
  // Only a request that never reached the fake is sent again: an idle keep-alive socket the fake has
  // just closed answers ECONNRESET (the real client retries that itself).
  client = createOpenPhoneClient({
    apiKey: fake.apiKey,
    baseUrl: fake.url,
    maxRetries: 0,
    limiter: createRateLimiter({ limit: 100 }),
    fetch: (input, init) => fetch(input, init).catch(() => fetch(input, init)),
  });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset();
  db = await createTestDatabase();
  poster = createPoster(db);
});
afterEach(async () => {
  await db.cleanup();
});

function config(overrides: Partial<CompletenessConfig> = {}): CompletenessConfig {
  return { delayMinutes: DELAY_MINUTES, maxAttempts: 4, expect: ["recording", "transcript", "summary"], client: client.legacy, ...overrides };
}

/** An answered call of the fake workspace (it has a recording, transcript and summary there). */
function answeredFakeCall(index = 0): FakeCall {
  const call = fake.state.workspace.calls.filter((c) => c.answeredAt !== null)[index];
  if (!call) throw new Error("the fake workspace has no answered call");
  return call;
}

/** Delivers call.completed for a fake call (ended `endedAgoMs` before the real clock) and returns its end. */
async function deliverCompleted(call: FakeCall, options: { endedAt?: Date; voicemail?: boolean } = {}): Promise<Date> {
  const completedAt = options.endedAt ?? new Date(Date.now() - 60_000);
  const createdAt = new Date(completedAt.getTime() - 120_000);
  const result = await poster.post(
    options.voicemail
      ? callEvent({ id: call.id, shape: "new", createdAt, answeredAt: null, completedAt, hasVoicemail: true })
      : callEvent({ id: call.id, createdAt, answeredAt: new Date(createdAt.getTime() + 4_000), completedAt }),
  );
  expect(result).toMatchObject({ httpStatus: 200, outcome: "processed" });
  return completedAt;
}

function apiRequests(): string[] {
  return fake.state.requests.map((r) => r.path);
}

async function counts(openphoneId: string) {
  const call = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId }, select: { id: true } });
  const [recordings, segments, summaries, voicemails] = await Promise.all([
    db.prisma.recording.count({ where: { callId: call.id } }),
    db.prisma.transcriptSegment.count({ where: { transcript: { callId: call.id } } }),
    db.prisma.callSummary.count({ where: { callId: call.id } }),
    db.prisma.voicemail.count({ where: { callId: call.id } }),
  ]);
  return { recordings, segments, summaries, voicemails };
}

async function timelineItem(openphoneId: string) {
  const activity = await db.prisma.activity.findFirstOrThrow({ where: { call: { openphoneId } }, select: { id: true } });
  const [item] = await loadTimelineItems(db, [activity.id]);
  return item!;
}

async function scrape(now: Date) {
  const snapshot = await readMetricsSnapshot(db, await getOpsStatus(db), now);
  return parsePrometheus((await renderMetrics(snapshot, now, { processMetrics: false })).body);
}

describe(`completeness watch (${testDialect()})`, () => {
  it("fetches an overdue recording, transcript and summary once, stores them once, and the call's status shows them", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    const due = new Date(endedAt.getTime() + DELAY_MINUTES * MINUTE);

    expect(describePieces(await getCallCompleteness(db, call.id, due), due)).toBe("");
    const report = await runCompletenessWatch(db, new Date(due.getTime() + MINUTE), config());
    expect(report).toMatchObject({ ran: true, tracked: 3, fetched: { recording: 1, transcript: 1, summary: 1, voicemail: 0 }, requests: 3, stopped: null });
    expect(apiRequests().sort()).toEqual([`/v1/call-recordings/${call.id}`, `/v1/call-summaries/${call.id}`, `/v1/call-transcripts/${call.id}`]);
    expect(await counts(call.id)).toEqual({ recordings: 1, segments: 2, summaries: 1, voicemails: 0 });

    const later = new Date(due.getTime() + 5 * MINUTE);
    expect(describePieces(await getCallCompleteness(db, call.id, later), later)).toBe("recording ✓ · transcript ✓ · summary ✓");
    const detail = await getCallDetail(db, call.id);
    expect(detail?.transcript?.segments.map((s) => s.content)).toEqual(call.transcript!.map((d) => d.content));
    expect(detail?.summary?.lines).toEqual(call.summary!.summary);
    const activity = await db.prisma.activity.findFirstOrThrow({ where: { call: { openphoneId: call.id } } });
    expect(activity).toMatchObject({ hasRecording: true, hasTranscript: true, hasSummary: true });

    // Later runs ask nothing more and change nothing; the late webhooks of the same pieces add nothing.
    await runCompletenessWatch(db, new Date(due.getTime() + 10 * DELAY_MINUTES * MINUTE), config());
    expect(apiRequests()).toHaveLength(3);
    await poster.post(recordingEvent({ callId: call.id, url: call.recordings[0]!.url }));
    await poster.post(transcriptEvent({ callId: call.id, dialogue: call.transcript!.map((d) => ({ ...d })) }));
    await poster.post(summaryEvent({ callId: call.id, summary: call.summary!.summary }));
    expect(await counts(call.id)).toEqual({ recordings: 1, segments: 2, summaries: 1, voicemails: 0 });
  });

  it("fetches an announced voicemail that never came", async () => {
    const call = fake.state.workspace.calls.find((c) => c.voicemail !== null)!;
    const endedAt = await deliverCompleted(call, { voicemail: true });
    const report = await runCompletenessWatch(db, new Date(endedAt.getTime() + (DELAY_MINUTES + 1) * MINUTE), config());
    expect(report.fetched).toEqual({ recording: 0, transcript: 0, summary: 0, voicemail: 1 });
    expect(apiRequests()).toEqual([`/v1/call-voicemails/${call.id}`]);
    const detail = await getCallDetail(db, call.id);
    expect(detail?.voicemailTranscript).toBe(call.voicemail!.transcript);
    expect(detail?.outcome).toBe("voicemail");
  });

  it("asks the API nothing for a call whose pieces all arrived by webhook", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    await poster.post(recordingEvent({ callId: call.id, url: "https://files.openphone.example/r.mp3" }));
    await poster.post(transcriptEvent({ callId: call.id }));
    await poster.post(summaryEvent({ callId: call.id }));

    const report = await runCompletenessWatch(db, new Date(endedAt.getTime() + 3 * DELAY_MINUTES * MINUTE), config());
    expect(report).toMatchObject({ ran: true, tracked: 0, requests: 0 });
    expect(apiRequests()).toEqual([]);
    const now = new Date(endedAt.getTime() + 3 * DELAY_MINUTES * MINUTE);
    expect(describePieces(await getCallCompleteness(db, call.id, now), now)).toBe("recording ✓ · transcript ✓ · summary ✓");
  });

  it("fetches nothing before the delay, shows the piece as pending, and resolves it when the webhook comes", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    await poster.post(recordingEvent({ callId: call.id, url: "https://files.openphone.example/r.mp3" }));
    await poster.post(summaryEvent({ callId: call.id }));

    const early = new Date(endedAt.getTime() + (DELAY_MINUTES - 1) * MINUTE);
    const report = await runCompletenessWatch(db, early, config());
    expect(report).toMatchObject({ tracked: 1, requests: 0 });
    expect(apiRequests()).toEqual([]);
    const twelve = new Date(endedAt.getTime() + 12 * MINUTE);
    expect(describePieces(await getCallCompleteness(db, call.id, twelve), twelve)).toBe("recording ✓ · transcript pending 12 min · summary ✓");
    expect((await timelineItem(call.id)).call?.awaiting).toEqual([{ kind: "transcript", unavailable: false }]);

    await poster.post(transcriptEvent({ callId: call.id }));
    const after = await runCompletenessWatch(db, new Date(endedAt.getTime() + (DELAY_MINUTES + 1) * MINUTE), config());
    expect(after).toMatchObject({ arrived: 1, requests: 0 });
    expect(apiRequests()).toEqual([]);
    expect(await db.prisma.callArtifactWatch.findFirstOrThrow({ select: { status: true, attempts: true } })).toEqual({ status: "arrived", attempts: 0 });
    expect((await timelineItem(call.id)).call?.awaiting).toEqual([]);
  });

  it("backs off after a fetch that finds nothing or fails, once per step, and gives up after the bound", async () => {
    const call = answeredFakeCall();
    call.transcript = null;
    const endedAt = await deliverCompleted(call);
    await poster.post(recordingEvent({ callId: call.id, url: "https://files.openphone.example/r.mp3" }));
    await poster.post(summaryEvent({ callId: call.id }));
    const at = (minutesAfterDue: number) => new Date(endedAt.getTime() + (DELAY_MINUTES + minutesAfterDue) * MINUTE);
    const transcriptRequests = () => apiRequests().filter((p) => p.startsWith("/v1/call-transcripts/")).length;
    const watchRow = () => db.prisma.callArtifactWatch.findFirstOrThrow({ where: { kind: "transcript" } });

    await runCompletenessWatch(db, at(0), config());
    expect(transcriptRequests()).toBe(1);
    expect(await watchRow()).toMatchObject({ status: "pending", attempts: 1, lastError: "transcript absent", nextAttemptAt: at(DELAY_MINUTES) });

    // Inside the first backoff step: nothing is asked again.
    await runCompletenessWatch(db, at(DELAY_MINUTES - 1), config());
    expect(transcriptRequests()).toBe(1);

    // Second step: OpenPhone fails; the error is recorded and the wait doubles.
    fake.setFaults({ serverErrors: { count: 1, status: 503 } });
    await runCompletenessWatch(db, at(DELAY_MINUTES), config());
    expect(fake.state.requests.at(-1)).toMatchObject({ path: `/v1/call-transcripts/${call.id}`, status: 503 });
    const second = await watchRow();
    expect(second).toMatchObject({ status: "pending", attempts: 2, nextAttemptAt: at(DELAY_MINUTES + 2 * DELAY_MINUTES) });
    expect(second.lastError).toContain("internal error");

    await runCompletenessWatch(db, at(3 * DELAY_MINUTES - 1), config());
    expect(transcriptRequests()).toBe(2);
    await runCompletenessWatch(db, at(3 * DELAY_MINUTES), config());
    expect(transcriptRequests()).toBe(3);
    expect(await watchRow()).toMatchObject({ attempts: 3, nextAttemptAt: at(3 * DELAY_MINUTES + 4 * DELAY_MINUTES) });

    // Fourth and last attempt (maxAttempts 4): given up, shown as not available, never asked again.
    const final = await runCompletenessWatch(db, at(7 * DELAY_MINUTES), config());
    expect(final.gaveUp).toBe(1);
    expect(await watchRow()).toMatchObject({ status: "unavailable", attempts: 4, nextAttemptAt: null });
    const now = at(8 * DELAY_MINUTES);
    await runCompletenessWatch(db, now, config());
    await runCompletenessWatch(db, at(100 * DELAY_MINUTES), config());
    expect(transcriptRequests()).toBe(4);
    expect(fake.state.requests).toHaveLength(4);
    expect(describePieces(await getCallCompleteness(db, call.id, now), now)).toBe("recording ✓ · transcript not available · summary ✓");
    expect((await timelineItem(call.id)).call?.awaiting).toEqual([{ kind: "transcript", unavailable: true }]);
  });

  it("between hourly full scans, finds calls that changed since the last one", async () => {
    const start = new Date();
    expect(await runCompletenessWatch(db, start, config())).toMatchObject({ ran: true, tracked: 0 });
    const call = answeredFakeCall();
    await deliverCompleted(call, { endedAt: new Date(start.getTime() - 40 * MINUTE) });
    const report = await runCompletenessWatch(db, new Date(start.getTime() + MINUTE), config());
    expect(report).toMatchObject({ tracked: 3, fetched: { recording: 1, transcript: 1, summary: 1 } });
  });

  it("a rejected API key stops the run without using up a backoff step", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    const now = new Date(endedAt.getTime() + (DELAY_MINUTES + 1) * MINUTE);
    fake.setFaults({ wrongKey: true });
    const report = await runCompletenessWatch(db, now, config());
    expect(report.stopped).toContain("rejected the API key");
    expect(apiRequests()).toHaveLength(1);
    expect(await db.prisma.callArtifactWatch.findMany({ select: { attempts: true, status: true } })).toEqual([
      { attempts: 0, status: "pending" },
      { attempts: 0, status: "pending" },
      { attempts: 0, status: "pending" },
    ]);
    fake.setFaults({});
    expect((await runCompletenessWatch(db, now, config())).fetched).toMatchObject({ recording: 1, transcript: 1, summary: 1 });
  });

  it("runs on one instance at a time: two concurrent runs do the work once", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    const now = new Date(endedAt.getTime() + (DELAY_MINUTES + 1) * MINUTE);
    const [a, b] = await Promise.all([
      runCompletenessWatch(db, now, config(), { holder: "instance-a" }),
      runCompletenessWatch(db, now, config(), { holder: "instance-b" }),
    ]);
    expect([a.ran, b.ran].sort()).toEqual([false, true]);
    expect(apiRequests()).toHaveLength(3);
    expect(await counts(call.id)).toEqual({ recordings: 1, segments: 2, summaries: 1, voicemails: 0 });
    expect(await db.prisma.callArtifactWatch.count()).toBe(3);
  });

  it("infers what the workspace produces when COMPLETENESS_EXPECT is auto", async () => {
    const [first, second] = [answeredFakeCall(0), answeredFakeCall(1)];
    const endedFirst = await deliverCompleted(first, { endedAt: new Date(Date.now() - 10 * MINUTE) });
    // Nothing has ever arrived: nothing is expected.
    const auto = config({ expect: "auto" });
    expect((await runCompletenessWatch(db, new Date(endedFirst.getTime() + 2 * DELAY_MINUTES * MINUTE), auto)).tracked).toBe(0);

    // Once the workspace has sent a recording and a transcript (no summary), later calls on that number expect both.
    await poster.post(recordingEvent({ callId: first.id, url: "https://files.openphone.example/r.mp3" }));
    await poster.post(transcriptEvent({ callId: first.id }));
    const endedSecond = await deliverCompleted(second);
    const report = await runCompletenessWatch(db, new Date(endedSecond.getTime() + (DELAY_MINUTES + 1) * MINUTE), auto);
    expect(report).toMatchObject({ tracked: 2, fetched: { recording: 1, transcript: 1, summary: 0, voicemail: 0 } });
    expect(apiRequests().sort()).toEqual([`/v1/call-recordings/${second.id}`, `/v1/call-transcripts/${second.id}`]);
  });

  it("the overdue metric and the health check count what is past due and drop when it is fetched", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    const due = new Date(endedAt.getTime() + DELAY_MINUTES * MINUTE);
    const before = await scrape(due);
    expect(sampleValue(before, "openphone_overdue_artifacts", { kind: "transcript" })).toBe(0);

    // Without an API key the watch only tracks.
    await runCompletenessWatch(db, new Date(due.getTime() - MINUTE), config({ client: null }));
    expect(sampleValue(await scrape(new Date(due.getTime() - MINUTE)), "openphone_overdue_artifacts", { kind: "transcript" })).toBe(0);
    const overdue = await scrape(due);
    expect(sampleValue(overdue, "openphone_overdue_artifacts", { kind: "transcript" })).toBe(1);
    expect(sampleValue(overdue, "openphone_overdue_artifacts", { kind: "recording" })).toBe(1);
    expect(sampleValue(overdue, "openphone_overdue_artifacts", { kind: "voicemail" })).toBe(0);
    expect((await healthOps(db, due)).overdueArtifacts).toBe(3);

    await runCompletenessWatch(db, due, config());
    expect(await countOverdueArtifacts(db, due)).toEqual({ recording: 0, transcript: 0, summary: 0, voicemail: 0 });
    expect(sampleValue(await scrape(due), "openphone_overdue_artifacts", { kind: "transcript" })).toBe(0);
    expect((await healthOps(db, due)).overdueArtifacts).toBe(0);
  });

  it("npm run reconcile: readable lines and --json", async () => {
    const call = answeredFakeCall();
    const endedAt = await deliverCompleted(call);
    const now = new Date(endedAt.getTime() + (DELAY_MINUTES + 1) * MINUTE);
    const lines: string[] = [];
    const code = await runReconcileCli(["--json"], { db, config: config(), out: (line) => lines.push(line), now: () => now });
    expect(code).toBe(0);
    expect(JSON.parse(lines.join("\n"))).toMatchObject({ ran: true, fetched: { recording: 1, transcript: 1, summary: 1 }, overdue: { transcript: 0 } });

    const text: string[] = [];
    expect(await runReconcileCli([], { db, config: config(), out: (line) => text.push(line), now: () => now })).toBe(0);
    expect(text.join("\n")).toContain("Nothing overdue");
    expect(await runReconcileCli(["--bogus"], { db, config: config(), out: (line) => text.push(line), now: () => now })).toBe(2);
  });
});
