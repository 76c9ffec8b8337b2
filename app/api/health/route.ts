import { getDatabase } from "@/lib/db";
import { checkHealth } from "@/lib/health";
import { healthOps } from "@/lib/ops/status";
import { APP_VERSION } from "@/lib/version";

// Always answer live: never prerendered at build time, never cached.
export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const result = await checkHealth({ openDatabase: getDatabase, version: APP_VERSION, ops: () => healthOps(getDatabase(), new Date()) });
  if (result.failure) console.warn(`[health] database unavailable: ${result.failure}`);
  return Response.json(result.body, { status: result.httpStatus, headers: { "Cache-Control": "no-store" } });
}
