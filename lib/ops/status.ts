import { countOverdueArtifacts } from "../completeness/queries";
import type { AppDatabase } from "../db/types";
import { readMigrations } from "../db/migrate";
import type { HealthOps } from "../health";

export type OpsStatus = {
  migrations: { current: boolean; pending: string[] };
  lastDeliveryAt: Date | null;
  failedEvents: number;
  /** Workspace webhooks this app has registered (deleted ones excluded). */
  subscriptions: number;
};

/** The operational facts shared by /api/health, the metrics endpoint and the alert conditions. */
export async function getOpsStatus(db: AppDatabase, options: { migrationNames?: string[] } = {}): Promise<OpsStatus> {
  const expected = options.migrationNames ?? readMigrations(db.dialect).map((m) => m.name);
  const [applied, last, failedEvents, subscriptions] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "_migrations"`),
    db.prisma.webhookEvent.findFirst({ orderBy: { receivedAt: "desc" }, select: { receivedAt: true } }),
    db.prisma.webhookEvent.count({ where: { status: "failed" } }),
    db.prisma.webhookSubscription.count({ where: { deletedAt: null } }),
  ]);
  const done = new Set(applied.map((r) => r.name));
  const pending = expected.filter((name) => !done.has(name));
  return { migrations: { current: pending.length === 0, pending }, lastDeliveryAt: last?.receivedAt ?? null, failedEvents, subscriptions };
}

/** The /api/health `ops` section. */
export async function healthOps(db: AppDatabase, now: Date): Promise<HealthOps> {
  const [status, overdue] = await Promise.all([getOpsStatus(db), countOverdueArtifacts(db, now)]);
  return {
    migrationsCurrent: status.migrations.current,
    pendingMigrations: status.migrations.pending,
    lastDeliveryAt: status.lastDeliveryAt?.toISOString() ?? null,
    lastDeliveryAgeSeconds: status.lastDeliveryAt ? Math.max(0, Math.round((now.getTime() - status.lastDeliveryAt.getTime()) / 1000)) : null,
    failedEventsWaiting: status.failedEvents,
    overdueArtifacts: Object.values(overdue).reduce((sum, n) => sum + n, 0),
    // Filled by the backfill (issue 13, part B) once it records its runs.
    lastBackfill: null,
  };
}
