import { completenessConfig } from "../completeness/config";
import { runCompletenessWatch } from "../completeness/watch";
import { sharedDatabase } from "../db/shared";
import { env } from "../env";
import { log } from "../log";
import { createOpenPhoneClient } from "../openphone/api/client";
import { runMaintenance } from "./maintenance";

const globalForScheduler = globalThis as unknown as {
  __openphoneInboxMaintenance?: ReturnType<typeof setInterval>;
  __openphoneInboxCompleteness?: ReturnType<typeof setInterval>;
};

/**
 * Starts the in-process loops (every MAINTENANCE_INTERVAL_SECONDS; 0 turns them off): maintenance,
 * and the completeness watch on its own lease so a slow OpenPhone never delays alerts.
 */
export function startMaintenanceScheduler(): void {
  const config = env();
  if (config.MAINTENANCE_INTERVAL_SECONDS === 0 || globalForScheduler.__openphoneInboxMaintenance) return;
  const openphone = config.OPENPHONE_API_KEY
    ? createOpenPhoneClient({ apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS })
    : null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await runMaintenance(sharedDatabase(config.DATABASE_URL), new Date(), {
        retentionDays: config.EVENT_BODY_RETENTION_DAYS,
        noDeliveryMinutes: config.ALERT_NO_DELIVERY_MINUTES,
        alertWebhookUrl: config.ALERT_WEBHOOK_URL,
        baseUrl: config.WEBHOOK_BASE_URL,
        openphone,
      }, log());
    } catch (error) {
      log().error("maintenance failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), config.MAINTENANCE_INTERVAL_SECONDS * 1000);
  timer.unref();
  globalForScheduler.__openphoneInboxMaintenance = timer;
  setTimeout(() => void tick(), 5_000).unref();
  startCompletenessWatch();
}

function startCompletenessWatch(): void {
  const config = env();
  if (globalForScheduler.__openphoneInboxCompleteness) return;
  const watch = completenessConfig(config);
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const report = await runCompletenessWatch(sharedDatabase(config.DATABASE_URL), new Date(), watch, { log: log() });
      const fetched = Object.values(report.fetched).reduce((sum, n) => sum + n, 0);
      if (fetched > 0 || report.gaveUp > 0) log().info("completeness watch", { fetched: report.fetched, gaveUp: report.gaveUp, requests: report.requests });
    } catch (error) {
      log().error("completeness watch failed", { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), config.MAINTENANCE_INTERVAL_SECONDS * 1000);
  timer.unref();
  globalForScheduler.__openphoneInboxCompleteness = timer;
  setTimeout(() => void tick(), 10_000).unref();
}
