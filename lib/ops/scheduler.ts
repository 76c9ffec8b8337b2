import { sharedDatabase } from "../db/shared";
import { env } from "../env";
import { log } from "../log";
import { createOpenPhoneClient } from "../openphone/api/client";
import { runMaintenance } from "./maintenance";

const globalForScheduler = globalThis as unknown as { __openphoneInboxMaintenance?: ReturnType<typeof setInterval> };

/** Starts the in-process maintenance loop (every MAINTENANCE_INTERVAL_SECONDS; 0 turns it off). */
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
}
