import type { AppDatabase } from "../db/types";
import { pruneEventBodies } from "../event-log/retention";
import type { OpenPhoneClient } from "../openphone/api/client";
import { syncOpenPhoneUsers } from "../openphone/directory";
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
  /** The OpenPhone API when OPENPHONE_API_KEY is set: the user directory is read from it once a day. */
  openphone?: OpenPhoneClient | null;
};

export type MaintenanceReport = {
  ran: boolean;
  alertsSent: string[];
  pruned: number | null;
  resumedReplayJob: number | null;
  /** Users read from OpenPhone's directory in this pass; null when it was not due (or there is no API key). */
  directoryUsers: number | null;
};

const LOCK = "maintenance";
const LOCK_TTL_MS = 5 * 60_000;
const RETENTION_EVERY_MS = 24 * 60 * 60_000;
const DIRECTORY = "openphone-users";
const DIRECTORY_EVERY_MS = 24 * 60 * 60_000;
/** After a failed read (a wrong key, OpenPhone down), the next try comes this much later, not every pass. */
const DIRECTORY_RETRY_MS = 60 * 60_000;

/**
 * One maintenance pass, on one instance at a time (a lease in JobLock): alert conditions and the
 * alert webhook, retention once a day, bulk replays whose runner died, and OpenPhone's user
 * directory (names for the US… ids) once a day.
 */
export async function runMaintenance(db: AppDatabase, now: Date, config: MaintenanceConfig, log?: Logger): Promise<MaintenanceReport> {
  const lock = await acquireJobLock(db, LOCK, now, LOCK_TTL_MS);
  if (!lock.acquired) return { ran: false, alertsSent: [], pruned: null, resumedReplayJob: null, directoryUsers: null };
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
    const directoryUsers = config.openphone ? await refreshDirectory(db, config.openphone, now, log) : null;
    return { ran: true, alertsSent, pruned, resumedReplayJob, directoryUsers };
  } finally {
    await releaseJobLock(db, LOCK);
  }
}

/** Reads OpenPhone's users when a day has passed since the last read; an API failure is logged and retried an hour later. */
async function refreshDirectory(db: AppDatabase, client: OpenPhoneClient, now: Date, log?: Logger): Promise<number | null> {
  const lease = await acquireJobLock(db, DIRECTORY, now, LOCK_TTL_MS);
  if (!lease.acquired) return null;
  try {
    if (lease.lastRunAt && now.getTime() - lease.lastRunAt.getTime() < DIRECTORY_EVERY_MS) return null;
    const { users } = await syncOpenPhoneUsers(db, client, now);
    await markJobRun(db, DIRECTORY, now);
    return users;
  } catch (error) {
    log?.warn("OpenPhone user directory not read; trying again in an hour", { error: error instanceof Error ? error.message : String(error) });
    // Recorded as if the last read were DIRECTORY_RETRY_MS short of a day ago: due again in an hour.
    await markJobRun(db, DIRECTORY, new Date(now.getTime() - DIRECTORY_EVERY_MS + DIRECTORY_RETRY_MS));
    return null;
  } finally {
    await releaseJobLock(db, DIRECTORY);
  }
}
