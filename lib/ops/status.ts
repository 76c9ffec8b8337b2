import { countOverdueArtifacts } from "../completeness/queries";
import { getLastBackfill, listUnacknowledgedGaps, type BackfillGap } from "../backfill/runs";
import type { AppDatabase } from "../db/types";
import { readMigrations } from "../db/migrate";
import type { HealthOps } from "../health";

export type OpsStatus = {
  migrations: { current: boolean; pending: string[] };
  lastDeliveryAt: Date | null;
  failedEvents: number;
  /** Workspace webhooks this app has registered (deleted ones excluded). */
  subscriptions: number;
  /** The newest gap a backfill recovered that no admin has dismissed: webhooks were lost. */
  backfillGap: BackfillGap | null;
};

/** The operational facts shared by /api/health, the metrics endpoint and the alert conditions. */
export async function getOpsStatus(db: AppDatabase, options: { migrationNames?: string[] } = {}): Promise<OpsStatus> {
  const expected = options.migrationNames ?? readMigrations(db.dialect).map((m) => m.name);
  const [applied, last, failedEvents, subscriptions, gaps] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_migrations"`),
    db.prisma.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
    db.prisma.webhookEvent.count({ where: { status: "failed" } }),
    db.prisma.webhookSubscription.count({ where: { deletedAt: null } }),
    listUnacknowledgedGaps(db, 1),
  ]);
  const done = new Set(applied.map((r) => r.name));
  const pending = expected.filter((name) => !done.has(name));
  return { migrations: { current: pending.length === 0, pending }, lastDeliveryAt: last?.receivedAt ?? null, failedEvents, subscriptions, backfillGap: gaps[0] ?? null };
}

/** The /api/health `ops` section. */
export async function healthOps(db: AppDatabase, now: Date): Promise<HealthOps> {
  const [status, overdue, lastBackfill] = await Promise.all([getOpsStatus(db), countOverdueArtifacts(db, now), getLastBackfill(db)]);
  return {
    migrationsCurrent: status.migrations.current,
    pendingMigrations: status.migrations.pending,
    lastDeliveryAt: status.lastDeliveryAt?.toISOString() ?? null,
    lastDeliveryAgeSeconds: status.lastDeliveryAt ? Math.max(0, Math.round((now.getTime() - status.lastDeliveryAt.getTime()) / 1000)) : null,
    failedEventsWaiting: status.failedEvents,
    overdueArtifacts: Object.values(overdue).reduce((sum, n) => sum + n, 0),
    lastBackfill: lastBackfill
      ? {
          finishedAt: lastBackfill.finishedAt?.toISOString() ?? null,
          status: lastBackfill.status,
          recovered: lastBackfill.recovered,
          gapFrom: lastBackfill.gapFrom?.toISOString() ?? null,
          gapTo: lastBackfill.gapTo?.toISOString() ?? null,
        }
      : null,
  };
}
