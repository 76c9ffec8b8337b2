import { readMessage } from "@/lib/http/read-api";
import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** A message with its attachments as media proxy URLs. */
export const GET = withErrorResponses(async (request: Request, { params }: { params: Promise<{ openphoneMessageId: string }> }): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const result = await readMessage(getDatabase(), (await params).openphoneMessageId);
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "private, no-store" } });
});
