import { randomBytes } from "node:crypto";
import { openSecret, sealSecret } from "../../crypto/secret-box";
import type { PrismaHandle } from "../../db/types";
import type { OpenPhoneClient } from "../../openphone/api/client";
import { OpenPhoneApiError } from "../../openphone/api/errors";
import { WEBHOOK_FAMILIES, type WebhookFamily, type WebhookStatus } from "../../openphone/api/schemas";
import { signLegacy } from "../../openphone/signature";
import { INSTANCE_ID, acquireJobLock, releaseJobLock } from "../../ops/job-lock";
import { recordAudit, type Actor } from "./audit";
import { FAMILY_EVENTS, FAMILY_LABELS, SCHEME_OF, TEST_EVENT_TYPE, familyOf, type Generation } from "./families";

/**
 * Webhook subscriptions managed from the app (Admin → Webhooks and `npm run webhooks`): one code
 * path that talks to OpenPhone through the client, mirrors subscriptions in WebhookSubscription
 * with their signing keys sealed by APP_SECRET, and records every change in the audit log.
 */

export type ManagerDeps = {
  prisma: PrismaHandle;
  /** null when OPENPHONE_API_KEY is not set. */
  client: OpenPhoneClient | null;
  appSecret: string;
  /** This app's webhook endpoint (WEBHOOK_BASE_URL + /api/webhooks/openphone). */
  webhookUrl: string;
  graceSeconds: number;
  now: () => Date;
  /** Drops this instance's key cache at once (other instances notice within a second). */
  onKeysChanged: () => void;
  fetch?: typeof fetch;
  /** How long a test waits for the delivery to be stored. */
  testTimeoutMs?: number;
};

export type SubscriptionView = {
  id: string;
  generation: Generation;
  url: string;
  events: string[];
  resourceIds: string[];
  label: string | null;
  status: WebhookStatus;
  family: WebhookFamily | null;
  pointsHere: boolean;
  hasKey: boolean;
  createdAt: string;
  /** The newest delivery of this subscription's events and signature scheme in our event log. */
  lastDelivery: { receivedAt: Date; type: string; status: string } | null;
};

export type TestResult = {
  id: string;
  sent: boolean;
  received: boolean;
  verified: boolean;
  stored: boolean;
  ms: number;
  /** What went wrong, in one sentence, when a step failed. */
  problem: string | null;
};

export type AdminErrorCode = "not_found" | "unsupported" | "no_key" | "invalid" | "busy";

/** A request the manager refuses (unknown id, an operation the generation lacks); OpenPhone failures are OpenPhoneApiError. */
export class WebhookAdminError extends Error {
  constructor(readonly code: AdminErrorCode, message: string) {
    super(message);
    this.name = "WebhookAdminError";
  }
}

/** How long a "Connect everything" waits for another instance's pass, and how long its lease lasts if it dies. */
const CONNECT_LEASE = { name: "webhooks:connect", waitMs: 30_000, ttlMs: 120_000, pollMs: 200 };

/**
 * One create pass at a time across every app instance on this database (a lease in JobLock), so two
 * "Connect everything" presses, on one instance or on two, cannot both create the same family.
 */
async function underConnectLease<T>(prisma: PrismaHandle, fn: () => Promise<T>): Promise<T> {
  const holder = `${INSTANCE_ID}:${randomBytes(4).toString("hex")}`;
  const giveUpAt = Date.now() + CONNECT_LEASE.waitMs;
  while (!(await acquireJobLock({ prisma }, CONNECT_LEASE.name, new Date(), CONNECT_LEASE.ttlMs, holder)).acquired) {
    if (Date.now() > giveUpAt) throw new WebhookAdminError("busy", "Another admin is connecting webhooks right now; try again in a minute.");
    await new Promise((resolve) => setTimeout(resolve, CONNECT_LEASE.pollMs));
  }
  try {
    return await fn();
  } finally {
    await releaseJobLock({ prisma }, CONNECT_LEASE.name, holder);
  }
}

export function createWebhookManager(deps: ManagerDeps) {
  const { prisma } = deps;

  function api(): OpenPhoneClient {
    if (!deps.client) throw new OpenPhoneApiError({ kind: "not_configured", operation: "connect to OpenPhone" });
    return deps.client;
  }

  /** Reads both generations from OpenPhone, refreshes the mirror, and returns the subscriptions. */
  async function list(): Promise<SubscriptionView[]> {
    const client = api();
    const [legacy, current] = await Promise.all([client.legacy.listWebhooks(), client.v2026.listWebhooks()]);
    const remote = [
      ...legacy.map((w) => ({ generation: "legacy" as const, id: w.id, url: w.url, events: w.events, resourceIds: w.resourceIds, label: w.label, status: w.status, createdAt: w.createdAt, key: w.key })),
      // The 2026 list also returns legacy webhooks; those without apiVersion are listed above.
      ...current
        .filter((w) => w.apiVersion === "2026-03-30")
        .map((w) => ({ generation: "2026" as const, id: w.id, url: w.url, events: w.events, resourceIds: w.resourceIds, label: w.label, status: w.status, createdAt: w.createdAt, key: null })),
    ];
    const now = deps.now();
    const stored = await prisma.webhookSubscription.findMany({ select: { openphoneId: true, encryptedKey: true, deletedAt: true } });
    const byId = new Map(stored.map((s) => [s.openphoneId, s]));
    let keysChanged = false;
    for (const w of remote) {
      const existing = byId.get(w.id);
      // v1 reads carry the signing key: a webhook made in OpenPhone's settings is trusted too.
      const keyDiffers = w.key !== null && (!existing?.encryptedKey || openSecret(existing.encryptedKey, deps.appSecret) !== w.key);
      const fields = { url: w.url, events: JSON.stringify(w.events), resourceIds: JSON.stringify(w.resourceIds), label: w.label, status: w.status, generation: w.generation, syncedAt: now };
      if (!existing || keyDiffers || existing.deletedAt) keysChanged = true;
      await prisma.webhookSubscription.upsert({
        where: { openphoneId: w.id },
        create: { openphoneId: w.id, ...fields, encryptedKey: w.key ? sealSecret(w.key, deps.appSecret) : null },
        update: { ...fields, deletedAt: null, ...(keyDiffers && w.key ? { encryptedKey: sealSecret(w.key, deps.appSecret) } : {}) },
      });
    }
    const remoteIds = new Set(remote.map((w) => w.id));
    const vanished = stored.filter((s) => !s.deletedAt && !remoteIds.has(s.openphoneId)).map((s) => s.openphoneId);
    if (vanished.length > 0) {
      // Deleted in OpenPhone itself: their keys stop being trusted.
      await prisma.webhookSubscription.updateMany({ where: { openphoneId: { in: vanished } }, data: { deletedAt: now } });
      keysChanged = true;
    }
    if (keysChanged) deps.onKeysChanged();
    const withKeys = new Set((await prisma.webhookSubscription.findMany({ where: { deletedAt: null, encryptedKey: { not: null } }, select: { openphoneId: true } })).map((r) => r.openphoneId));
    return Promise.all(
      remote.map(async (w) => ({
        id: w.id,
        generation: w.generation,
        url: w.url,
        events: w.events,
        resourceIds: w.resourceIds,
        label: w.label,
        status: w.status,
        family: familyOf(w.events),
        pointsHere: sameUrl(w.url, deps.webhookUrl),
        hasKey: withKeys.has(w.id),
        createdAt: w.createdAt,
        lastDelivery: await lastDeliveryFor(w.generation, w.events),
      })),
    );
  }

  async function lastDeliveryFor(generation: Generation, events: string[]) {
    const row = await prisma.webhookEvent.findFirst({
      where: { type: { in: events }, signatureScheme: SCHEME_OF[generation] },
      orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
      select: { receivedAt: true, type: true, status: true },
    });
    return row ?? null;
  }

  async function create(
    input: { generation: Generation; family: WebhookFamily; resourceIds?: string[]; url?: string; label?: string | null },
    actor: Actor,
  ): Promise<SubscriptionView> {
    const client = api();
    const url = input.url ?? deps.webhookUrl;
    const events = [...FAMILY_EVENTS[input.generation][input.family]];
    const body = { url, events, resourceIds: input.resourceIds?.length ? input.resourceIds : ["*"], label: input.label ?? `OpenPhone Inbox · ${FAMILY_LABELS[input.family]}` };
    const created =
      input.generation === "legacy" ? await client.legacy.createWebhook(input.family, body) : await client.v2026.createWebhook(body);
    const now = deps.now();
    await prisma.webhookSubscription.upsert({
      where: { openphoneId: created.id },
      create: {
        openphoneId: created.id,
        url: created.url,
        events: JSON.stringify(created.events),
        resourceIds: JSON.stringify(created.resourceIds),
        label: created.label,
        status: created.status,
        generation: input.generation,
        encryptedKey: created.key ? sealSecret(created.key, deps.appSecret) : null,
        syncedAt: now,
      },
      update: {},
    });
    deps.onKeysChanged();
    await recordAudit(prisma, { actor, action: "create", target: created.id, detail: `${input.generation} ${FAMILY_LABELS[input.family].toLowerCase()} → ${created.url}`, at: now });
    return {
      id: created.id,
      generation: input.generation,
      url: created.url,
      events: created.events,
      resourceIds: created.resourceIds,
      label: created.label,
      status: created.status,
      family: input.family,
      pointsHere: sameUrl(created.url, deps.webhookUrl),
      hasKey: Boolean(created.key),
      createdAt: created.createdAt,
      lastDelivery: null,
    };
  }

  /** Every family's subscription to this app; families that already have one are skipped (idempotent). */
  async function connectEverything(
    input: { generation: Generation; resourceIds?: string[] },
    actor: Actor,
  ): Promise<{ created: SubscriptionView[]; existing: SubscriptionView[] }> {
    return underConnectLease(prisma, async () => {
      const current = await list();
      const created: SubscriptionView[] = [];
      const existing: SubscriptionView[] = [];
      for (const family of WEBHOOK_FAMILIES) {
        const match = current.find((s) => s.generation === input.generation && s.pointsHere && s.family === family);
        if (match) existing.push(match);
        else created.push(await create({ generation: input.generation, family, resourceIds: input.resourceIds }, actor));
      }
      return { created, existing };
    });
  }

  async function stored(id: string) {
    const row = await prisma.webhookSubscription.findUnique({ where: { openphoneId: id } });
    if (!row || row.deletedAt) throw new WebhookAdminError("not_found", `No webhook ${id}. Run list to refresh.`);
    return { ...row, generation: (row.generation === "2026" ? "2026" : "legacy") as Generation };
  }

  async function remove(id: string, actor: Actor): Promise<void> {
    const row = await stored(id);
    const client = api();
    try {
      if (row.generation === "legacy") await client.legacy.deleteWebhook(id);
      else await client.v2026.deleteWebhook(id);
    } catch (error) {
      // Already gone in OpenPhone: finish the local side.
      if (!(error instanceof OpenPhoneApiError && error.kind === "not_found")) throw error;
    }
    const now = deps.now();
    await prisma.webhookSubscription.update({ where: { openphoneId: id }, data: { deletedAt: now, previousKeyExpiresAt: null } });
    deps.onKeysChanged();
    await recordAudit(prisma, { actor, action: "delete", target: id, detail: `${row.generation} → ${row.url}`, at: now });
  }

  async function setStatus(id: string, status: WebhookStatus, actor: Actor): Promise<void> {
    const row = await stored(id);
    if (row.generation === "legacy") {
      throw new WebhookAdminError("unsupported", "Legacy (v1) webhooks cannot be changed through the API: delete it, or switch to 2026 webhooks.");
    }
    const updated = await api().v2026.updateWebhook(id, { status });
    const now = deps.now();
    await prisma.webhookSubscription.update({ where: { openphoneId: id }, data: { status: updated.status, syncedAt: now } });
    await recordAudit(prisma, { actor, action: status === "enabled" ? "enable" : "disable", target: id, at: now });
  }

  /** A new signing key; the old one stays trusted for the grace period so deliveries in flight still verify. */
  async function rotate(id: string, actor: Actor): Promise<{ graceEndsAt: Date }> {
    const row = await stored(id);
    if (row.generation === "legacy") {
      throw new WebhookAdminError("unsupported", "Legacy (v1) webhooks have no key rotation: switch to 2026 webhooks to rotate keys.");
    }
    const key = await api().v2026.rotateSecret(id);
    const now = deps.now();
    const graceEndsAt = new Date(now.getTime() + deps.graceSeconds * 1000);
    await prisma.webhookSubscription.update({
      where: { openphoneId: id },
      data: { encryptedKey: sealSecret(key, deps.appSecret), previousEncryptedKey: row.encryptedKey, previousKeyExpiresAt: row.encryptedKey ? graceEndsAt : null },
    });
    deps.onKeysChanged();
    await recordAudit(prisma, { actor, action: "rotate", target: id, detail: `old key trusted until ${graceEndsAt.toISOString()}`, at: now });
    return { graceEndsAt };
  }

  /** The signing key, for an admin who must paste it elsewhere. Audited. */
  async function reveal(id: string, actor: Actor): Promise<string> {
    const row = await stored(id);
    const secret = row.encryptedKey ? openSecret(row.encryptedKey, deps.appSecret) : null;
    if (!secret) throw new WebhookAdminError("no_key", "This app holds no signing key for that webhook (it was created elsewhere, or APP_SECRET changed).");
    await recordAudit(prisma, { actor, action: "reveal", target: id, at: deps.now() });
    return secret;
  }

  /**
   * A round trip: OpenPhone's test endpoint (2026) or our own ping signed with the stored key
   * (legacy, which has no test endpoint) goes to the subscription's URL; then we wait for the
   * delivery to appear in our event log.
   */
  async function test(id: string, actor: Actor): Promise<TestResult> {
    const row = await stored(id);
    const started = deps.now();
    const t0 = performance.now();
    const result: TestResult = { id, sent: false, received: false, verified: false, stored: false, ms: 0, problem: null };
    let eventId: string;
    if (row.generation === "2026") {
      const client = api();
      const sent = await client.v2026.sendTestEvent(id, TEST_EVENT_TYPE);
      eventId = sent.id;
      result.sent = true;
      result.stored = await waitForStored(eventId, started);
      if (result.stored) {
        result.received = result.verified = true;
      } else {
        const attempt = await latestAttempt(client, id);
        result.received = attempt !== null && attempt.responseStatusCode !== 0;
        result.verified = attempt !== null && attempt.responseStatusCode >= 200 && attempt.responseStatusCode < 300;
        result.problem = attempt === null ? "OpenPhone has not attempted the delivery yet." : describeAttempt(attempt.responseStatusCode, row.url, deps.webhookUrl);
      }
    } else {
      const secret = row.encryptedKey ? openSecret(row.encryptedKey, deps.appSecret) : null;
      if (!secret) throw new WebhookAdminError("no_key", "No signing key is stored for this webhook, so a signed test cannot be made.");
      eventId = `EVtest${randomBytes(12).toString("hex")}`;
      const rawBody = JSON.stringify({ id: eventId, object: "event", apiVersion: "v3", createdAt: started.toISOString(), type: "token.validated", data: { object: { id: `TK${randomBytes(6).toString("hex")}` } } });
      let status = 0;
      try {
        const response = await (deps.fetch ?? fetch)(row.url, {
          method: "POST",
          headers: { "content-type": "application/json", "openphone-signature": signLegacy({ secret, rawBody, timestampMs: started.getTime() }) },
          body: rawBody,
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        await response.body?.cancel();
      } catch (error) {
        result.problem = `The URL did not answer (${error instanceof Error ? error.message : "network error"}).`;
      }
      result.sent = true;
      result.received = status !== 0;
      result.verified = status >= 200 && status < 300;
      if (status !== 0 && !result.verified) result.problem = describeAttempt(status, row.url, deps.webhookUrl);
      if (result.verified) result.stored = await waitForStored(eventId, started);
    }
    if (result.verified && !result.stored && !result.problem) {
      result.problem = sameUrl(row.url, deps.webhookUrl) ? "Accepted, but not in the event log yet." : "Accepted by another app (this webhook does not point here).";
    }
    result.ms = Math.round(performance.now() - t0);
    await recordAudit(prisma, {
      actor,
      action: "test",
      target: id,
      detail: result.stored ? `round trip ${result.ms} ms` : `failed: ${result.problem ?? "not stored"}`,
      at: deps.now(),
    });
    return result;
  }

  async function waitForStored(eventId: string, since: Date): Promise<boolean> {
    const until = Date.now() + (deps.testTimeoutMs ?? 10_000);
    // A repeated test body (2026 test events share one id) is stored as a duplicate: updatedAt moves.
    for (;;) {
      const hit = await prisma.webhookEvent.findFirst({ where: { eventId, updatedAt: { gte: since } }, select: { id: true } });
      if (hit) return true;
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /**
   * Legacy → 2026 without a gap: create the 2026 subscriptions, prove one delivers, and only then
   * delete the legacy ones. Both signature schemes stay accepted; the window is recorded so the
   * backfill can fetch anything that fell between.
   */
  async function switchTo2026(actor: Actor): Promise<{ ok: boolean; switchId: number; created: string[]; deleted: string[]; problem: string | null }> {
    const before = await list();
    const legacy = before.filter((s) => s.generation === "legacy" && s.pointsHere);
    if (legacy.length === 0) throw new WebhookAdminError("invalid", "There are no legacy webhooks pointing at this app to switch.");
    const startedAt = deps.now();
    const record = await prisma.webhookSwitch.create({ data: { legacyIds: JSON.stringify(legacy.map((s) => s.id)), newIds: "[]", startedAt } });
    await recordAudit(prisma, { actor, action: "switch_started", target: null, detail: `replacing ${legacy.map((s) => s.id).join(", ")}`, at: startedAt });
    const { created, existing } = await connectEverything({ generation: "2026" }, actor);
    const fresh = [...created, ...existing];
    await prisma.webhookSwitch.update({ where: { id: record.id }, data: { newIds: JSON.stringify(fresh.map((s) => s.id)) } });
    const probe = await test(fresh[0]!.id, actor);
    if (!probe.stored) {
      const problem = `The 2026 test delivery did not arrive (${probe.problem ?? "not stored"}); the legacy webhooks were kept.`;
      await recordAudit(prisma, { actor, action: "switch_failed", detail: problem, at: deps.now() });
      return { ok: false, switchId: record.id, created: created.map((s) => s.id), deleted: [], problem };
    }
    await prisma.webhookSwitch.update({ where: { id: record.id }, data: { verifiedAt: deps.now() } });
    for (const s of legacy) await remove(s.id, actor);
    const completedAt = deps.now();
    await prisma.webhookSwitch.update({ where: { id: record.id }, data: { completedAt } });
    await recordAudit(prisma, { actor, action: "switch_completed", detail: `window ${startedAt.toISOString()} – ${completedAt.toISOString()}`, at: completedAt });
    return { ok: true, switchId: record.id, created: created.map((s) => s.id), deleted: legacy.map((s) => s.id), problem: null };
  }

  /** The workspace's numbers, for the create form. */
  async function phoneNumbers(): Promise<{ id: string; label: string }[]> {
    const numbers = await api().legacy.listPhoneNumbers();
    return numbers.map((n) => ({ id: n.id, label: [n.name, n.formattedNumber ?? n.number].filter(Boolean).join(" · ") || n.id }));
  }

  return { list, phoneNumbers, create, connectEverything, remove, setStatus, rotate, reveal, test, switchTo2026 };
}

export type WebhookManager = ReturnType<typeof createWebhookManager>;

async function latestAttempt(client: OpenPhoneClient, id: string) {
  const page = await client.v2026.listDeliveries(id, { limit: 1 });
  const delivery = page.data[0];
  if (!delivery) return null;
  const detail = await client.v2026.getDelivery(id, delivery.id);
  return detail.attempts.at(-1) ?? null;
}

function describeAttempt(status: number, url: string, ours: string): string {
  if (status === 0) return `Nothing answered at ${url}.`;
  if (status === 401) return sameUrl(url, ours) ? "This app rejected the signature (401): its key is not stored here." : "The receiver rejected the signature (401).";
  if (status === 503) return "The receiver answered 503 (no signing key configured, or its database is down).";
  return `The receiver answered ${status}.`;
}

export function sameUrl(a: string, b: string): boolean {
  return a.replace(/\/+$/, "").toLowerCase() === b.replace(/\/+$/, "").toLowerCase();
}
