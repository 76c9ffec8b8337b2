import "server-only";
import { env } from "../env";
import { errorResponse } from "../http/errors";
import { prepareSecrets, verifyWebhookSignature } from "../openphone/signature";
import { readBodyCapped } from "./read-body";

let keys: ReturnType<typeof prepareSecrets> | undefined;

export async function benchVerifyOnly(request: Request): Promise<Response> {
  const config = env();
  if (!config.BENCH_BASELINE) return errorResponse("not_found", "The benchmark baseline is off (BENCH_BASELINE=1 turns it on).");
  keys ??= prepareSecrets(config.OPENPHONE_WEBHOOK_SIGNING_KEY);
  const body = await readBodyCapped(request, config.WEBHOOK_MAX_BODY_BYTES);
  if (!body.ok) return errorResponse("payload_too_large", "The body is larger than WEBHOOK_MAX_BODY_BYTES.");
  const verdict = verifyWebhookSignature({ secrets: keys, headers: request.headers, rawBody: body.body, nowMs: Date.now() });
  return verdict.ok ? Response.json({ ok: true }) : errorResponse("invalid_signature", "The signature does not verify.", { details: { reason: verdict.reason } });
}
