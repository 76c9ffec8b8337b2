import { collectDefaultMetrics, Counter, Gauge, Registry, type Metric } from "prom-client";
import type { AppDatabase } from "../db/types";
import { countOverdueArtifacts } from "../completeness/queries";
import type { ArtifactKind } from "../completeness/rules";
import { rejectionTotals } from "../event-log/rejections";
import { readCounters } from "./counters";
import type { OpsStatus } from "./status";
import { groupCommitStats } from "../webhooks/ingest";

/** Processing-time buckets in seconds (a webhook must answer well inside OpenPhone's 10 s). */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export type MetricsSnapshot = {
  deliveries: { type: string; status: string; count: number; duplicates: number }[];
  rejections: Record<string, number>;
  latency: { buckets: number[]; count: number; sumSeconds: number };
  replays: Record<string, number>;
  backfill: Record<string, number>;
  retention: Record<string, number>;
  alerts: Record<string, number>;
  /** Recordings, transcripts, summaries and voicemails past their due time and still missing (lib/completeness/). */
  overdueArtifacts: Record<ArtifactKind, number>;
  status: OpsStatus;
};

/**
 * Everything that must add up across instances and survive restarts is read from the database at
 * scrape time: event rows (deliveries, latency), rejection and ops counters.
 */
export async function readMetricsSnapshot(db: AppDatabase, status: OpsStatus, now: Date = new Date()): Promise<MetricsSnapshot> {
  const bucketColumns = LATENCY_BUCKETS.map((le, i) => `CAST(SUM(CASE WHEN "processingMs" <= ${le * 1000} THEN 1 ELSE 0 END) AS INTEGER) AS "b${i}"`).join(", ");
  const [groups, rejections, latencyRows, replays, backfill, retention, alerts, overdueArtifacts] = await Promise.all([
    db.prisma.webhookEvent.groupBy({ by: ["type", "status"], _count: { _all: true }, _sum: { duplicates: true } }),
    rejectionTotals(db),
    db.prisma.$queryRawUnsafe<Record<string, number | null>[]>(
      `SELECT ${bucketColumns}, CAST(COUNT(*) AS INTEGER) AS "n", CAST(SUM("processingMs") AS DOUBLE PRECISION) AS "sum" FROM "WebhookEvent" WHERE "processingMs" IS NOT NULL`,
    ),
    readCounters(db, "replay"),
    readCounters(db, "backfill"),
    readCounters(db, "retention"),
    readCounters(db, "alerts"),
    countOverdueArtifacts(db, now),
  ]);
  const row = latencyRows[0] ?? {};
  return {
    deliveries: groups.map((g) => ({ type: g.type, status: g.status, count: g._count._all, duplicates: g._sum.duplicates ?? 0 })),
    rejections,
    latency: {
      buckets: LATENCY_BUCKETS.map((_, i) => Number(row[`b${i}`] ?? 0)),
      count: Number(row.n ?? 0),
      sumSeconds: Number(row.sum ?? 0) / 1000,
    },
    replays,
    backfill,
    retention,
    alerts,
    overdueArtifacts,
    status,
  };
}

const globalForMetrics = globalThis as unknown as { __openphoneInboxProcessRegistry?: Registry };

/** Per-instance process metrics (memory, event loop, GC), collected once per process. */
function processRegistry(): Registry {
  if (!globalForMetrics.__openphoneInboxProcessRegistry) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry, prefix: "openphone_inbox_" });
    globalForMetrics.__openphoneInboxProcessRegistry = registry;
  }
  return globalForMetrics.__openphoneInboxProcessRegistry;
}

/** The Prometheus text exposition of a snapshot, plus this instance's process metrics. */
export async function renderMetrics(
  snapshot: MetricsSnapshot,
  now: Date,
  options: { processMetrics?: boolean; groupCommit?: { batches: number; members: number } } = {},
): Promise<{ contentType: string; body: string }> {
  const registry = new Registry();
  const registers = [registry];

  const deliveries = new Counter({
    name: "openphone_webhook_deliveries_total",
    help: "Signed webhook deliveries by event type and outcome (a duplicate is a repeated delivery of a stored event).",
    labelNames: ["type", "outcome"],
    registers,
  });
  for (const d of snapshot.deliveries) {
    deliveries.inc({ type: d.type, outcome: d.status }, d.count);
    if (d.duplicates > 0) deliveries.inc({ type: d.type, outcome: "duplicate" }, d.duplicates);
  }

  const rejections = new Counter({ name: "openphone_webhook_rejections_total", help: "Deliveries rejected before storage, by reason.", labelNames: ["reason"], registers });
  for (const [reason, count] of Object.entries(snapshot.rejections)) rejections.inc({ reason }, count);

  registry.registerMetric(latencyHistogram(snapshot.latency) as unknown as Metric);

  const replays = new Counter({ name: "openphone_event_replays_total", help: "Event replays by result.", labelNames: ["result"], registers });
  for (const [result, count] of Object.entries(snapshot.replays)) replays.inc({ result }, count);

  const backfill = new Counter({ name: "openphone_backfill_items_total", help: "Backfill results by kind and what happened.", labelNames: ["item"], registers });
  for (const [item, count] of Object.entries(snapshot.backfill)) backfill.inc({ item }, count);

  const pruned = new Counter({ name: "openphone_event_bodies_pruned_total", help: "Raw event bodies emptied by retention.", registers });
  pruned.inc(snapshot.retention.pruned ?? 0);

  const alerts = new Counter({ name: "openphone_alerts_sent_total", help: "Alerts posted to the alert webhook.", registers });
  alerts.inc(snapshot.alerts.sent ?? 0);

  new Gauge({ name: "openphone_failed_events", help: "Stored events whose processing failed and that wait for a replay.", registers }).set(snapshot.status.failedEvents);
  const lastDelivery = new Gauge({ name: "openphone_last_delivery_age_seconds", help: "Seconds since the newest stored delivery (absent when none).", registers });
  if (snapshot.status.lastDeliveryAt) lastDelivery.set(Math.max(0, (now.getTime() - snapshot.status.lastDeliveryAt.getTime()) / 1000));
  const overdue = new Gauge({
    name: "openphone_overdue_artifacts",
    help: "Call recordings, transcripts, summaries and voicemails past their due time and still missing, by kind.",
    labelNames: ["kind"],
    registers,
  });
  for (const [kind, count] of Object.entries(snapshot.overdueArtifacts)) overdue.set({ kind }, count);
  new Gauge({ name: "openphone_migrations_pending", help: "Database migrations not yet applied.", registers }).set(snapshot.status.migrations.pending.length);

  if (options.groupCommit) {
    // This instance's receiver transactions (lib/webhooks/group-commit.ts): deliveries ÷ batches is its batch size.
    const { batches, members } = options.groupCommit;
    new Counter({ name: "openphone_inbox_ingest_batches_total", help: "Transactions this instance's receiver committed deliveries in (group commit).", registers }).inc(batches);
    new Counter({ name: "openphone_inbox_ingest_batch_deliveries_total", help: "Deliveries written in those transactions.", registers }).inc(members);
  }

  const merged = options.processMetrics === false ? registry : Registry.merge([registry, processRegistry()]);
  return { contentType: merged.contentType, body: await merged.metrics() };
}

/**
 * A histogram whose buckets come from the database. prom-client's Histogram only counts its own
 * observe() calls, so this implements the same `get()` shape its registry formats.
 */
function latencyHistogram(latency: MetricsSnapshot["latency"]) {
  const name = "openphone_webhook_processing_seconds";
  const help = "Time from receipt to commit of a delivery's processing (verify, normalise, project).";
  return {
    name,
    help,
    type: "histogram",
    aggregator: "sum",
    get: async () => ({
      name,
      help,
      type: "histogram",
      aggregator: "sum",
      values: [
        ...LATENCY_BUCKETS.map((le, i) => ({ metricName: `${name}_bucket`, labels: { le }, value: latency.buckets[i] ?? 0 })),
        { metricName: `${name}_bucket`, labels: { le: "+Inf" }, value: latency.count },
        { metricName: `${name}_sum`, labels: {}, value: latency.sumSeconds },
        { metricName: `${name}_count`, labels: {}, value: latency.count },
      ],
    }),
    reset: () => undefined,
  };
}

/** One scrape: the database snapshot rendered as Prometheus text. */
export async function collectMetrics(db: AppDatabase, status: OpsStatus, now: Date): Promise<{ contentType: string; body: string }> {
  return renderMetrics(await readMetricsSnapshot(db, status, now), now, { groupCommit: groupCommitStats(db) });
}
