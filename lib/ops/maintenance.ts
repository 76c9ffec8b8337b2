import type { AppDatabase } from "../db/types";
import { pruneEventBodies } from "../event-log/retention";
import { claimStaleReplayJob, runReplayJob } from "../event-log/replay-jobs";
import type { Logger } from "../log";
import { alertConditions, sendDueAlerts, type AlertSender } from "./alerts";
import { acquireJobLock, markJobRun, releaseJobLock } from "./job-lock";
import { getOpsStatus } from "./status";

export type MaintenanceConfig = {
  retentionDays: number;
  noDeliveryMinutes: number;
  alertWebhookUrl: string | undefined;
  baseUrl: string;
  send?: AlertSender;
};

export type MaintenanceReport = { ran: boolean; alertsSent: string[]; pruned: number | null; resumedReplayJob: number | null };

const LOCK = "maintenance";
const LOCK_TTL_MS = 5 * 60_000;
const RETENTION_EVERY_MS = 24 * 60 * 60_000;

/**
 * One maintenance pass, on one instance at a time (a lease in JobLock): alert conditions and the
 * alert webhook, retention once a day, and bulk replays whose runner died.
 */
export async function runMaintenance(db: AppDatabase, now: Date, config: MaintenanceConfig, log?: Logger): Promise<MaintenanceReport> {
  const lock = await acquireJobLock(db, LOCK, now, LOCK_TTL_MS);
  if (!lock.acquired) return { ran: false, alertsSent: [], pruned: null, resumedReplayJob: null };
  try {
    const status = await getOpsStatus(db);
    const conditions = alertConditions(status, now, { noDeliveryMinutes: config.noDeliveryMinutes });
    const alertsSent = await sendDueAlerts(db, conditions, now, { url: config.alertWebhookUrl, baseUrl: config.baseUrl, send: config.send, log });

    let pruned: number | null = null;
    if (!lock.lastRunAt || now.getTime() - lock.lastRunAt.getTime() >= RETENTION_EVERY_MS) {
      pruned = (await pruneEventBodies(db, { olderThanDays: config.retentionDays, now })).pruned;
      await markJobRun(db, LOCK, now);
      if (pruned > 0) log?.info("retention: pruned event bodies", { pruned, olderThanDays: config.retentionDays });
    }

    const resumedReplayJob = await claimStaleReplayJob(db, now);
    if (resumedReplayJob !== null) {
      log?.warn("bulk replay: continuing a job whose runner stopped", { jobId: resumedReplayJob });
      await runReplayJob(db, resumedReplayJob, { log });
    }
    return { ran: true, alertsSent, pruned, resumedReplayJob };
  } finally {
    await releaseJobLock(db, LOCK);
  }
}
