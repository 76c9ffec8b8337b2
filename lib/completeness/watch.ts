import type { AppDatabase } from "../db/types";
import { publishActivity, type ActivityChange } from "../live/publish";
import type { Logger } from "../log";
import { OpenPhoneApiError } from "../openphone/api/errors";
import { normalizeEvent } from "../openphone/events";
import { acquireJobLock, INSTANCE_ID, markJobRun, releaseJobLock } from "../ops/job-lock";
import { applyNormalizedEvent } from "../webhooks/apply-normalized";
import { classifyDbError } from "../webhooks/db-errors";
import { fetchArtifact, type ArtifactClient } from "./fetch";
import { getArtifactEvidence, presentPieces, PRESENCE_SELECT } from "./queries";
import { ARTIFACT_KINDS, backoffMs, expectedKinds, lookbackMs, NO_EVIDENCE, type ArtifactKind, type ExpectSetting } from "./rules";

export type CompletenessConfig = {
  delayMinutes: number;
  maxAttempts: number;
  expect: ExpectSetting;
  /** null when no OPENPHONE_API_KEY is set: the watch still tracks what is missing, but fetches nothing. */
  client: ArtifactClient | null;
  /** Fetches per run at most (the client keeps to 10 requests/second). */
  maxFetches?: number;
};

export type CompletenessReport = {
  /** False when another instance holds the lock. */
  ran: boolean;
  /** Missing pieces the watch started tracking. */
  tracked: number;
  /** Tracked pieces that arrived by webhook meanwhile. */
  arrived: number;
  /** Pieces fetched from the API and applied, by kind. */
  fetched: Record<ArtifactKind, number>;
  /** Fetches that found nothing (or failed) and were rescheduled. */
  retrying: number;
  /** Pieces given up on (shown as not available). */
  gaveUp: number;
  /** API requests made. */
  requests: number;
  /** Why the run stopped fetching early (rate limit, rejected key), or null. */
  stopped: string | null;
};

export const COMPLETENESS_LOCK = "completeness";
const LOCK_TTL_MS = 10 * 60_000;
const DEFAULT_MAX_FETCHES = 200;
const SCAN_PAGE = 500;
const FULL_SCAN_EVERY_MS = 60 * 60_000;
const CLOCK_MARGIN_MS = 2 * 60_000;

/**
 * One pass of the completeness watch, on one instance at a time (a lease in JobLock):
 * 1. track: rows whose piece has arrived are resolved; every recently finished call whose expected
 *    pieces are missing gets a pending row per piece, due COMPLETENESS_DELAY_MINUTES after the call ended;
 * 2. fetch: each due row is fetched from the API once, then again after 2×, 4×, … the delay, and
 *    given up after COMPLETENESS_MAX_ATTEMPTS. A found piece goes through the receiver's projection.
 */
export async function runCompletenessWatch(
  db: AppDatabase,
  now: Date,
  config: CompletenessConfig,
  options: { holder?: string; log?: Logger } = {},
): Promise<CompletenessReport> {
  const holder = options.holder ?? INSTANCE_ID;
  const report: CompletenessReport = {
    ran: false,
    tracked: 0,
    arrived: 0,
    fetched: Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>,
    retrying: 0,
    gaveUp: 0,
    requests: 0,
    stopped: null,
  };
  const lock = await acquireJobLock(db, COMPLETENESS_LOCK, now, LOCK_TTL_MS, holder);
  if (!lock.acquired) return report;
  report.ran = true;
  try {
    // A full scan at most hourly (and whenever what the workspace produces may have changed since);
    // in between only calls changed since (Call.updatedAt, with a margin for clock skew between instances).
    const full = !lock.lastRunAt || now.getTime() - lock.lastRunAt.getTime() >= FULL_SCAN_EVERY_MS || now < lock.lastRunAt;
    await track(db, now, config, report, full ? null : new Date(lock.lastRunAt!.getTime() - CLOCK_MARGIN_MS));
    if (full) await markJobRun(db, COMPLETENESS_LOCK, now, holder);
    await fetchDue(db, now, config, report, options.log);
    return report;
  } finally {
    await releaseJobLock(db, COMPLETENESS_LOCK, holder);
  }
}

async function track(db: AppDatabase, now: Date, config: CompletenessConfig, report: CompletenessReport, changedSince: Date | null): Promise<void> {
  const delayMs = config.delayMinutes * 60_000;
  const horizon = new Date(now.getTime() - lookbackMs(delayMs, config.maxAttempts));

  // Pending pieces that have arrived meanwhile (by webhook, a replay or the backfill).
  for (let afterId = 0; ; ) {
    const rows = await db.prisma.callArtifactWatch.findMany({
      where: { id: { gt: afterId }, status: "pending" },
      orderBy: { id: "asc" },
      take: SCAN_PAGE,
      select: { id: true, kind: true, call: { select: PRESENCE_SELECT } },
    });
    const arrived = rows.filter((row) => presentPieces(row.call)[row.kind]).map((row) => row.id);
    if (arrived.length > 0) {
      const [resolved] = await db.prisma.$transaction([
        db.prisma.callArtifactWatch.updateMany({
          where: { id: { in: arrived }, status: "pending" },
          data: { status: "arrived", resolvedAt: now, nextAttemptAt: null },
        }),
      ]);
      report.arrived += resolved.count;
    }
    if (rows.length < SCAN_PAGE) break;
    afterId = rows[rows.length - 1]!.id;
  }

  // Finished calls with an expected piece missing and not yet tracked: every call in the lookback on
  // a full scan, otherwise only the calls that changed since the last full scan.
  const evidence = config.expect === "auto" ? await getArtifactEvidence(db) : NO_EVIDENCE;
  const creates: { callId: number; kind: ArtifactKind; dueAt: Date; status: "pending"; nextAttemptAt: Date }[] = [];
  // In pages: the related rows are loaded with one IN (…) per relation, and SQLite caps parameters.
  for (let afterId = 0; ; ) {
    const calls = await db.prisma.call.findMany({
      where: {
        id: { gt: afterId },
        completedAt: { gte: horizon },
        outcome: { in: ["answered", "voicemail"] },
        ...(changedSince ? { updatedAt: { gte: changedSince } } : {}),
      },
      orderBy: { id: "asc" },
      take: SCAN_PAGE,
      select: { id: true, outcome: true, completedAt: true, phoneNumberId: true, ...PRESENCE_SELECT, artifactWatches: { select: { kind: true } } },
    });
    for (const call of calls) {
      const present = presentPieces(call);
      for (const kind of expectedKinds({ ...call, completedAt: call.completedAt!, present }, config.expect, evidence)) {
        if (present[kind] || call.artifactWatches.some((w) => w.kind === kind)) continue;
        const dueAt = new Date(call.completedAt!.getTime() + delayMs);
        creates.push({ callId: call.id, kind, dueAt, status: "pending", nextAttemptAt: dueAt });
      }
    }
    if (calls.length < SCAN_PAGE) break;
    afterId = calls[calls.length - 1]!.id;
  }
  for (let i = 0; i < creates.length; i += SCAN_PAGE) {
    const batch = creates.slice(i, i + SCAN_PAGE);
    try {
      await db.prisma.$transaction([db.prisma.callArtifactWatch.createMany({ data: batch })]);
    } catch (error) {
      if (classifyDbError(error) !== "conflict") throw error;
      // A runner whose lease expired created some of them meanwhile: one by one, leaving those as they are.
      for (const row of batch) {
        await db.prisma.$transaction([
          db.prisma.callArtifactWatch.upsert({ where: { callId_kind: { callId: row.callId, kind: row.kind } }, create: row, update: {}, select: { id: true } }),
        ]);
      }
    }
    report.tracked += batch.length;
  }

  // Without an API key nothing is ever fetched: past the lookback a piece stops counting as overdue.
  const [expired] = await db.prisma.$transaction([
    db.prisma.callArtifactWatch.updateMany({
      where: { status: "pending", dueAt: { lt: horizon } },
      data: { status: "unavailable", resolvedAt: now, nextAttemptAt: null, lastError: "no longer watched (older than the lookback)" },
    }),
  ]);
  report.gaveUp += expired.count;
}

async function fetchDue(db: AppDatabase, now: Date, config: CompletenessConfig, report: CompletenessReport, log?: Logger): Promise<void> {
  const client = config.client;
  if (!client) return;
  const delayMs = config.delayMinutes * 60_000;
  const due = await db.prisma.callArtifactWatch.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: config.maxFetches ?? DEFAULT_MAX_FETCHES,
    select: { id: true, kind: true, attempts: true, call: { select: { openphoneId: true } } },
  });
  for (const row of due) {
    const attempt = row.attempts + 1;
    const last = attempt >= config.maxAttempts;
    // Claim this backoff step before asking: a second runner (an expired lease) finds it taken.
    const [claimed] = await db.prisma.$transaction([
      db.prisma.callArtifactWatch.updateMany({
        where: { id: row.id, status: "pending", attempts: row.attempts },
        data: { attempts: attempt, lastAttemptAt: now, nextAttemptAt: last ? null : new Date(now.getTime() + backoffMs(attempt, delayMs)) },
      }),
    ]);
    if (claimed.count === 0) continue;

    let outcome: { found: true; change: ActivityChange } | { found: false; reason: string };
    try {
      report.requests++;
      const fetched = await fetchArtifact(client, row.kind, row.call.openphoneId, now);
      outcome = fetched.found ? { found: true, change: await applyFetched(db, row.id, fetched.body, now) } : fetched;
    } catch (error) {
      if (error instanceof OpenPhoneApiError && (error.kind === "rate_limited" || error.kind === "unauthorized")) {
        // A rate limit or a rejected key is not this piece's fault: give the step back and stop asking for
        // now. (A 403 does count against the piece: a plan may lack transcripts.)
        await db.prisma.$transaction([
          db.prisma.callArtifactWatch.updateMany({
            where: { id: row.id, attempts: attempt },
            data: { attempts: row.attempts, nextAttemptAt: now, lastError: error.message },
          }),
        ]);
        report.stopped = error.message;
        log?.warn("completeness watch stopped", { error: error.message });
        return;
      }
      outcome = { found: false, reason: error instanceof Error ? error.message : String(error) };
    }

    if (outcome.found) {
      report.fetched[row.kind]++;
      publishActivity(db, outcome.change);
      continue;
    }
    await db.prisma.$transaction([
      db.prisma.callArtifactWatch.updateMany({
        where: { id: row.id, status: "pending" },
        data: last
          ? { status: "unavailable", resolvedAt: now, lastError: outcome.reason.slice(0, 500) }
          : { lastError: outcome.reason.slice(0, 500) },
      }),
    ]);
    if (last) report.gaveUp++;
    else report.retrying++;
  }
}

/** Applies a fetched piece through the receiver's projection and marks it fetched, in one transaction. */
async function applyFetched(db: AppDatabase, watchId: number, body: string, now: Date): Promise<ActivityChange> {
  const normalized = normalizeEvent(body);
  if (!normalized.ok) throw new Error(`OpenPhone's answer could not be applied: ${normalized.reason === "invalid" ? normalized.error : normalized.reason}`);
  return db.prisma.$transaction(
    async (tx) => {
      const change = await applyNormalizedEvent(tx, db, normalized.event, normalized.envelope);
      await tx.callArtifactWatch.update({ where: { id: watchId }, data: { status: "fetched", resolvedAt: now, nextAttemptAt: null, lastError: null } });
      return change;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}
