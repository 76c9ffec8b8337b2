import { authenticateRequest } from "@/lib/auth/guards";
import { csvFileName, timelineCsvStream } from "@/lib/timeline/csv";
import { readTimelineApiRequest } from "@/lib/timeline/request";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { errorResponse } from "@/lib/http/errors";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** GET /api/activity/export.csv?<filters>: every matching row as CSV, streamed in keyset batches. */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const parsed = readTimelineApiRequest(new URL(request.url).searchParams);
  if (!parsed.ok) return errorResponse("invalid_query", "The query string is not valid.", { details: { issues: parsed.issues } });
  const { filters, tz } = parsed.value;
  const baseUrl = env().WEBHOOK_BASE_URL.replace(/\/+$/, "");
  return new Response(timelineCsvStream(getDatabase(), { filters, tz, baseUrl }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${csvFileName(new Date(), tz)}"`,
      "Cache-Control": "no-store",
    },
  });
});
