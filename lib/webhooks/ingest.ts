import { createHash } from "node:crypto";
import { recordRejection, type RejectionReason } from "../event-log/rejections";
import { DatabaseHeldOff, type DatabaseAvailability } from "../db/availability";
import type { AppDatabase } from "../db/types";
import type { Tx } from "../db/types";
import type { Logger } from "../log";
import { Prisma } from "../generated/sqlite/client";
import { notifyActivityInTransaction, publishActivity, type ActivityChange } from "../live/publish";
import { normalizeEvent, storableText } from "../openphone/events";
import type { NormalizeResult } from "../openphone/normalized";
import { verifyWebhookSignature, type HeaderSource, type SignatureFailureReason, type SigningKey } from "../openphone/signature";
import { applyNormalizedEvent } from "./apply-normalized";
import { classifyDbError } from "./db-errors";
import { createGroupCommitter, type GroupCommitter } from "./group-commit";

export type IngestDeps = {
  db: AppDatabase;
  /** Every active signing key (configured + stored subscriptions). */
  signingKeys: () => Promise<readonly SigningKey[]>;
  maxBodyBytes: number;
  toleranceSeconds: number;
  log: Logger;
  /** Shared with /api/health: after a failed write, 503 at once for a moment instead of queueing on a dead database. */
  availability?: DatabaseAvailability;
};

export type IngestInput = {
  headers: Headers;
  rawBody: Uint8Array;
  now: Date;
  /** From announceDelivery: called as soon as this delivery is queued for its batch. */
  arrived?: () => void;
};

export type StoredOutcome = "processed" | "duplicate" | "ignored" | "invalid";

export type IngestResult =
  | { httpStatus: 200; outcome: StoredOutcome; eventId: string; type: string; error?: string }
  | { httpStatus: 401; outcome: "rejected"; reason: SignatureFailureReason }
  | { httpStatus: 413; outcome: "too_large"; maxBytes: number }
  | { httpStatus: 503; outcome: "no_secret_configured" | "database_unavailable" }
  | { httpStatus: 500; outcome: "failed"; eventId: string };

/** Headers worth keeping in the event log: enough to debug a delivery, nothing secret. */
const LOGGED_HEADERS = ["content-type", "content-length", "user-agent", "webhook-id", "webhook-timestamp", "x-forwarded-for"];

const MAX_TX_ATTEMPTS = 4;

/**
 * verify → record → project, for one delivery. The event-log row and the domain writes commit in
 * one transaction; the event id's unique index makes redeliveries and concurrent copies no-ops.
 */
export async function ingestWebhook(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  const started = performance.now();
  const result = await ingest(deps, input);
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const fields: Record<string, unknown> = { status: result.httpStatus, outcome: result.outcome, ms };
  if ("eventId" in result) fields.eventId = result.eventId;
  if ("type" in result) fields.type = result.type;
  if ("reason" in result) fields.reason = result.reason;
  if (result.httpStatus === 503 && result.outcome === "no_secret_configured") {
    deps.log.error("webhook rejected: no signing secret configured (set OPENPHONE_WEBHOOK_SIGNING_KEY)", fields);
  } else {
    (result.httpStatus >= 500 ? deps.log.error : result.httpStatus >= 400 ? deps.log.warn : deps.log.info)("webhook", fields);
  }
  return result;
}

/** The route refuses an oversize body before reading it; it is still counted with the other rejections. */
export async function rejectTooLarge(deps: IngestDeps, now: Date): Promise<IngestResult> {
  await countRejection(deps, "too_large", now);
  return { httpStatus: 413, outcome: "too_large", maxBytes: deps.maxBodyBytes };
}

/**
 * Called by the route as soon as a delivery starts arriving, before its body is read: the next
 * group-commit batch waits for it (briefly) instead of committing without it. The caller calls the
 * returned function once it is done with the delivery, whatever happened; ingestWebhook calls it
 * earlier, as soon as the delivery is queued (a second call changes nothing).
 */
export function announceDelivery(db: AppDatabase): () => void {
  return groupCommitterFor(db).expect();
}

async function ingest(deps: IngestDeps, { headers, rawBody, now, arrived }: IngestInput): Promise<IngestResult> {
  const started = performance.now();
  if (rawBody.byteLength > deps.maxBodyBytes) return rejectTooLarge(deps, now);

  let keys: readonly SigningKey[];
  try {
    keys = await deps.signingKeys();
  } catch (error) {
    deps.log.error("webhook: could not load signing keys", { error: describe(error) });
    return { httpStatus: 503, outcome: "database_unavailable" };
  }
  if (keys.length === 0) return { httpStatus: 503, outcome: "no_secret_configured" };

  const verdict = verifyWebhookSignature({
    secrets: keys,
    headers,
    rawBody,
    nowMs: now.getTime(),
    toleranceSeconds: deps.toleranceSeconds,
  });
  if (!verdict.ok) {
    if (verdict.reason !== "no_secret_configured") await countRejection(deps, verdict.reason, now);
    return { httpStatus: 401, outcome: "rejected", reason: verdict.reason };
  }

  const availability = deps.availability;
  if (availability?.isHeldOff(now.getTime())) return { httpStatus: 503, outcome: "database_unavailable" };

  const body = new TextDecoder("utf-8").decode(rawBody);
  const normalized = normalizeEvent(body);
  const record = buildEventRecord({ normalized, body, headers, scheme: verdict.scheme, deliveryId: verdict.deliveryId, now });

  const committer = groupCommitterFor(deps.db);
  for (let attempt = 1; ; attempt++) {
    const queued = committer.run((tx) => {
      // Deliveries queued behind one that found the database gone give up without touching it.
      if (availability?.isHeldOff(Date.now())) throw new DatabaseHeldOff();
      return recordAndApply(tx, record, normalized, deps.db, started);
    });
    arrived?.(); // queued: the batch need not wait for it any longer
    const written = await queued;
    if (written.ok && written.value) {
      availability?.markAvailable();
      const { outcome, change } = written.value;
      if (outcome === "processed") publishActivity(deps.db, change);
      return {
        httpStatus: 200,
        outcome,
        eventId: record.eventId,
        type: record.type,
        ...(record.lastError ? { error: record.lastError } : {}),
      };
    }
    const error = written.ok ? new Error("no result") : written.error;
    const kind = classifyDbError(error);
    if (kind === "conflict" && attempt < MAX_TX_ATTEMPTS) {
      // Let the transaction we collided with commit before trying again.
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
      continue;
    }
    if (kind === "unavailable") {
      availability?.markUnavailable(Date.now());
      return { httpStatus: 503, outcome: "database_unavailable" };
    }
    deps.log.error("webhook processing failed", { eventId: record.eventId, type: record.type, error: describe(error) });
    const recorded = await committer.run((tx) => recordFailure(tx, record, error, started));
    if (!recorded.ok) deps.log.error("webhook: could not record the failure", { eventId: record.eventId, error: describe(recorded.error) });
    return { httpStatus: 500, outcome: "failed", eventId: record.eventId };
  }
}

/** What one delivery wrote in a batch: its outcome, the timeline rows to publish, its event row to time. */
type Written = { outcome: StoredOutcome; change: ActivityChange; timed: { eventRowId: number; started: number } | null };

/** Group commit (lib/webhooks/group-commit.ts): at most this many deliveries per transaction. PostgreSQL keeps
 * 64 subtransactions per transaction in shared memory; more would slow every other session's snapshots. */
const MAX_BATCH = 50;
/** Under load, a batch waits at most this long for deliveries on their way before it starts. */
const MAX_BATCH_WAIT_MS = 5;

const committers = new WeakMap<object, GroupCommitter<Written | null>>();

function groupCommitterFor(db: AppDatabase): GroupCommitter<Written | null> {
  let committer = committers.get(db.prisma);
  if (!committer) {
    committer = createGroupCommitter<Written | null>(db.prisma, {
      maxBatch: MAX_BATCH,
      maxWaitMs: MAX_BATCH_WAIT_MS,
      transaction: { maxWait: 10_000, timeout: 15_000 },
      // A 200 promises a durable row: every commit reaches the disk (FULL also fsyncs the WAL on commit).
      prepare: db.dialect === "sqlite" ? async () => void (await db.prisma.$executeRawUnsafe("PRAGMA synchronous = FULL")) : undefined,
      beforeCommit: (tx, values) => finishBatch(tx, db, values.filter((v): v is Written => v !== null)),
      // A database that is gone answers every member 503 now, rather than one after another.
      retryAlone: (error) => classifyDbError(error) !== "unavailable",
    });
    committers.set(db.prisma, committer);
  }
  return committer;
}

/** Batches written so far by this process for this database (tests). */
export function groupCommitStats(db: AppDatabase): { batches: number; members: number; largest: number } {
  return groupCommitterFor(db).stats();
}

/**
 * Once per batch, just before its commit: the processing time of every delivery in it (receipt to
 * commit) in one statement, and one live-update NOTIFY for all of its timeline rows (PostgreSQL).
 */
async function finishBatch(tx: Tx, db: AppDatabase, written: Written[]): Promise<void> {
  const timed = written.flatMap((w) => (w.timed ? [w.timed] : []));
  if (timed.length > 0) {
    const cases = Prisma.join(
      timed.map((t) => Prisma.sql`WHEN ${t.eventRowId} THEN CAST(${elapsedMs(t.started)} AS DOUBLE PRECISION)`),
      " ",
    );
    const ids = Prisma.join(timed.map((t) => t.eventRowId));
    await tx.$executeRaw`UPDATE "WebhookEvent" SET "processingMs" = CASE "id" ${cases} END WHERE "id" IN (${ids})`;
  }
  await notifyActivityInTransaction(tx, db, { ids: written.flatMap((w) => w.change.ids) });
}

type EventRecord = {
  eventId: string;
  deliveryId: string | null;
  type: string;
  apiVersion: string | null;
  signatureScheme: string;
  status: "processed" | "ignored" | "invalid";
  resourceId: string | null;
  occurredAt: Date | null;
  receivedAt: Date;
  lastError: string | null;
  headers: string;
  rawBody: string;
};

function buildEventRecord(input: {
  normalized: NormalizeResult;
  body: string;
  headers: Headers;
  scheme: string;
  deliveryId: string | null;
  now: Date;
}): EventRecord {
  const { normalized } = input;
  const envelope = normalized.envelope;
  const kept: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = input.headers.get(name);
    if (value !== null) kept[name] = value.slice(0, 500);
  }
  return {
    // A signed body without a usable id still needs a stable key: its digest dedupes redeliveries.
    eventId: envelope.eventId ?? `sha256:${createHash("sha256").update(input.body).digest("hex")}`,
    deliveryId: input.deliveryId,
    type: envelope.type ?? "(unreadable)",
    apiVersion: envelope.apiVersion ?? null,
    signatureScheme: input.scheme,
    status: normalized.ok ? "processed" : normalized.reason === "invalid" ? "invalid" : "ignored",
    resourceId: envelope.resourceId ?? null,
    occurredAt: envelope.occurredAt ?? null,
    receivedAt: input.now,
    // Why an event was not applied: the validation error, or why a known type was ignored.
    // (A JSON parser's message quotes the body, NULs included.)
    lastError: storableText(normalized.ok ? "" : normalized.reason === "invalid" ? normalized.error : normalized.reason === "ignored" ? normalized.note : "") || null,
    headers: JSON.stringify(kept),
    rawBody: storableText(input.body),
  };
}

async function recordAndApply(tx: Tx, record: EventRecord, normalized: NormalizeResult, db: AppDatabase, started: number): Promise<Written> {
  const nothing: ActivityChange = { ids: [] };
  // Native upsert on PostgreSQL (INSERT … ON CONFLICT DO UPDATE): concurrent copies wait on the
  // unique index and then count as duplicates. A fresh row comes back with duplicates = 0.
  // Raw rather than Prisma's upsert (the same one statement): on this hot path Prisma's query
  // building cost more JavaScript than SQLite spent writing the row (issue 14).
  const now = new Date();
  const [inserted] = await tx.$queryRaw<{ id: number | bigint; status: string; duplicates: number | bigint }[]>`INSERT INTO "WebhookEvent"
      ("eventId", "deliveryId", "type", "apiVersion", "signatureScheme", "status", "resourceId", "occurredAt", "receivedAt", "processedAt",
       "lastError", "headers", "rawBody", "createdAt", "updatedAt")
    VALUES (${record.eventId}, ${record.deliveryId}, ${record.type}, ${record.apiVersion}, ${record.signatureScheme}, ${record.status},
      ${record.resourceId}, ${record.occurredAt}, ${record.receivedAt}, ${record.receivedAt}, ${record.lastError}, ${record.headers},
      ${record.rawBody}, ${now}, ${now})
    ON CONFLICT ("eventId") DO UPDATE SET "duplicates" = "WebhookEvent"."duplicates" + 1, "lastDeliveryId" = ${record.deliveryId},
      "lastReceivedAt" = ${record.receivedAt}, "updatedAt" = ${now}
    RETURNING "id", "status", "duplicates"`;
  const row = { id: Number(inserted!.id), status: inserted!.status, duplicates: Number(inserted!.duplicates) };
  if (row.duplicates > 0) {
    if (row.status !== "failed") return { outcome: "duplicate", change: nothing, timed: null };
    // An earlier attempt failed and was recorded as such: this redelivery processes it again.
    await tx.webhookEvent.update({
      where: { id: row.id },
      data: {
        duplicates: { decrement: 1 },
        attempts: { increment: 1 },
        status: record.status,
        lastError: record.lastError,
        processedAt: record.receivedAt,
      },
    });
  }
  // The batch sends one NOTIFY for all of its deliveries (finishBatch).
  const change = normalized.ok ? await applyNormalizedEvent(tx, db, normalized.event, normalized.envelope, { notify: false }) : nothing;
  // The event log shows how long processing took (and the metrics endpoint its histogram): set at commit.
  return { outcome: record.status, change, timed: { eventRowId: row.id, started } };
}

/** Keeps a visible trace of a delivery whose processing failed; the next delivery retries it. */
async function recordFailure(tx: Tx, record: EventRecord, error: unknown, started: number): Promise<null> {
  const lastError = describe(error).slice(0, 2000);
  const processingMs = elapsedMs(started);
  const existing = await tx.webhookEvent.findUnique({ where: { eventId: record.eventId }, select: { id: true, status: true } });
  if (!existing) {
    await tx.webhookEvent.create({ data: { ...record, status: "failed", lastError, processedAt: null, processingMs } });
  } else if (existing.status === "failed") {
    await tx.webhookEvent.update({ where: { id: existing.id }, data: { lastError, processingMs, attempts: { increment: 1 } } });
  }
  // Otherwise a concurrent copy of this delivery succeeded meanwhile: nothing to record.
  return null;
}

function describe(error: unknown): string {
  if (error instanceof Error) return storableText(`${error.name}: ${error.message}`.replace(/\s+/g, " ").slice(0, 2000));
  return storableText(String(error).slice(0, 2000));
}

function elapsedMs(started: number): number {
  return Math.round((performance.now() - started) * 10) / 10;
}

/** Counted in the database (lib/event-log/rejections.ts); a failure to count never changes the answer. */
async function countRejection(deps: IngestDeps, reason: RejectionReason, now: Date): Promise<void> {
  if (deps.availability?.isHeldOff(now.getTime())) return;
  await recordRejection(deps.db, reason, now).catch((error: unknown) =>
    deps.log.warn("webhook: could not count a rejection", { reason, error: describe(error) }),
  );
}
