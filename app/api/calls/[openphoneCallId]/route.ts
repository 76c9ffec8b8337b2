import { readCall } from "@/lib/http/read-api";
import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** A call with its recordings (proxy URLs), voicemail, summary and transcript. */
export const GET = withErrorResponses(async (request: Request, { params }: { params: Promise<{ openphoneCallId: string }> }): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const result = await readCall(getDatabase(), (await params).openphoneCallId);
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "private, no-store" } });
});
