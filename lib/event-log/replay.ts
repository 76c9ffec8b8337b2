import type { AppDatabase } from "../db/types";
import { publishActivity, type ActivityChange } from "../live/publish";
import type { Logger } from "../log";
import { normalizeEvent } from "../openphone/events";
import { incrementCounter } from "../ops/counters";
import { applyNormalizedEvent } from "../webhooks/apply-normalized";
import { classifyDbError } from "../webhooks/db-errors";

/**
 * Replay: run a stored event through the receiver's projection again (lib/webhooks/apply-normalized.ts).
 * - processed → nothing is touched and the answer says so (projections ran once already);
 * - failed / invalid / ignored → normalised again (a deploy may have fixed the bug or learnt the
 *   type) and applied in one transaction with a guarded status change, so it applies exactly once
 *   even when OpenPhone redelivers it at the same moment.
 * The result is recorded on the event (replayCount, lastReplayAt, lastReplayResult).
 */
export type ReplayOutcome = "processed" | "unchanged" | "ignored" | "invalid" | "failed" | "missing";
export type ReplayResult = { outcome: ReplayOutcome; message: string };

const MAX_TX_ATTEMPTS = 4;

export async function replayEvent(db: AppDatabase, id: number, now: Date, log?: Logger): Promise<ReplayResult> {
  const result = await replay(db, id, now, log);
  if (result.outcome !== "missing") {
    await incrementCounter(db, `replay:${result.outcome}`).catch(() => undefined);
  }
  return result;
}

async function replay(db: AppDatabase, id: number, now: Date, log?: Logger): Promise<ReplayResult> {
  const event = await db.prisma.webhookEvent.findUnique({
    where: { id },
    select: { id: true, eventId: true, status: true, rawBody: true, bodyPrunedAt: true },
  });
  if (!event) return { outcome: "missing", message: "No such event." };
  if (event.status === "processed") {
    return record(db, id, now, { outcome: "unchanged", message: "Already processed: nothing to do, no data changed." });
  }
  if (event.bodyPrunedAt) {
    return record(db, id, now, { outcome: "unchanged", message: "The body was pruned: nothing to replay." });
  }

  const started = performance.now();
  const normalized = normalizeEvent(event.rawBody);
  if (!normalized.ok) {
    const status = normalized.reason === "unknown_type" ? "ignored" : "invalid";
    const lastError = normalized.reason === "invalid" ? normalized.error : null;
    await db.prisma.$transaction([
      db.prisma.webhookEvent.updateMany({
        where: { id, status: { not: "processed" } },
        data: { status, lastError, ...replayFields(now, status) },
      }),
    ]);
    return {
      outcome: status,
      message: status === "ignored" ? "Still an event type this app does not handle: kept as ignored." : `Still invalid: ${lastError}`,
    };
  }

  for (let attempt = 1; ; attempt++) {
    let change: ActivityChange = { ids: [] };
    try {
      const applied = await db.prisma.$transaction(
        async (tx) => {
          // The guard that makes replay exactly-once: only the transaction that moves the row to
          // processed applies the event (a concurrent redelivery or replay finds it processed).
          const claimed = await tx.webhookEvent.updateMany({
            where: { id, status: { not: "processed" } },
            data: { status: "processed", processedAt: now, lastError: null, ...replayFields(now, "processed") },
          });
          if (claimed.count === 0) return false;
          change = await applyNormalizedEvent(tx, db, normalized.event, normalized.envelope);
          await tx.webhookEvent.update({
            where: { id },
            data: { processingMs: Math.round((performance.now() - started) * 10) / 10 },
            select: { id: true },
          });
          return true;
        },
        { maxWait: 10_000, timeout: 15_000 },
      );
      if (!applied) return record(db, id, now, { outcome: "unchanged", message: "Processed meanwhile by another delivery: nothing to do." });
      publishActivity(db, change);
      return { outcome: "processed", message: "Processed: the event is applied." };
    } catch (error) {
      if (classifyDbError(error) === "conflict" && attempt < MAX_TX_ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
        continue;
      }
      const lastError = describe(error);
      log?.error("replay failed", { eventId: event.eventId, error: lastError });
      await db.prisma.$transaction([
        db.prisma.webhookEvent.updateMany({
          where: { id, status: { not: "processed" } },
          data: { status: "failed", lastError, ...replayFields(now, "failed") },
        }),
      ]);
      return { outcome: "failed", message: `Failed again: ${lastError}` };
    }
  }
}

function replayFields(now: Date, result: string) {
  return { replayCount: { increment: 1 }, lastReplayAt: now, lastReplayResult: result };
}

async function record(db: AppDatabase, id: number, now: Date, result: ReplayResult): Promise<ReplayResult> {
  await db.prisma.$transaction([db.prisma.webhookEvent.updateMany({ where: { id }, data: replayFields(now, result.outcome) })]);
  return result;
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.replace(/\s+/g, " ").slice(0, 2000);
  return String(error).slice(0, 2000);
}
