import type { AppDatabase } from "../db/types";
import { incrementCounter } from "../ops/counters";

const BATCH = 500;

/**
 * Retention: empties the raw body of processed events received more than `olderThanDays` ago and
 * marks them pruned. The event row (ids, type, outcome, timings) and the domain data stay. Works
 * in batches by id so a large backlog never holds one long write lock.
 */
export async function pruneEventBodies(db: AppDatabase, { olderThanDays, now }: { olderThanDays: number; now: Date }): Promise<{ pruned: number }> {
  const cutoff = new Date(now.getTime() - olderThanDays * 86_400_000);
  let pruned = 0;
  let afterId = 0;
  for (;;) {
    const batch = await db.prisma.webhookEvent.findMany({
      where: { id: { gt: afterId }, status: "processed", receivedAt: { lt: cutoff }, bodyPrunedAt: null },
      orderBy: { id: "asc" },
      take: BATCH,
      select: { id: true },
    });
    if (batch.length === 0) break;
    afterId = batch.at(-1)!.id;
    const [result] = await db.prisma.$transaction([
      db.prisma.webhookEvent.updateMany({
        where: { id: { in: batch.map((e) => e.id) }, status: "processed", bodyPrunedAt: null },
        data: { rawBody: "", bodyPrunedAt: now },
      }),
    ]);
    pruned += result.count;
  }
  await incrementCounter(db, "retention:pruned", pruned);
  return { pruned };
}
