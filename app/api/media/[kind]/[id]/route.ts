import { authenticateRequest } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { getMediaSource, mediaParamsSchema } from "@/lib/media/lookup";
import { mediaNotFound, proxyMedia } from "@/lib/media/proxy";
import { mediaProxyDeps } from "@/lib/media/proxy-deps";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

/** MMS attachments, recordings and voicemails, streamed through our origin (Range-aware); see lib/media/proxy.ts. */
export const GET = withErrorResponses(async (request: Request, { params }: { params: Promise<{ kind: string; id: string }> }): Promise<Response> => {
  const auth = await authenticateRequest(request);
  if (!auth.ok) return auth.response;
  const parsed = mediaParamsSchema.safeParse(await params);
  if (!parsed.success) return mediaNotFound();
  const source = await getMediaSource(getDatabase(), parsed.data.kind, parsed.data.id);
  return proxyMedia(source, request.headers, mediaProxyDeps(request));
});
