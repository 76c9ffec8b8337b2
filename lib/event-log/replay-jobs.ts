import type { AppDatabase } from "../db/types";
import type { Logger } from "../log";
import { eventFilterSchema, type EventFilter } from "./filters";
import { replayEvent, type ReplayOutcome } from "./replay";
import { eventFilterWhere } from "./where";

/**
 * Bulk replay: a ReplayJob row holds the filter, the progress and a cancel flag. The runner walks
 * the matching events in id order (keyset: lastEventId) up to the newest id at start, checks the
 * cancel flag between batches and beats a heartbeat; a job whose heartbeat stops (the instance
 * died) is continued by the scheduler on any instance.
 */
export type ReplayJobStatus = "running" | "done" | "cancelled";

const BATCH = 10;
/** A running job whose heartbeat is older than this lost its runner. */
export const REPLAY_STALE_MS = 60_000;

export async function startReplayJob(db: AppDatabase, filter: EventFilter, createdById: number | null, now: Date): Promise<number> {
  const where = eventFilterWhere(filter, db.dialect);
  const newest = await db.prisma.webhookEvent.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  const maxEventId = newest?.id ?? 0;
  const total = await db.prisma.webhookEvent.count({ where: { AND: [where, { id: { lte: maxEventId } }] } });
  const [job] = await db.prisma.$transaction([
    db.prisma.replayJob.create({
      data: { filter: JSON.stringify(filter), status: "running", total, maxEventId, createdById, heartbeatAt: now },
      select: { id: true },
    }),
  ]);
  return job.id;
}

export async function cancelReplayJob(db: AppDatabase, id: number): Promise<boolean> {
  const [result] = await db.prisma.$transaction([
    db.prisma.replayJob.updateMany({ where: { id, status: "running" }, data: { cancelRequested: true } }),
  ]);
  return result.count === 1;
}

export async function getReplayJob(db: AppDatabase, id: number) {
  return db.prisma.replayJob.findUnique({ where: { id } });
}

export async function listRecentReplayJobs(db: AppDatabase, limit = 5) {
  return db.prisma.replayJob.findMany({ orderBy: { id: "desc" }, take: limit });
}

export type ReplayJobRow = NonNullable<Awaited<ReturnType<typeof getReplayJob>>>;

/** Runs (or continues) a job to its end; returns its final status. `clock` is read for each step. */
export async function runReplayJob(
  db: AppDatabase,
  id: number,
  options: { clock?: () => Date; log?: Logger; pauseMs?: number } = {},
): Promise<ReplayJobStatus> {
  const clock = options.clock ?? (() => new Date());
  for (;;) {
    const job = await db.prisma.replayJob.findUnique({ where: { id } });
    if (!job) throw new Error(`replay job ${id} does not exist`);
    if (job.status !== "running") return job.status as ReplayJobStatus;
    if (job.cancelRequested) {
      await finish(db, id, "cancelled", clock());
      return "cancelled";
    }
    const filter = eventFilterSchema.parse(JSON.parse(job.filter));
    const batch = await db.prisma.webhookEvent.findMany({
      where: { AND: [eventFilterWhere(filter, db.dialect), { id: { gt: job.lastEventId, lte: job.maxEventId } }] },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true },
    });
    if (batch.length === 0) {
      await finish(db, id, "done", clock());
      return "done";
    }
    const tally: Record<"processed" | "unchanged" | "failed", number> = { processed: 0, unchanged: 0, failed: 0 };
    for (const { id: eventId } of batch) {
      const result = await replayEvent(db, eventId, clock(), options.log);
      tally[bucket(result.outcome)]++;
    }
    await db.prisma.$transaction([
      db.prisma.replayJob.update({
        where: { id },
        data: {
          lastEventId: batch.at(-1)!.id,
          done: { increment: batch.length },
          processed: { increment: tally.processed },
          unchanged: { increment: tally.unchanged },
          failed: { increment: tally.failed },
          heartbeatAt: clock(),
        },
        select: { id: true },
      }),
    ]);
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}

function bucket(outcome: ReplayOutcome): "processed" | "unchanged" | "failed" {
  if (outcome === "processed") return "processed";
  if (outcome === "failed" || outcome === "invalid") return "failed";
  return "unchanged";
}

async function finish(db: AppDatabase, id: number, status: ReplayJobStatus, now: Date): Promise<void> {
  await db.prisma.$transaction([
    db.prisma.replayJob.updateMany({ where: { id, status: "running" }, data: { status, finishedAt: now, heartbeatAt: now } }),
  ]);
}

/**
 * Claims one running job whose runner stopped beating (the instance restarted) and returns its id,
 * or null. The claim is a guarded update on the old heartbeat, so two instances never both take it.
 */
export async function claimStaleReplayJob(db: AppDatabase, now: Date): Promise<number | null> {
  const stale = await db.prisma.replayJob.findFirst({
    where: { status: "running", heartbeatAt: { lt: new Date(now.getTime() - REPLAY_STALE_MS) } },
    orderBy: { id: "asc" },
    select: { id: true, heartbeatAt: true },
  });
  if (!stale) return null;
  const [claimed] = await db.prisma.$transaction([
    db.prisma.replayJob.updateMany({ where: { id: stale.id, heartbeatAt: stale.heartbeatAt }, data: { heartbeatAt: now } }),
  ]);
  return claimed.count === 1 ? stale.id : null;
}
