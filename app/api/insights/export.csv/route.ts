import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { errorResponse } from "@/lib/http/errors";
import { withErrorResponses } from "@/lib/http/with-error-responses";
import { exportInsightsCsv } from "@/lib/insights/export";

export const dynamic = "force-dynamic";

/** GET /api/insights/export.csv?chart=…&<range>: one insights chart as CSV (lib/insights/export.ts). */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const result = await exportInsightsCsv(getDatabase(), new URL(request.url).searchParams, new Date());
  if (!result.ok) return errorResponse("invalid_query", result.error);
  return new Response(result.body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${result.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
});
