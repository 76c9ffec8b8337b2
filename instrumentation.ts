// Runs once when a Next server starts (`next start`, `next dev`). The Node-only work lives in
// lib/server-start.ts, imported only in the Node runtime so the Edge bundle never traces it.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { onServerStart } = await import("./lib/server-start");
    await onServerStart();
  }
}
