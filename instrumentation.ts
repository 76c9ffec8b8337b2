// Runs once when a Next server starts (`next start`, `next dev`): brings the database up to date so
// every way of starting the app migrates first. `npm run app` already did this in scripts/preflight.ts;
// then this is a quick no-op. On an empty users table it then prints the first-admin setup link
// (or creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { prepareDatabase } = await import("./lib/db/prepare");
  const outcome = await prepareDatabase();
  if (!outcome.ok) {
    console.error(`✖ ${outcome.message}`);
    process.exit(1);
  }
  const { announceFirstAdmin } = await import("./lib/auth/announce");
  await announceFirstAdmin();
}
