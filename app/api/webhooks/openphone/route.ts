import { createSlots } from "@/lib/limits/slots";
import { announceDelivery, ingestWebhook, rejectTooLarge, type IngestResult } from "@/lib/webhooks/ingest";
import { MAX_CONCURRENT_WEBHOOK_BODIES, readWebhookBody, WEBHOOK_READ_DEADLINE_MS } from "@/lib/webhooks/read-body";
import { receiverDeps } from "@/lib/webhooks/receiver";
import { ingestResponseBody, unreadBodyResponse } from "@/lib/webhooks/response";
import { withErrorResponses } from "@/lib/http/with-error-responses";

export const dynamic = "force-dynamic";

const bodySlots = createSlots(MAX_CONCURRENT_WEBHOOK_BODIES);

/** OpenPhone webhook receiver: transport only; see lib/webhooks/ingest.ts. */
export const POST = withErrorResponses(async (request: Request): Promise<Response> => {
  const deps = receiverDeps();
  // Group commit: the batch being gathered waits for this delivery (lib/webhooks/group-commit.ts).
  const arrived = announceDelivery(deps.db);
  let result: IngestResult;
  try {
    const body = await readWebhookBody(request, { maxBytes: deps.maxBodyBytes, deadlineMs: WEBHOOK_READ_DEADLINE_MS, slots: bodySlots });
    if (!body.ok && body.reason !== "too_large") return unreadBodyResponse(body.reason, deps.maxBodyBytes);
    const now = new Date();
    result = body.ok ? await ingestWebhook(deps, { headers: request.headers, rawBody: body.body, now, arrived }) : await rejectTooLarge(deps, now);
  } finally {
    arrived();
  }
  const headers = { "Cache-Control": "no-store", ...(result.httpStatus === 503 ? { "Retry-After": "30" } : {}) };
  return Response.json(ingestResponseBody(result), { status: result.httpStatus, headers });
});
