import type { Delivery } from "./scenario-recorder";
import { signedHeaders } from "./sign";

/**
 * Sends deliveries to a webhook receiver the way OpenPhone does: each body signed at send time,
 * several in flight at once. Retries only when the request never got an answer (connection refused
 * or reset, timeout); an HTTP error is the receiver's verdict and is reported as is.
 */

export type DeliveryResult = {
  index: number;
  label: string;
  eventId: string;
  /** null: no HTTP answer after every retry. */
  httpStatus: number | null;
  /** The receiver's JSON `status` (processed | duplicate | ignored | invalid), when it sent one. */
  status: string | null;
  /** The receiver's JSON `error`/`reason`, for failed deliveries. */
  detail: string | null;
  /** Milliseconds of the answered attempt (request to full response body). */
  latencyMs: number | null;
  attempts: number;
};

export type SendOptions = {
  url: string;
  secret: string;
  /** Deliveries in flight at once; default 8. */
  concurrency?: number;
  /** Extra attempts after a network failure; default 3. */
  retries?: number;
  /** Per-attempt deadline; default 15 s (OpenPhone gives up after 10 s). */
  timeoutMs?: number;
  /** Wall clock for signature timestamps; default Date.now. */
  clock?: () => number;
  fetch?: typeof fetch;
  /** Called after each delivery settles, in completion order. */
  onResult?: (result: DeliveryResult, done: number, total: number) => void;
  sleep?: (ms: number) => Promise<void>;
};

export type SendOutcome = { results: DeliveryResult[]; elapsedMs: number };

export async function sendDeliveries(deliveries: readonly Delivery[], options: SendOptions): Promise<SendOutcome> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const results: DeliveryResult[] = new Array(deliveries.length);
  const started = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const index = next++;
      const delivery = deliveries[index];
      if (delivery === undefined) return;
      const result = await sendOne(delivery, index, options);
      results[index] = result;
      done += 1;
      options.onResult?.(result, done, deliveries.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, deliveries.length) }, worker));
  return { results, elapsedMs: performance.now() - started };
}

async function sendOne(delivery: Delivery, index: number, options: SendOptions): Promise<DeliveryResult> {
  const doFetch = options.fetch ?? fetch;
  const clock = options.clock ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const retries = options.retries ?? 3;
  const base = { index, label: delivery.label, eventId: delivery.eventId };
  let lastError = "";
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    // Signed per attempt: a retry after a long outage still has a fresh timestamp.
    const headers = signedHeaders(delivery.body, {
      secret: options.secret,
      style: delivery.style,
      nowMs: clock(),
      deliveryId: delivery.deliveryId,
    });
    const attemptStarted = performance.now();
    try {
      const response = await doFetch(options.url, {
        method: "POST",
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      const text = await response.text();
      const latencyMs = performance.now() - attemptStarted;
      const json = parseObject(text);
      const status = typeof json?.status === "string" ? json.status : null;
      const detail = [json?.error, json?.reason].filter((v): v is string => typeof v === "string").join(": ") || null;
      return { ...base, httpStatus: response.status, status, detail, latencyMs, attempts: attempt };
    } catch (error) {
      lastError = describeNetworkError(error);
      if (attempt <= retries) await sleep(200 * 2 ** (attempt - 1));
    }
  }
  return { ...base, httpStatus: null, status: null, detail: lastError, latencyMs: null, attempts: retries + 1 };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    const code = typeof cause === "object" && cause !== null && "code" in cause ? String((cause as { code: unknown }).code) : null;
    return code ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}

// ---------------------------------------------------------------------------------------------
// Summary

export type SendSummary = {
  sent: number;
  /** Answered with a 2xx. */
  ok: number;
  processed: number;
  duplicate: number;
  ignored: number;
  invalid: number;
  /** Answered, but not with 2xx: count by HTTP status code. */
  non2xx: Record<string, number>;
  /** Never answered, after every retry. */
  networkErrors: number;
  /** Attempts beyond the first (network retries). */
  retries: number;
  latencyMs: { p50: number | null; p99: number | null; max: number | null };
  elapsedMs: number;
  perSecond: number;
  /** Deliveries the receiver should have accepted but did not: non-2xx, `invalid`, or no answer. */
  unexpected: number;
};

export function isUnexpected(result: DeliveryResult): boolean {
  return result.httpStatus === null || result.httpStatus < 200 || result.httpStatus > 299 || result.status === "invalid";
}

export function summarizeResults(results: readonly DeliveryResult[], elapsedMs: number): SendSummary {
  const non2xx: Record<string, number> = {};
  const count = (status: string) => results.filter((r) => r.status === status && r.httpStatus !== null && r.httpStatus < 300).length;
  for (const r of results) {
    if (r.httpStatus !== null && (r.httpStatus < 200 || r.httpStatus > 299)) non2xx[r.httpStatus] = (non2xx[r.httpStatus] ?? 0) + 1;
  }
  const latencies = results.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs])).sort((a, b) => a - b);
  return {
    sent: results.length,
    ok: results.filter((r) => r.httpStatus !== null && r.httpStatus >= 200 && r.httpStatus <= 299).length,
    processed: count("processed"),
    duplicate: count("duplicate"),
    ignored: count("ignored"),
    invalid: count("invalid"),
    non2xx,
    networkErrors: results.filter((r) => r.httpStatus === null).length,
    retries: results.reduce((sum, r) => sum + r.attempts - 1, 0),
    latencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? null },
    elapsedMs,
    perSecond: elapsedMs > 0 ? (results.length * 1000) / elapsedMs : 0,
    unexpected: results.filter(isUnexpected).length,
  };
}

/** Nearest-rank percentile of an ascending list, rounded to 0.1 ms. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return Math.round(sorted[rank - 1]! * 10) / 10;
}
