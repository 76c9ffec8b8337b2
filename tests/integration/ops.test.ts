import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runEventsCli } from "@/lib/event-log/cli";
import { getWebhookEventDetail } from "@/lib/event-log/queries";
import { replayEvent } from "@/lib/event-log/replay";
import { pruneEventBodies } from "@/lib/event-log/retention";
import { alertConditions, sendDueAlerts } from "@/lib/ops/alerts";
import { acquireJobLock } from "@/lib/ops/job-lock";
import { runMaintenance } from "@/lib/ops/maintenance";
import { readMetricsSnapshot, renderMetrics } from "@/lib/ops/metrics";
import { getOpsStatus, healthOps } from "@/lib/ops/status";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { createPoster } from "../helpers/ingest";
import { injectProjectionFailure } from "../helpers/inject-failure";
import { parsePrometheus, sampleValue } from "../helpers/prometheus";
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

async function scrape(now = new Date()) {
  const snapshot = await readMetricsSnapshot(db, await getOpsStatus(db));
  const { body } = await renderMetrics(snapshot, now, { processMetrics: false });
  return parsePrometheus(body);
}

describe(`metrics (${testDialect()})`, () => {
  it("deliveries, duplicates, rejections and the latency histogram change after deliveries", async () => {
    const before = await scrape();
    expect(sampleValue(before, "openphone_webhook_processing_seconds_count")).toBe(0);

    const message = messageEvent({});
    await poster.post(message);
    await poster.post(message);
    await poster.post(callEvent({}));
    await poster.post(messageEvent({}), { secret: Buffer.from("a different secret, thirty-two b").toString("base64") });
    await injectProjectionFailure(db, "ACmetric");
    await poster.post(callEvent({ id: "ACmetric1" }));

    const after = await scrape();
    expect(sampleValue(after, "openphone_webhook_deliveries_total", { type: "message.received", outcome: "processed" })).toBe(1);
    expect(sampleValue(after, "openphone_webhook_deliveries_total", { type: "message.received", outcome: "duplicate" })).toBe(1);
    expect(sampleValue(after, "openphone_webhook_deliveries_total", { type: "call.completed", outcome: "processed" })).toBe(1);
    expect(sampleValue(after, "openphone_webhook_deliveries_total", { type: "call.completed", outcome: "failed" })).toBe(1);
    expect(sampleValue(after, "openphone_webhook_rejections_total", { reason: "signature_mismatch" })).toBe(1);
    expect(sampleValue(after, "openphone_failed_events")).toBe(1);
    expect(sampleValue(after, "openphone_migrations_pending")).toBe(0);
    expect(sampleValue(after, "openphone_webhook_processing_seconds_count")).toBe(3);
    expect(sampleValue(after, "openphone_webhook_processing_seconds_bucket", { le: "+Inf" })).toBe(3);
    expect(sampleValue(after, "openphone_webhook_processing_seconds_sum")).toBeGreaterThan(0);
    // Buckets are cumulative.
    const buckets = after.filter((s) => s.name === "openphone_webhook_processing_seconds_bucket").map((s) => s.value);
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));

    const { id } = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: message.id as string } });
    await replayEvent(db, id, new Date());
    expect(sampleValue(await scrape(), "openphone_event_replays_total", { result: "unchanged" })).toBe(1);
  });
});

describe(`health, alerts and the maintenance job (${testDialect()})`, () => {
  it("health reports migrations, the last delivery's age and failed events waiting", async () => {
    const now = new Date();
    expect(await healthOps(db, now)).toMatchObject({ migrationsCurrent: true, pendingMigrations: [], lastDeliveryAt: null, failedEventsWaiting: 0 });
    await poster.post(messageEvent({}), { nowMs: now.getTime() - 90_000 });
    await injectProjectionFailure(db, "AChealth");
    await poster.post(messageEvent({ id: "AChealth1" }), { nowMs: now.getTime() - 30_000 });
    const ops = await healthOps(db, now);
    expect(ops).toMatchObject({ failedEventsWaiting: 1, lastDeliveryAgeSeconds: 30 });
    expect((await getOpsStatus(db, { migrationNames: ["0001_init", "9999_future"] })).migrations).toEqual({ current: false, pending: ["9999_future"] });
  });

  it("alerts: quiet subscriptions and failed events; each alert at most once an hour, once across instances", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    await db.prisma.webhookSubscription.create({
      data: { openphoneId: "WHtest", url: "https://x.test/api/webhooks/openphone", events: "[]", resourceIds: '["*"]', status: "enabled" },
    });
    await poster.post(messageEvent({}), { nowMs: now.getTime() - 3 * 3_600_000 });
    const status = await getOpsStatus(db);
    const conditions = alertConditions(status, now, { noDeliveryMinutes: 120 });
    expect(conditions.map((c) => c.key)).toEqual(["no_deliveries"]);
    expect(conditions[0]!.detail).toContain("3 h");
    expect(alertConditions(status, now, { noDeliveryMinutes: 240 })).toEqual([]);

    const sent: string[] = [];
    const send = async (_url: string, body: { text: string }) => {
      sent.push(body.text);
    };
    const options = { url: "https://hooks.example.test/T000/B000", baseUrl: "https://inbox.example.test", send };
    // Two instances at the same moment: one message.
    await Promise.all([sendDueAlerts(db, conditions, now, options), sendDueAlerts(db, conditions, now, options)]);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toContain("No webhook deliveries");
    expect(sent[0]).toContain("https://inbox.example.test/admin/events");
    // Still true 30 minutes later: not repeated.
    expect(await sendDueAlerts(db, conditions, new Date(now.getTime() + 30 * 60_000), options)).toEqual([]);
    // An hour later: sent again.
    expect(await sendDueAlerts(db, conditions, new Date(now.getTime() + 61 * 60_000), options)).toEqual(["no_deliveries"]);
    expect(sent).toHaveLength(2);
    // A failing webhook releases the claim so the next run tries again.
    const failing = { ...options, send: async () => Promise.reject(new Error("503")) };
    const later = new Date(now.getTime() + 3 * 3_600_000);
    expect(await sendDueAlerts(db, conditions, later, failing)).toEqual([]);
    expect(await sendDueAlerts(db, conditions, new Date(later.getTime() + 61_000), options)).toEqual(["no_deliveries"]);
  });

  it("the maintenance lease is held by one instance at a time", async () => {
    const now = new Date();
    const results = await Promise.all([
      acquireJobLock(db, "maintenance", now, 60_000, "instance-a"),
      acquireJobLock(db, "maintenance", now, 60_000, "instance-b"),
    ]);
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    // After the lease expires the other one takes it.
    const loser = results[0]!.acquired ? "instance-b" : "instance-a";
    expect((await acquireJobLock(db, "maintenance", new Date(now.getTime() + 61_000), 60_000, loser)).acquired).toBe(true);
  });

  it("retention prunes old processed bodies only, keeps rows and data, runs daily in maintenance and from the CLI", async () => {
    const now = new Date("2026-12-01T12:00:00Z");
    const day = 86_400_000;
    const old = messageEvent({ text: "old one" });
    const recent = messageEvent({ text: "recent one" });
    await poster.post(old, { nowMs: now.getTime() - 100 * day });
    await poster.post(recent, { nowMs: now.getTime() - 10 * day });
    await injectProjectionFailure(db, "ACkeep");
    await poster.post(messageEvent({ id: "ACkeep1" }), { nowMs: now.getTime() - 100 * day });
    const domain = await domainSnapshot(db.prisma);

    const report = await runMaintenance(db, now, { retentionDays: 90, noDeliveryMinutes: 60, alertWebhookUrl: undefined, baseUrl: "http://x" });
    expect(report).toMatchObject({ ran: true, pruned: 1 });
    const oldRow = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: old.id as string } });
    expect(oldRow).toMatchObject({ rawBody: "", status: "processed" });
    expect(oldRow.bodyPrunedAt).not.toBeNull();
    expect((await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: recent.id as string } })).rawBody).toContain("recent one");
    expect((await db.prisma.webhookEvent.findFirstOrThrow({ where: { status: "failed" } })).rawBody).toContain("ACkeep1");
    expect(await domainSnapshot(db.prisma)).toEqual(domain);
    expect((await getWebhookEventDetail(db, oldRow.id))?.normalized).toBeNull();
    expect(await replayEvent(db, oldRow.id, now)).toMatchObject({ outcome: "unchanged" });

    // Daily: a second pass within the day does not prune again.
    expect(await runMaintenance(db, new Date(now.getTime() + 60_000), { retentionDays: 5, noDeliveryMinutes: 60, alertWebhookUrl: undefined, baseUrl: "http://x" })).toMatchObject({
      pruned: null,
    });

    const lines: string[] = [];
    expect(await runEventsCli(["prune", "--days", "5"], { db, retentionDays: 90, out: (l) => lines.push(l), now: () => now })).toBe(0);
    expect(lines).toEqual(["✔ Pruned the bodies of 1 processed event older than 5 days."]);
    expect(await pruneEventBodies(db, { olderThanDays: 5, now })).toEqual({ pruned: 0 });
  });
});
