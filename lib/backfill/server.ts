import "server-only";
import { getDatabase } from "../db";
import { env } from "../env";
import type { Logger } from "../log";
import { runBackfill, type BackfillApi } from "./run";
import { startBackfill, type BackfillOptions, type StartResult } from "./runs";

/** The OpenPhone API this app process backfills from; null when OPENPHONE_API_KEY is not set. */
export function backfillApi(): BackfillApi | null {
  const config = env();
  return config.OPENPHONE_API_KEY ? { apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS } : null;
}

/**
 * Starts (or continues) a backfill for the admin page and returns at once; `schedule` runs the walk
 * after the answer (Next's `after`). The page follows its progress from the BackfillRun row.
 */
export async function startBackfillInBackground(
  options: BackfillOptions,
  createdById: number,
  schedule: (work: () => Promise<unknown>) => void,
  log: Logger,
): Promise<StartResult | { ok: false; reason: "not_configured" }> {
  const api = backfillApi();
  if (!api) return { ok: false, reason: "not_configured" };
  const db = getDatabase();
  const started = await startBackfill(db, options, new Date(), createdById);
  if (started.ok) {
    schedule(() => runBackfill(db, started.runId, { api, log }).catch((error: unknown) => log.error("backfill failed", { runId: started.runId, error: String(error) })));
  }
  return started;
}
