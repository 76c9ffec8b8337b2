import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { withErrorResponses } from "@/lib/http/with-error-responses";
import { collectMetrics } from "@/lib/ops/metrics";
import { getOpsStatus } from "@/lib/ops/status";

export const dynamic = "force-dynamic";

/** Prometheus scrape endpoint: `Authorization: Bearer <API token>` (or a signed-in session). */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const db = getDatabase();
  const { contentType, body } = await collectMetrics(db, await getOpsStatus(db), new Date());
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
});
