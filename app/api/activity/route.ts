import { authenticateRequest } from "@/lib/auth/guards";
import { getTimelinePage } from "@/lib/timeline/page";
import { listNewerThan } from "@/lib/timeline/queries";
import { readTimelineApiRequest } from "@/lib/timeline/request";
import { getDatabase } from "@/lib/db";
import { errorResponse } from "@/lib/http/errors";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/**
 * GET /api/activity?<filters>&cursor=…&limit=… → { items, nextCursor }: the timeline (or search
 * results with `q`) as JSON, same query string as /activity. `after=<id>` lists rows created since.
 */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const parsed = readTimelineApiRequest(new URL(request.url).searchParams);
  if (!parsed.ok) return errorResponse("invalid_query", "The query string is not valid.", { details: { issues: parsed.issues } });
  const { query, filters, cursor } = parsed.value;
  const db = getDatabase();
  const page =
    query.after !== undefined
      ? { items: await listNewerThan(db, filters, query.after, query.limit), nextCursor: null }
      : await getTimelinePage(db, { filters, cursor, limit: query.limit });
  return Response.json(page, { headers: { "Cache-Control": "no-store" } });
});
