import { completenessConfig } from "../completeness/config";
import { runCompletenessWatch } from "../completeness/watch";
import { sharedDatabase } from "../db/shared";
import { env } from "../env";
import { log } from "../log";
import { createOpenPhoneClient } from "../openphone/api/client";
import { runMaintenance } from "./maintenance";

type Loop = "maintenance" | "completeness";

const globalForScheduler = globalThis as unknown as { __openphoneInboxLoops?: Partial<Record<Loop, ReturnType<typeof setInterval>>> };

/**
 * Starts the in-process loops (every MAINTENANCE_INTERVAL_SECONDS; 0 turns them off): maintenance,
 * and the completeness watch on its own lease so a slow OpenPhone never delays alerts.
 */
export function startMaintenanceScheduler(): void {
  const config = env();
  if (config.MAINTENANCE_INTERVAL_SECONDS === 0) return;
  const openphone = config.OPENPHONE_API_KEY
    ? createOpenPhoneClient({ apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS })
    : null;
  startLoop("maintenance", config.MAINTENANCE_INTERVAL_SECONDS, 5_000, async () => {
    await runMaintenance(
      sharedDatabase(config.DATABASE_URL),
      new Date(),
      {
        retentionDays: config.EVENT_BODY_RETENTION_DAYS,
        noDeliveryMinutes: config.ALERT_NO_DELIVERY_MINUTES,
        alertWebhookUrl: config.ALERT_WEBHOOK_URL,
        baseUrl: config.WEBHOOK_BASE_URL,
        openphone,
      },
      log(),
    );
  });
  const watch = completenessConfig(config);
  startLoop("completeness", config.MAINTENANCE_INTERVAL_SECONDS, 10_000, async () => {
    const report = await runCompletenessWatch(sharedDatabase(config.DATABASE_URL), new Date(), watch, { log: log() });
    const fetched = Object.values(report.fetched).reduce((sum, n) => sum + n, 0);
    if (fetched > 0 || report.gaveUp > 0) log().info("completeness watch", { fetched: report.fetched, gaveUp: report.gaveUp, requests: report.requests });
  });
}

/** Runs `pass` every `intervalSeconds` (first after `firstDelayMs`), never two at once, once per process; a failure is logged. */
function startLoop(name: Loop, intervalSeconds: number, firstDelayMs: number, pass: () => Promise<void>): void {
  const loops = (globalForScheduler.__openphoneInboxLoops ??= {});
  if (loops[name]) return;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pass();
    } catch (error) {
      log().error(`${name === "maintenance" ? "maintenance" : "completeness watch"} failed`, { error: error instanceof Error ? error.message : String(error) });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalSeconds * 1000);
  timer.unref();
  loops[name] = timer;
  setTimeout(() => void tick(), firstDelayMs).unref();
}
