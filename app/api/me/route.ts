import { authenticateRequest } from "@/lib/auth/guards";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** Who the request is signed in as: lets an API client check its token. */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  return Response.json({ user: auth.user }, { headers: { "Cache-Control": "no-store" } });
});
