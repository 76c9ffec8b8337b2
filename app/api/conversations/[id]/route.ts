import { readConversation } from "@/lib/http/read-api";
import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** A conversation, its contact and latest items; `?before=<cursor>` pages back, `?limit=` up to 200. */
export const GET = withErrorResponses(async (request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const query = new URL(request.url).searchParams;
  const result = await readConversation(getDatabase(), {
    id: (await params).id,
    before: query.get("before"),
    limit: query.get("limit"),
  });
  return Response.json(result.body, { status: result.status, headers: { "Cache-Control": "private, no-store" } });
});
