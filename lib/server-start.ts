import { announceFirstAdmin } from "./auth/announce";
import { prepareDatabase } from "./db/prepare";
import { startMaintenanceScheduler } from "./ops/scheduler";

/**
 * Brings the database up to date so every way of starting the app migrates first (`npm run app`
 * already did this in scripts/preflight.ts; then it is a quick no-op). On an empty users table it
 * then prints the first-admin setup link (or creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD).
 */
export async function onServerStart(): Promise<void> {
  const outcome = await prepareDatabase();
  if (!outcome.ok) {
    console.error(`✖ ${outcome.message}`);
    process.exit(1);
  }
  await announceFirstAdmin();
  startMaintenanceScheduler();
}
