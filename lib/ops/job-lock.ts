import { randomBytes } from "node:crypto";
import type { AppDatabase } from "../db/types";

/** This process's name in JobLock rows. */
export const INSTANCE_ID = `${process.pid}-${randomBytes(4).toString("hex")}`;

/**
 * Takes (or renews) the lease `name` for `ttlMs` when it is free, expired or already ours. A guarded
 * update, so of several instances exactly one holds it at a time. Returns the lease's lastRunAt.
 */
export async function acquireJobLock(
  db: Pick<AppDatabase, "prisma">,
  name: string,
  now: Date,
  ttlMs: number,
  holder = INSTANCE_ID,
): Promise<{ acquired: boolean; lastRunAt: Date | null }> {
  try {
    await db.prisma.$transaction([
      db.prisma.jobLock.upsert({ where: { name }, create: { name, holder: "", expiresAt: new Date(0) }, update: {}, select: { id: true } }),
    ]);
  } catch {
    // Created by another instance at the same moment.
  }
  const [taken] = await db.prisma.$transaction([
    db.prisma.jobLock.updateMany({
      where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] },
      data: { holder, expiresAt: new Date(now.getTime() + ttlMs) },
    }),
  ]);
  if (taken.count === 0) return { acquired: false, lastRunAt: null };
  const row = await db.prisma.jobLock.findUnique({ where: { name }, select: { lastRunAt: true } });
  return { acquired: true, lastRunAt: row?.lastRunAt ?? null };
}

export async function markJobRun(db: AppDatabase, name: string, now: Date, holder = INSTANCE_ID): Promise<void> {
  await db.prisma.$transaction([db.prisma.jobLock.updateMany({ where: { name, holder }, data: { lastRunAt: now } })]);
}

export async function releaseJobLock(db: Pick<AppDatabase, "prisma">, name: string, holder = INSTANCE_ID): Promise<void> {
  await db.prisma.$transaction([db.prisma.jobLock.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } })]);
}
