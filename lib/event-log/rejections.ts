import type { AppDatabase } from "../db/types";
import type { SignatureFailureReason } from "../openphone/signature";
import { classifyDbError } from "../webhooks/db-errors";

/** Why a delivery was turned away before anything was stored. */
export type RejectionReason = Exclude<SignatureFailureReason, "no_secret_configured"> | "too_large";

export const REJECTION_REASONS: readonly RejectionReason[] = [
  "missing_signature",
  "malformed_signature",
  "timestamp_out_of_range",
  "signature_mismatch",
  "too_large",
];

const REJECTION_LABELS: Record<RejectionReason, string> = {
  missing_signature: "No signature",
  malformed_signature: "Malformed signature",
  timestamp_out_of_range: "Stale or future timestamp",
  signature_mismatch: "Bad signature",
  too_large: "Over the size cap",
};

export function rejectionLabel(reason: string): string {
  return REJECTION_LABELS[reason as RejectionReason] ?? reason;
}

/** The start of the UTC hour `now` falls in: the bucket every instance adds to. */
export function hourBucket(now: Date): Date {
  const hour = new Date(now.getTime());
  hour.setUTCMinutes(0, 0, 0);
  return hour;
}

/**
 * Adds one to the (hour, reason) count in the database, so every instance adds to one number and a
 * restart loses nothing. A batch transaction: on SQLite it queues behind an open interactive
 * transaction instead of riding (and possibly being rolled back with) it.
 */
export async function recordRejection(db: AppDatabase, reason: RejectionReason, now: Date): Promise<void> {
  const hour = hourBucket(now);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.prisma.$transaction([
        db.prisma.webhookRejection.upsert({
          where: { hour_reason: { hour, reason } },
          create: { hour, reason, count: 1 },
          update: { count: { increment: 1 } },
          select: { id: true },
        }),
      ]);
      return;
    } catch (error) {
      // Two instances creating the same hour's row at once: the loser updates it on the next try.
      if (attempt < 3 && classifyDbError(error) === "conflict") continue;
      throw error;
    }
  }
}

export type RejectionHour = { hour: Date; counts: Partial<Record<string, number>>; total: number };

/** Rejections per hour for the last `hours` hours (oldest first, empty hours included). */
export async function listRejectionsByHour(db: AppDatabase, now: Date, hours = 24): Promise<RejectionHour[]> {
  const last = hourBucket(now);
  const first = new Date(last.getTime() - (hours - 1) * 3_600_000);
  const rows = await db.prisma.webhookRejection.findMany({
    where: { hour: { gte: first } },
    select: { hour: true, reason: true, count: true },
  });
  const byHour = new Map<number, RejectionHour>();
  for (let i = 0; i < hours; i++) {
    const hour = new Date(first.getTime() + i * 3_600_000);
    byHour.set(hour.getTime(), { hour, counts: {}, total: 0 });
  }
  for (const row of rows) {
    const bucket = byHour.get(row.hour.getTime());
    if (!bucket) continue;
    bucket.counts[row.reason] = (bucket.counts[row.reason] ?? 0) + row.count;
    bucket.total += row.count;
  }
  return [...byHour.values()];
}

/** Every rejection ever counted, by reason (the metrics endpoint's counter). */
export async function rejectionTotals(db: AppDatabase): Promise<Record<string, number>> {
  const rows = await db.prisma.webhookRejection.groupBy({ by: ["reason"], _sum: { count: true } });
  return Object.fromEntries(rows.map((r) => [r.reason, r._sum.count ?? 0]));
}
