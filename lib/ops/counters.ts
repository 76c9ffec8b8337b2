import type { AppDatabase } from "../db/types";
import { classifyDbError } from "../webhooks/db-errors";

/** Counter names kept in OpsCounter; `<family>:<label>` so the metrics endpoint can split them. */
export type OpsCounterName = `replay:${string}` | `backfill:${string}` | `alerts:${string}` | `retention:${string}`;

/** Adds to a database counter shared by every instance (batch transaction: safe next to SQLite's open transactions). */
export async function incrementCounter(db: AppDatabase, name: OpsCounterName, by = 1): Promise<void> {
  if (by === 0) return;
  for (let attempt = 1; ; attempt++) {
    try {
      await db.prisma.$transaction([
        db.prisma.opsCounter.upsert({
          where: { name },
          create: { name, value: by },
          update: { value: { increment: by } },
          select: { name: true },
        }),
      ]);
      return;
    } catch (error) {
      if (attempt < 3 && classifyDbError(error) === "conflict") continue;
      throw error;
    }
  }
}

/** Every counter of a family, by label: `replay` → { processed: 3, unchanged: 1 }. */
export async function readCounters(db: AppDatabase, family: string): Promise<Record<string, number>> {
  const rows = await db.prisma.opsCounter.findMany({ where: { name: { startsWith: `${family}:` } }, select: { name: true, value: true } });
  return Object.fromEntries(rows.map((r) => [r.name.slice(family.length + 1), r.value]));
}
