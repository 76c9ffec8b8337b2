import type { AppDatabase } from "../db/types";
import { parseStringList } from "../db/string-list";
import { acquireJobLock, INSTANCE_ID } from "../ops/job-lock";
import { START } from "./checkpoint";
import { emptyCounts, parseCounts, totalRecovered, type BackfillCounts } from "./counts";

/**
 * Backfill runs are BackfillRun rows (options, checkpoint, counts, gap). One runs at a time across
 * every instance and CLI: the JobLock lease `backfill`, renewed by the runner's heartbeat. A run
 * whose process died keeps status `running` with a stale lease; the next start with the same
 * options continues it from its checkpoint.
 */
export const BACKFILL_LOCK = "backfill";
/** A runner renews its lease well within this; a killed one frees it after this long. */
export const BACKFILL_LOCK_TTL_MS = 20_000;

/** A run's status as stored; the page adds "stalled" for a running row whose runner died. */
export const BACKFILL_RUN_STATUSES = ["running", "done", "failed", "interrupted"] as const;
export type BackfillRunStatus = (typeof BACKFILL_RUN_STATUSES)[number];
export type BackfillRunState = BackfillRunStatus | "stalled";

export function backfillRunState(run: { status: string; stalled: boolean }): BackfillRunState {
  if (run.stalled) return "stalled";
  return (BACKFILL_RUN_STATUSES as readonly string[]).includes(run.status) ? (run.status as BackfillRunStatus) : "interrupted";
}

export type BackfillOptions = {
  since: Date | null;
  until: Date | null;
  /** PN… ids; empty for every workspace number. */
  phoneNumberIds: string[];
  dryRun: boolean;
  /** The legacy → 2026 switch window this run fetches. */
  switchId?: number | null;
};

export type StartResult =
  | { ok: true; runId: number; resumed: boolean }
  | { ok: false; reason: "busy"; runId: number | null; heartbeatAt: Date | null };

function sameOptions(run: { since: Date | null; until: Date | null; phoneNumberIds: string | null; dryRun: boolean }, options: BackfillOptions): boolean {
  const numbers = run.phoneNumberIds ? parseStringList(run.phoneNumberIds) : [];
  return (
    (run.since?.getTime() ?? null) === (options.since?.getTime() ?? null) &&
    (run.until?.getTime() ?? null) === (options.until?.getTime() ?? null) &&
    run.dryRun === options.dryRun &&
    numbers.slice().sort().join(",") === options.phoneNumberIds.slice().sort().join(",")
  );
}

/**
 * Takes the backfill lease and returns the run to execute: the unfinished run (killed or failed)
 * with the same options, continued from its checkpoint, or a new one. Busy when another runner
 * holds the lease.
 */
export async function startBackfill(
  db: AppDatabase,
  options: BackfillOptions,
  now: Date,
  createdById: number | null = null,
  holder = INSTANCE_ID,
): Promise<StartResult> {
  const lock = await acquireJobLock(db, BACKFILL_LOCK, now, BACKFILL_LOCK_TTL_MS, holder);
  // A run with a live heartbeat is busy even when the lease is ours: a second click on the same instance.
  const live = await db.prisma.backfillRun.findFirst({
    where: { status: "running", heartbeatAt: { gt: new Date(now.getTime() - BACKFILL_LOCK_TTL_MS) } },
    orderBy: { id: "desc" },
    select: { id: true, heartbeatAt: true },
  });
  if (!lock.acquired || live) {
    const running = live ?? (await db.prisma.backfillRun.findFirst({ where: { status: "running" }, orderBy: { id: "desc" }, select: { id: true, heartbeatAt: true } }));
    return { ok: false, reason: "busy", runId: running?.id ?? null, heartbeatAt: running?.heartbeatAt ?? null };
  }
  const candidates = await db.prisma.backfillRun.findMany({
    where: { status: { in: ["running", "failed"] }, finishedAt: null },
    orderBy: { id: "desc" },
    take: 20,
    select: { id: true, since: true, until: true, phoneNumberIds: true, dryRun: true, switchId: true },
  });
  const unfinished = candidates.find((run) => sameOptions(run, options) && (run.switchId ?? null) === (options.switchId ?? null));
  if (unfinished) {
    await db.prisma.$transaction([
      db.prisma.backfillRun.updateMany({ where: { status: "running", id: { not: unfinished.id } }, data: { status: "interrupted", finishedAt: now } }),
      db.prisma.backfillRun.update({ where: { id: unfinished.id }, data: { status: "running", error: null, heartbeatAt: now }, select: { id: true } }),
    ]);
    return { ok: true, runId: unfinished.id, resumed: true };
  }
  const [, created] = await db.prisma.$transaction([
    // A run left behind with other options is closed, so only one run is ever "running".
    db.prisma.backfillRun.updateMany({ where: { status: "running" }, data: { status: "interrupted", finishedAt: now } }),
    db.prisma.backfillRun.create({
      data: {
        status: "running",
        dryRun: options.dryRun,
        since: options.since,
        until: options.until,
        phoneNumberIds: options.phoneNumberIds.length > 0 ? JSON.stringify(options.phoneNumberIds) : null,
        switchId: options.switchId ?? null,
        checkpoint: JSON.stringify(START),
        counts: JSON.stringify(emptyCounts()),
        createdById,
        heartbeatAt: now,
      },
      select: { id: true },
    }),
  ]);
  return { ok: true, runId: created.id, resumed: false };
}

const runSelect = {
  id: true,
  status: true,
  dryRun: true,
  since: true,
  until: true,
  phoneNumberIds: true,
  switchId: true,
  checkpoint: true,
  counts: true,
  requests: true,
  gapFrom: true,
  gapTo: true,
  error: true,
  heartbeatAt: true,
  finishedAt: true,
  acknowledgedAt: true,
  createdAt: true,
} as const;

export type BackfillRunView = {
  id: number;
  status: string;
  /** A run marked running whose heartbeat stopped: its process died; starting the same backfill continues it. */
  stalled: boolean;
  dryRun: boolean;
  since: Date | null;
  until: Date | null;
  phoneNumberIds: string[];
  switchId: number | null;
  counts: BackfillCounts;
  recovered: number;
  requests: number;
  gapFrom: Date | null;
  gapTo: Date | null;
  error: string | null;
  heartbeatAt: Date;
  finishedAt: Date | null;
  acknowledgedAt: Date | null;
  createdAt: Date;
};

function findRunRow(db: AppDatabase, id: number) {
  return db.prisma.backfillRun.findUnique({ where: { id }, select: runSelect });
}
type RunRow = NonNullable<Awaited<ReturnType<typeof findRunRow>>>;

function view(row: RunRow, now: Date): BackfillRunView {
  const counts = parseCounts(row.counts);
  return {
    id: row.id,
    status: row.status,
    stalled: row.status === "running" && now.getTime() - row.heartbeatAt.getTime() > BACKFILL_LOCK_TTL_MS,
    dryRun: row.dryRun,
    since: row.since,
    until: row.until,
    phoneNumberIds: row.phoneNumberIds ? parseStringList(row.phoneNumberIds) : [],
    switchId: row.switchId,
    counts,
    recovered: totalRecovered(counts),
    requests: row.requests,
    gapFrom: row.gapFrom,
    gapTo: row.gapTo,
    error: row.error,
    heartbeatAt: row.heartbeatAt,
    finishedAt: row.finishedAt,
    acknowledgedAt: row.acknowledgedAt,
    createdAt: row.createdAt,
  };
}

export async function getBackfillRun(db: AppDatabase, id: number, now = new Date()): Promise<BackfillRunView | null> {
  const row = await findRunRow(db, id);
  return row ? view(row, now) : null;
}

export async function listBackfillRuns(db: AppDatabase, limit = 10, now = new Date()): Promise<BackfillRunView[]> {
  const rows = await db.prisma.backfillRun.findMany({ orderBy: { id: "desc" }, take: limit, select: runSelect });
  return rows.map((row) => view(row, now));
}

/** The newest finished real (not dry) run, for /api/health. */
export async function getLastBackfill(db: AppDatabase): Promise<{ finishedAt: Date | null; status: string; recovered: number; gapFrom: Date | null; gapTo: Date | null } | null> {
  const row = await db.prisma.backfillRun.findFirst({
    where: { dryRun: false, status: { in: ["done", "failed"] } },
    orderBy: { id: "desc" },
    select: { finishedAt: true, status: true, counts: true, gapFrom: true, gapTo: true },
  });
  return row ? { finishedAt: row.finishedAt, status: row.status, recovered: totalRecovered(parseCounts(row.counts)), gapFrom: row.gapFrom, gapTo: row.gapTo } : null;
}

export type BackfillGap = { runId: number; from: Date; to: Date; counts: BackfillCounts; recovered: number; finishedAt: Date | null };

/** Gaps found by real runs that no admin has dismissed yet, newest first: each means webhooks were lost. */
export async function listUnacknowledgedGaps(db: AppDatabase, limit = 3): Promise<BackfillGap[]> {
  const rows = await db.prisma.backfillRun.findMany({
    where: { dryRun: false, acknowledgedAt: null, gapFrom: { not: null }, status: { not: "running" } },
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, gapFrom: true, gapTo: true, counts: true, finishedAt: true },
  });
  return rows.map((row) => {
    const counts = parseCounts(row.counts);
    return { runId: row.id, from: row.gapFrom!, to: row.gapTo ?? row.gapFrom!, counts, recovered: totalRecovered(counts), finishedAt: row.finishedAt };
  });
}

export async function acknowledgeBackfillGaps(db: AppDatabase, now: Date): Promise<number> {
  const [result] = await db.prisma.$transaction([
    db.prisma.backfillRun.updateMany({ where: { acknowledgedAt: null, gapFrom: { not: null } }, data: { acknowledgedAt: now } }),
  ]);
  return result.count;
}

/** The options a run was started with, to continue it from its checkpoint. */
export async function backfillRunOptions(db: AppDatabase, id: number): Promise<BackfillOptions | null> {
  const row = await db.prisma.backfillRun.findUnique({ where: { id }, select: { since: true, until: true, phoneNumberIds: true, dryRun: true, switchId: true, finishedAt: true } });
  if (!row || row.finishedAt) return null;
  return {
    since: row.since,
    until: row.until,
    phoneNumberIds: row.phoneNumberIds ? parseStringList(row.phoneNumberIds) : [],
    dryRun: row.dryRun,
    switchId: row.switchId,
  };
}

/** The legacy → 2026 switch windows recorded by Admin → Webhooks, newest first. */
export async function listSwitchWindows(db: AppDatabase, limit = 3) {
  return db.prisma.webhookSwitch.findMany({
    orderBy: { id: "desc" },
    take: limit,
    select: { id: true, startedAt: true, completedAt: true, backfilledAt: true },
  });
}

/** A switch window as backfill options: from its start to its end (or now, when it never completed), a minute either side. */
export async function switchWindowOptions(db: AppDatabase, switchId: number, now: Date): Promise<BackfillOptions | null> {
  const row = await db.prisma.webhookSwitch.findUnique({ where: { id: switchId }, select: { startedAt: true, completedAt: true } });
  if (!row) return null;
  const margin = 60_000;
  return {
    since: new Date(row.startedAt.getTime() - margin),
    until: new Date((row.completedAt ?? now).getTime() + margin),
    phoneNumberIds: [],
    dryRun: false,
    switchId,
  };
}
