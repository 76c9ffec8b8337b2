import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenPhoneClient, OpenPhoneApiError, createRateLimiter } from "@/lib/openphone/api";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { CLI_ACTOR, type Actor } from "@/lib/webhooks/subscriptions/audit";
import { createWebhookManager, WebhookAdminError, type ManagerDeps } from "@/lib/webhooks/subscriptions/manager";
import { countStoredKeys } from "@/lib/webhooks/setup";
import { createSigningKeySource } from "@/lib/webhooks/signing-keys";
import { TEST_APP_SECRET, createPoster } from "../helpers/ingest";
import { startIngestReceiver } from "../helpers/ingest-receiver";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * Managing subscriptions end to end on one machine: the fake OpenPhone API, the real ingest
 * pipeline behind an HTTP receiver, and a real database (SQLite file or PostgreSQL schema).
 */

const admin: Actor = { id: 7, label: "ada@example.com" };
let fake: FakeOpenPhone;
let db: TestDatabase;
let receiver: Awaited<ReturnType<typeof startIngestReceiver>>;
let poster: ReturnType<typeof createPoster>;

function manager(overrides: Partial<ManagerDeps> = {}) {
  return createWebhookManager({
    prisma: db.prisma,
    client: createOpenPhoneClient({ apiKey: fake.apiKey, baseUrl: fake.url, limiter: createRateLimiter({ limit: 1000 }), sleep: async () => undefined }),
    appSecret: TEST_APP_SECRET,
    webhookUrl: receiver.url,
    graceSeconds: 3600,
    now: () => new Date(),
    onKeysChanged: poster.invalidateKeys,
    testTimeoutMs: 5000,
    ...overrides,
  });
}

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 4214 });
});
afterAll(() => fake.close());
beforeEach(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
  receiver = await startIngestReceiver(poster.deps);
});
afterEach(async () => {
  fake.reset();
  await receiver.close();
  await db.cleanup();
});

describe(`webhook subscriptions (${testDialect()})`, () => {
  it("without an API key every operation says so", async () => {
    const m = manager({ client: null });
    await expect(m.list()).rejects.toMatchObject({ kind: "not_configured" });
    await expect(m.connectEverything({ generation: "2026" }, admin)).rejects.toBeInstanceOf(OpenPhoneApiError);
  });

  it("a wrong API key is unauthorized and a rate-limited workspace is rate_limited", async () => {
    fake.setFaults({ wrongKey: true });
    await expect(manager().list()).rejects.toMatchObject({ kind: "unauthorized" });
    fake.setFaults({ rateLimit: { count: 99, retryAfterSeconds: 1 } });
    await expect(manager().list()).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 1 });
  });

  for (const generation of ["2026", "legacy"] as const) {
    it(`Connect everything (${generation}) creates one subscription per family, stores the keys sealed, and twice creates nothing new`, async () => {
      const m = manager();
      const first = await m.connectEverything({ generation }, admin);
      expect(first.created.map((s) => s.family)).toEqual(["messages", "calls", "summaries", "transcripts"]);
      expect(first.existing).toEqual([]);
      const second = await m.connectEverything({ generation }, admin);
      expect(second.created).toEqual([]);
      expect(second.existing).toHaveLength(4);
      expect(fake.state.webhooks.filter((w) => !w.deletedAt)).toHaveLength(4);

      const rows = await db.prisma.webhookSubscription.findMany();
      expect(rows).toHaveLength(4);
      for (const row of rows) {
        const key = fake.state.webhooks.find((w) => w.id === row.openphoneId)!.key;
        expect(row.generation).toBe(generation);
        expect(row.encryptedKey).toBeTruthy();
        expect(row.encryptedKey).not.toContain(key.replace(/^whsec_/, "").slice(0, 12));
      }
      const listed = await m.list();
      expect(listed.every((s) => s.pointsHere && s.hasKey && s.generation === generation)).toBe(true);
      const audit = await db.prisma.webhookAuditEntry.findMany({ orderBy: { id: "asc" } });
      expect(audit.map((a) => [a.action, a.actorLabel])).toEqual(Array(4).fill(["create", "ada@example.com"]));
    });

    it(`Connect everything (${generation}) pressed on two app instances at once creates each family once`, async () => {
      // Two managers stand for two instances: nothing in memory is shared, only the database.
      fake.setFaults({ delayMs: 40 });
      const [a, b] = await Promise.all([manager().connectEverything({ generation }, admin), manager().connectEverything({ generation }, admin)]);
      expect([a.created.length, b.created.length].sort()).toEqual([0, 4]);
      expect([a.existing.length, b.existing.length].sort()).toEqual([0, 4]);
      expect(fake.state.webhooks.filter((w) => !w.deletedAt)).toHaveLength(4);
      expect(await db.prisma.webhookSubscription.count()).toBe(4);
      // The lease is released: a third press goes straight through.
      expect((await manager().connectEverything({ generation }, admin)).existing).toHaveLength(4);
    });

    it(`test (${generation}) round trips: sent, received, verified, stored, with the time taken`, async () => {
      const m = manager();
      const { created } = await m.connectEverything({ generation }, admin);
      const result = await m.test(created[0]!.id, admin);
      expect(result).toMatchObject({ sent: true, received: true, verified: true, stored: true, problem: null });
      expect(result.ms).toBeGreaterThan(0);
      const event = await db.prisma.webhookEvent.findFirstOrThrow();
      expect(event.signatureScheme).toBe(generation === "2026" ? "standard" : "legacy");
      expect((await m.list()).find((s) => s.id === created[0]!.id)?.lastDelivery).toBeNull(); // a test event is not one of the family's events
      // Again: 2026 test bodies share one id and are stored as a duplicate; still a full round trip.
      expect(await m.test(created[0]!.id, admin)).toMatchObject({ stored: true });
    });
  }

  it("the key of a new subscription is trusted at once, the key of a deleted one gets 401", async () => {
    const m = manager();
    const [hook] = (await m.connectEverything({ generation: "2026" }, admin)).created;
    const accepted = await fake.deliver(hook!.id, { eventType: "message.received" });
    expect(accepted.responseStatusCode).toBe(200);
    expect((await m.list()).find((s) => s.id === hook!.id)?.lastDelivery).toMatchObject({ type: "message.received" });
    await m.remove(hook!.id, admin);
    expect(fake.state.webhooks.find((w) => w.id === hook!.id)?.deletedAt).toBeTruthy();
    expect((await fake.deliver(hook!.id)).responseStatusCode).toBe(401);
    await expect(m.remove(hook!.id, admin)).rejects.toBeInstanceOf(WebhookAdminError);
    expect((await db.prisma.webhookAuditEntry.findMany()).map((a) => a.action)).toContain("delete");
  });

  it("the last delivery of a subscription comes from the event log, by its events and signature scheme", async () => {
    const m = manager();
    await m.connectEverything({ generation: "legacy" }, admin);
    const calls = (await m.list()).find((s) => s.family === "calls")!;
    const body = JSON.stringify({ id: "EVlast1", object: "event", apiVersion: "v3", createdAt: new Date().toISOString(), type: "call.ringing", data: { object: { id: "ACx1", object: "call", direction: "incoming", status: "ringing", from: "+16505550111", to: "+14155550100", phoneNumberId: "PN1", userId: "US1", createdAt: new Date().toISOString(), answeredAt: null, completedAt: null, media: [], voicemail: null } } });
    expect(await poster.post(body)).toMatchObject({ httpStatus: 200 });
    expect((await m.list()).find((s) => s.id === calls.id)?.lastDelivery).toMatchObject({ type: "call.ringing" });
    expect((await m.list()).find((s) => s.family === "messages")?.lastDelivery).toBeNull();
  });

  it("rotate keeps the old key trusted during the grace period and only the new one after it", async () => {
    const m = manager({ graceSeconds: 1.5 });
    const [hook] = (await m.connectEverything({ generation: "2026" }, admin)).created;
    expect(await countStoredKeys(db)).toBe(4);
    const { graceEndsAt } = await m.rotate(hook!.id, admin);
    expect(graceEndsAt.getTime()).toBeGreaterThan(Date.now());
    // The admin overview counts what the receiver trusts: the rotated-out key too, until its grace ends.
    expect(await countStoredKeys(db)).toBe(5);
    expect((await fake.deliver(hook!.id, { key: "previous" })).responseStatusCode).toBe(200);
    expect((await fake.deliver(hook!.id, { key: "current" })).responseStatusCode).toBe(200);
    await new Promise((r) => setTimeout(r, 1600));
    expect(await countStoredKeys(db)).toBe(4);
    expect((await fake.deliver(hook!.id, { key: "previous" })).responseStatusCode).toBe(401);
    expect((await fake.deliver(hook!.id, { key: "current" })).responseStatusCode).toBe(200);
  });

  it("another app instance trusts a new key within a second, with no invalidation and no restart", async () => {
    const other = createSigningKeySource({ prisma: db.prisma, configured: [], appSecret: TEST_APP_SECRET });
    expect(await other.keys()).toHaveLength(0);
    await manager().create({ generation: "2026", family: "messages" }, admin);
    await new Promise((r) => setTimeout(r, 1050));
    expect(await other.keys()).toHaveLength(1);
    const [row] = await db.prisma.webhookSubscription.findMany();
    await manager().remove(row!.openphoneId, admin);
    await new Promise((r) => setTimeout(r, 1050));
    expect(await other.keys()).toHaveLength(0);
  });

  it("list mirrors webhooks made or deleted in OpenPhone itself, trusting legacy keys read from the API", async () => {
    const client = createOpenPhoneClient({ apiKey: fake.apiKey, baseUrl: fake.url });
    const outside = await client.legacy.createWebhook("messages", { url: receiver.url, events: ["message.received"] });
    const listed = await manager().list();
    expect(listed).toMatchObject([{ id: outside.id, generation: "legacy", hasKey: true, pointsHere: true, family: "messages" }]);
    expect((await fake.deliver(outside.id)).responseStatusCode).toBe(200);
    await client.legacy.deleteWebhook(outside.id);
    expect(await manager().list()).toEqual([]);
    expect((await fake.deliver(outside.id)).responseStatusCode).toBe(401);
  });

  it("enable/disable works on 2026 webhooks and is refused on legacy ones; reveal returns the key and is audited", async () => {
    const m = manager();
    const current = await m.create({ generation: "2026", family: "calls" }, admin);
    const legacy = await m.create({ generation: "legacy", family: "calls" }, admin);
    await m.setStatus(current.id, "disabled", admin);
    expect(fake.state.webhooks.find((w) => w.id === current.id)?.status).toBe("disabled");
    await expect(m.setStatus(legacy.id, "disabled", admin)).rejects.toMatchObject({ code: "unsupported" });
    await expect(m.rotate(legacy.id, admin)).rejects.toMatchObject({ code: "unsupported" });
    expect(await m.reveal(current.id, CLI_ACTOR)).toBe(fake.state.webhooks.find((w) => w.id === current.id)!.key);
    const audit = await db.prisma.webhookAuditEntry.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "create", "disable", "reveal"]);
    expect(audit[3]!.actorLabel).toBe("command line");
    expect(JSON.stringify(audit)).not.toContain(fake.state.webhooks.find((w) => w.id === current.id)!.key);
  });

  it("switch moves legacy to 2026 without a gap: create, verify a test delivery, delete legacy, record the window", async () => {
    const m = manager();
    await expect(m.switchTo2026(admin)).rejects.toMatchObject({ code: "invalid" });
    await m.connectEverything({ generation: "legacy" }, admin);
    const result = await m.switchTo2026(admin);
    expect(result).toMatchObject({ ok: true, problem: null });
    expect(result.created).toHaveLength(4);
    expect(result.deleted).toHaveLength(4);
    const live = fake.state.webhooks.filter((w) => !w.deletedAt);
    expect(live.map((w) => w.generation)).toEqual(["2026", "2026", "2026", "2026"]);
    const window = await db.prisma.webhookSwitch.findUniqueOrThrow({ where: { id: result.switchId } });
    expect(window.verifiedAt!.getTime()).toBeGreaterThanOrEqual(window.startedAt.getTime());
    expect(window.completedAt!.getTime()).toBeGreaterThanOrEqual(window.verifiedAt!.getTime());
    expect(JSON.parse(window.legacyIds)).toEqual(result.deleted);
    expect(JSON.parse(window.newIds)).toEqual(result.created);
  });

  it("a switch whose test delivery fails keeps the legacy webhooks", async () => {
    await manager().connectEverything({ generation: "legacy" }, admin);
    // This instance cannot trust new keys: the 2026 test delivery is rejected.
    const blind = manager({ appSecret: "another-app-secret-that-cannot-open-the-keys", onKeysChanged: () => undefined, testTimeoutMs: 500 });
    poster.invalidateKeys();
    const result = await blind.switchTo2026(admin);
    expect(result.ok).toBe(false);
    expect(result.problem).toContain("401");
    expect(fake.state.webhooks.filter((w) => !w.deletedAt && w.generation === "legacy")).toHaveLength(4);
    expect((await db.prisma.webhookSwitch.findFirstOrThrow()).completedAt).toBeNull();
  });
});
