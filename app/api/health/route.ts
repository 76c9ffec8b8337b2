import { getDatabase } from "@/lib/db";
import { processAvailability } from "@/lib/db/availability";
import { checkHealth } from "@/lib/health";
import { healthOps } from "@/lib/ops/status";
import { APP_VERSION } from "@/lib/version";
import { withErrorResponses } from "@/lib/http/with-error-responses";

// Always answer live: never prerendered at build time, never cached.
export const dynamic = "force-dynamic";

export const GET = withErrorResponses(async (_request: Request): Promise<Response> => {
  const result = await checkHealth({
    openDatabase: getDatabase,
    version: APP_VERSION,
    ops: () => healthOps(getDatabase(), new Date()),
    writesFailing: () => processAvailability().isDown(Date.now()),
  });
  if (result.failure) console.warn(`[health] database unavailable: ${result.failure}`);
  return Response.json(result.body, { status: result.httpStatus, headers: { "Cache-Control": "no-store" } });
});
