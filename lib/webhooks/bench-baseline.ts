import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "../env";
import { errorResponse } from "../http/errors";
import { prepareSecrets, verifyWebhookSignature } from "../openphone/signature";
import { createSlots } from "../limits/slots";
import { MAX_CONCURRENT_WEBHOOK_BODIES, readWebhookBody, WEBHOOK_READ_DEADLINE_MS } from "./read-body";
import { unreadBodyResponse } from "./response";

let keys: ReturnType<typeof prepareSecrets> | undefined;
const bodySlots = createSlots(MAX_CONCURRENT_WEBHOOK_BODIES);

/** The route exists only for a request carrying the configured token (of ≥ 32 characters, checked in lib/env.ts). */
export function benchTokenAccepted(configured: string | undefined, presented: string | null): boolean {
  if (!configured || presented === null) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(configured), digest(presented));
}

export async function benchVerifyOnly(request: Request): Promise<Response> {
  const config = env();
  if (!benchTokenAccepted(config.BENCH_BASELINE, request.headers.get("x-bench-token"))) {
    return errorResponse("not_found", "The benchmark baseline needs BENCH_BASELINE set and the same token in x-bench-token.");
  }
  keys ??= prepareSecrets(config.OPENPHONE_WEBHOOK_SIGNING_KEY);
  // The same transport as the webhook route: capped, deadline, bounded concurrency (answered in the webhook's shape).
  const body = await readWebhookBody(request, { maxBytes: config.WEBHOOK_MAX_BODY_BYTES, deadlineMs: WEBHOOK_READ_DEADLINE_MS, slots: bodySlots });
  if (!body.ok) return unreadBodyResponse(body.reason, config.WEBHOOK_MAX_BODY_BYTES);
  const verdict = verifyWebhookSignature({ secrets: keys, headers: request.headers, rawBody: body.body, nowMs: Date.now() });
  return verdict.ok ? Response.json({ ok: true }) : errorResponse("invalid_signature", "The signature does not verify.", { details: { reason: verdict.reason } });
}
