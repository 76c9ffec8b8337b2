import { authenticateRequest } from "@/lib/auth/guards";
import { liveHub } from "@/lib/live/source";
import { liveEventStream } from "@/lib/live/sse";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** GET /api/live: Server-Sent Events; `activity` events carry changed row ids only, plus heartbeats. */
export const GET = withErrorResponses(async (request: Request): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const stillAuthorized = async () => (await authenticateRequest(request)).ok;
  return new Response(liveEventStream(liveHub(), request.signal, { stillAuthorized }), {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: compression would buffer the stream.
      "Cache-Control": "no-cache, no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
});
