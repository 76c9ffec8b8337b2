import type { Slots } from "../limits/slots";

export type BodyResult = { ok: true; body: Uint8Array } | { ok: false; reason: "too_large" };
export type WebhookBodyResult = BodyResult | { ok: false; reason: "timeout" | "busy" };

/** A real delivery arrives in milliseconds; a sender this slow is holding a connection open. */
export const WEBHOOK_READ_DEADLINE_MS = 10_000;
/** Bodies being read before their signature can be checked, per process. */
export const MAX_CONCURRENT_WEBHOOK_BODIES = 64;

/**
 * Reads a request body, refusing more than maxBytes: by Content-Length when present (before
 * reading anything), otherwise by counting bytes as they stream in.
 */
export async function readBodyCapped(request: Request, maxBytes: number, signal?: AbortSignal): Promise<BodyResult> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, body: new Uint8Array(0) };

  const reader = request.body.getReader();
  const cancel = () => void reader.cancel(signal?.reason).catch(() => undefined);
  signal?.addEventListener("abort", cancel, { once: true });
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: "too_large" };
      }
      chunks.push(value);
    }
  } finally {
    signal?.removeEventListener("abort", cancel);
  }
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { ok: true, body };
}

/**
 * The webhook endpoint's body: anyone may send one, so the work before the signature check is
 * bounded in size (maxBytes), time (deadlineMs) and number at once (slots; beyond it, "busy").
 */
export async function readWebhookBody(request: Request, options: { maxBytes: number; deadlineMs: number; slots: Slots }): Promise<WebhookBodyResult> {
  const release = options.slots.tryAcquire();
  if (!release) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: "busy" };
  }
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error("read deadline")), options.deadlineMs);
  try {
    const result = await readBodyCapped(request, options.maxBytes, deadline.signal);
    return deadline.signal.aborted ? { ok: false, reason: "timeout" } : result;
  } catch (error) {
    if (deadline.signal.aborted) return { ok: false, reason: "timeout" };
    throw error;
  } finally {
    clearTimeout(timer);
    release();
  }
}
