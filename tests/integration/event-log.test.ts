import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { parseEventFilter } from "@/lib/event-log/filters";
import { getWebhookEventDetail, listWebhookEvents } from "@/lib/event-log/queries";
import { listRejectionsByHour, rejectionTotals } from "@/lib/event-log/rejections";
import { replayEvent } from "@/lib/event-log/replay";
import { cancelReplayJob, claimStaleReplayJob, getReplayJob, runReplayJob, startReplayJob } from "@/lib/event-log/replay-jobs";
import { readCounters } from "@/lib/ops/counters";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { ingestWebhook, rejectTooLarge } from "@/lib/webhooks/ingest";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { TEST_SECRET, createPoster } from "../helpers/ingest";
import { injectProjectionFailure, removeInjectedFailure } from "../helpers/inject-failure";
import { tableCounts } from "../helpers/table-counts";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;

beforeEach(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
});
afterEach(async () => {
  await db.cleanup();
});

const eventRow = (eventId: string) => db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId } });

describe(`failed events and replay (${testDialect()})`, () => {
  it("an injected projection failure leaves the event failed and visible in the log; replay after the fix applies it exactly once", async () => {
    await injectProjectionFailure(db, "ACboom");
    const payload = callEvent({ id: "ACboom1" });
    const first = await poster.post(payload);
    expect(first).toMatchObject({ httpStatus: 500, outcome: "failed" });
    expect(await db.prisma.call.count()).toBe(0);

    const failed = await listWebhookEvents(db, parseEventFilter({ outcome: "failed" }), null);
    expect(failed.items).toHaveLength(1);
    const stored = await eventRow(payload.id as string);
    expect(stored).toMatchObject({ status: "failed", resourceId: "ACboom1" });
    // PostgreSQL passes the trigger's text through; Prisma's SQLite adapter reports a constraint failure.
    expect(stored.lastError).toMatch(db.dialect === "postgres" ? /injected projection failure/ : /constraint/i);
    expect(stored.processingMs).toBeGreaterThan(0);

    // Still broken: replay fails again and says so; nothing is written.
    expect(await replayEvent(db, stored.id, new Date())).toMatchObject({ outcome: "failed" });
    expect(await eventRow(payload.id as string)).toMatchObject({ status: "failed", replayCount: 1, lastReplayResult: "failed" });

    await removeInjectedFailure(db);
    expect(await replayEvent(db, stored.id, new Date())).toMatchObject({ outcome: "processed" });
    expect(await replayEvent(db, stored.id, new Date())).toMatchObject({ outcome: "unchanged" });
    expect(await db.prisma.call.count({ where: { openphoneId: "ACboom1" } })).toBe(1);
    expect(await db.prisma.activity.count()).toBe(1);
    expect(await eventRow(payload.id as string)).toMatchObject({ status: "processed", lastError: null, replayCount: 3, lastReplayResult: "unchanged" });
    expect(await readCounters(db, "replay")).toEqual({ failed: 1, processed: 1, unchanged: 1 });

    // OpenPhone's own retry of the same event now finds it processed.
    expect(await poster.post(payload)).toMatchObject({ httpStatus: 200, outcome: "duplicate" });
    expect(await db.prisma.call.count()).toBe(1);
  });

  it("a replay and a redelivery of the same failed event at once apply it once", async () => {
    await injectProjectionFailure(db, "ACrace");
    const payload = messageEvent({ id: "ACrace1", text: "race" });
    await poster.post(payload);
    await removeInjectedFailure(db);
    const { id } = await eventRow(payload.id as string);
    const [replayed, redelivered] = await Promise.all([replayEvent(db, id, new Date()), poster.post(payload)]);
    expect([replayed.outcome, redelivered.outcome].sort()).toEqual(
      replayed.outcome === "processed" ? ["duplicate", "processed"] : ["processed", "unchanged"],
    );
    expect(await db.prisma.message.count()).toBe(1);
    expect(await db.prisma.activity.count()).toBe(1);
  });

  it("replaying a processed event changes no row", async () => {
    const payload = callEvent({});
    await poster.post(payload);
    await poster.post(messageEvent({}));
    const before = { snapshot: await domainSnapshot(db.prisma), counts: await tableCounts(db.prisma), event: await eventRow(payload.id as string) };
    const updatedAt = await db.prisma.call.findMany({ select: { updatedAt: true } });

    expect(await replayEvent(db, before.event.id, new Date())).toEqual({
      outcome: "unchanged",
      message: "Already processed: nothing to do, no data changed.",
    });
    expect(await domainSnapshot(db.prisma)).toEqual(before.snapshot);
    expect(await tableCounts(db.prisma)).toEqual(before.counts);
    expect(await db.prisma.call.findMany({ select: { updatedAt: true } })).toEqual(updatedAt);
    const after = await eventRow(payload.id as string);
    expect(after).toMatchObject({ status: "processed", processedAt: before.event.processedAt, lastReplayResult: "unchanged", replayCount: 1 });
  });

  it("bulk replay over a filter (failed call.completed) reprocesses only those, with progress on the job", async () => {
    await injectProjectionFailure(db, "ACbulk");
    const calls = Array.from({ length: 13 }, (_, i) => callEvent({ id: `ACbulk${i}` }));
    const message = messageEvent({ id: "ACbulkmsg" });
    for (const payload of [...calls, message]) expect((await poster.post(payload)).outcome).toBe("failed");
    await poster.post(callEvent({ id: "ACfine" }));
    await removeInjectedFailure(db);

    const filter = parseEventFilter({ outcome: "failed", type: "call.completed" });
    const jobId = await startReplayJob(db, filter, null, new Date());
    expect(await getReplayJob(db, jobId)).toMatchObject({ status: "running", total: 13, done: 0 });
    expect(await runReplayJob(db, jobId)).toBe("done");
    expect(await getReplayJob(db, jobId)).toMatchObject({ status: "done", total: 13, done: 13, processed: 13, failed: 0 });

    expect(await db.prisma.call.count()).toBe(14);
    expect(await db.prisma.message.count()).toBe(0);
    expect(await eventRow(message.id as string)).toMatchObject({ status: "failed" });
    expect((await listWebhookEvents(db, parseEventFilter({ outcome: "failed" }), null)).items.map((e) => e.eventId)).toEqual([message.id]);
  });

  it("a cancelled bulk replay stops between batches; a job whose runner died is claimed once", async () => {
    await injectProjectionFailure(db, "ACcancel");
    for (let i = 0; i < 25; i++) await poster.post(messageEvent({ id: `ACcancel${i}` }));
    await removeInjectedFailure(db);

    const jobId = await startReplayJob(db, parseEventFilter({ outcome: "failed" }), null, new Date());
    const running = runReplayJob(db, jobId, { pauseMs: 50 });
    await waitFor(async () => ((await getReplayJob(db, jobId))?.done ?? 0) >= 10);
    expect(await cancelReplayJob(db, jobId)).toBe(true);
    expect(await running).toBe("cancelled");
    const job = await getReplayJob(db, jobId);
    expect(job).toMatchObject({ status: "cancelled" });
    expect(job!.done).toBeLessThan(25);
    expect(await db.prisma.message.count()).toBe(job!.processed);

    // A job left "running" by a dead instance: claimed by exactly one of two concurrent claimers, then finished.
    const orphan = await startReplayJob(db, parseEventFilter({ outcome: "failed" }), null, new Date(Date.now() - 5 * 60_000));
    const later = new Date();
    const claims = await Promise.all([claimStaleReplayJob(db, later), claimStaleReplayJob(db, later)]);
    expect(claims.filter((c) => c === orphan)).toHaveLength(1);
    expect(await runReplayJob(db, orphan)).toBe("done");
    expect(await db.prisma.message.count()).toBe(25);
  });
});

describe(`the event log (${testDialect()})`, () => {
  it("filters by outcome, type, resource, text and date, and pages with a stable keyset cursor", async () => {
    const base = Date.parse("2026-11-20T12:00:00Z");
    const posted: string[] = [];
    for (let i = 0; i < 7; i++) {
      const payload = messageEvent({ id: `ACpage${i}`, text: i === 3 ? "Quarterly INVOICE attached" : `hello ${i}` });
      await poster.post(payload, { nowMs: base + i * 86_400_000 });
      posted.push(payload.id as string);
    }
    const dup = callEvent({ id: "ACdupcall" });
    await poster.post(dup, { nowMs: base });
    await poster.post(dup, { nowMs: base + 1000 });

    const all = (filter: Record<string, string>) => listWebhookEvents(db, parseEventFilter(filter), null, 100).then((r) => r.items.map((e) => e.eventId));
    expect(await all({ q: "invoice" })).toEqual([posted[3]]);
    expect(await all({ resource: "ACpage5" })).toEqual([posted[5]]);
    expect(await all({ outcome: "duplicate" })).toEqual([dup.id]);
    expect(await all({ type: "call.completed" })).toEqual([dup.id]);
    expect(await all({ from: "2026-11-21", to: "2026-11-22" })).toEqual([posted[2], posted[1]]);

    // Pages of 3: every event exactly once, newest first, even when a new delivery arrives meanwhile.
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: Awaited<ReturnType<typeof listWebhookEvents>> = await listWebhookEvents(db, parseEventFilter({ type: "message.received" }), cursor, 3);
      seen.push(...result.items.map((e) => e.eventId));
      if (page === 0) await poster.post(messageEvent({}), { nowMs: base + 30 * 86_400_000 });
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...posted].reverse());
  });

  it("the detail has the stored body, kept headers, the normalised event and links to what it produced", async () => {
    const payload = messageEvent({ id: "ACdetail1", text: "see you at 5", participant: "+14155550199" });
    await poster.post(payload);
    const { id } = await eventRow(payload.id as string);
    const detail = await getWebhookEventDetail(db, id);
    expect(detail?.normalized).toMatchObject({ ok: true, event: { kind: "message", message: { id: "ACdetail1", text: "see you at 5" } } });
    expect(detail?.headers).toHaveProperty("content-type");
    expect(Object.keys(detail!.headers).some((h) => /signature/i.test(h))).toBe(false);
    expect(detail?.links.message).toMatchObject({ openphoneId: "ACdetail1" });
    expect(detail?.links.message?.conversationId).toEqual(expect.any(Number));
    expect(detail?.links.call).toBeNull();
    expect(JSON.parse(detail!.event.rawBody)).toEqual(payload);
  });
});

describe(`rejected deliveries are counted in the database (${testDialect()})`, () => {
  it("counts per hour and reason, never stores bodies, and survives a restart (a second client on the same database)", async () => {
    const now = new Date("2026-11-30T10:15:00Z");
    const body = messageEvent({});
    expect(await poster.post(body, { secret: Buffer.from("not the right secret, not at all").toString("base64"), nowMs: now.getTime() })).toMatchObject({
      httpStatus: 401,
    });
    const staleBody = JSON.stringify(body);
    const stale = await ingestWebhook(poster.deps, {
      headers: new Headers(signedHeaders(staleBody, { secret: TEST_SECRET, nowMs: now.getTime() - 3_600_000 })),
      rawBody: new TextEncoder().encode(staleBody),
      now,
    });
    expect(stale).toMatchObject({ httpStatus: 401, reason: "timestamp_out_of_range" });
    await rejectTooLarge(poster.deps, now);

    // "Restart": a new Prisma client on the same database, as a new process or another instance would have.
    const restarted = createDatabase(db.url);
    try {
      const second = createPoster({ ...restarted });
      await second.post(body, { headers: { "openphone-signature": "hmac;1;123;bad" }, nowMs: now.getTime() + 60_000 });
    } finally {
      await restarted.prisma.$disconnect();
    }
    const totals = await rejectionTotals(db);
    expect(totals).toEqual({ signature_mismatch: 1, timestamp_out_of_range: 2, too_large: 1 });
    const hours = await listRejectionsByHour(db, now, 24);
    expect(hours).toHaveLength(24);
    expect(hours.at(-1)!.hour.toISOString()).toBe("2026-11-30T10:00:00.000Z");
    expect(hours.at(-1)!.total).toBe(4);
    expect(await db.prisma.webhookEvent.count()).toBe(0);
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
