import "server-only";
import { env } from "../env";
import { prepareSecrets, verifyWebhookSignature } from "../openphone/signature";
import { readBodyCapped } from "./read-body";

let keys: ReturnType<typeof prepareSecrets> | undefined;

export async function benchVerifyOnly(request: Request): Promise<Response> {
  if (process.env.BENCH_BASELINE !== "1") return Response.json({ error: "not_found" }, { status: 404 });
  const config = env();
  keys ??= prepareSecrets(config.OPENPHONE_WEBHOOK_SIGNING_KEY);
  const body = await readBodyCapped(request, config.WEBHOOK_MAX_BODY_BYTES);
  if (!body.ok) return Response.json({ error: "payload_too_large" }, { status: 413 });
  const verdict = verifyWebhookSignature({ secrets: keys, headers: request.headers, rawBody: body.body, nowMs: Date.now() });
  return verdict.ok ? Response.json({ ok: true }) : Response.json({ error: verdict.reason }, { status: 401 });
}
