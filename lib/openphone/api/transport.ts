import type { z } from "zod";
import { OpenPhoneApiError, kindForStatus, type OpenPhoneErrorBody } from "./errors";
import type { RateLimiter } from "./rate-limiter";

export const API_VERSION_2026 = "2026-03-30";

export type TransportOptions = {
  apiKey: string;
  baseUrl: string;
  limiter: RateLimiter;
  /** Per attempt. */
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx and (reads only) network failures. */
  maxRetries: number;
  /** First backoff step; doubled each retry, with full jitter. */
  backoffMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails as rate_limited. */
  maxRetryAfterMs: number;
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
};

export type Query = Record<string, string | number | boolean | readonly string[] | null | undefined>;

export type RequestSpec<T> = {
  operation: string;
  method: "GET" | "POST" | "PATCH" | "DELETE";
  path: string;
  query?: Query;
  body?: unknown;
  /** Sends `Quo-Api-Version: 2026-03-30`. */
  version?: typeof API_VERSION_2026;
  /** null: the answer has no body (204, 202). */
  schema: z.ZodType<T> | null;
};

export type Transport = <T>(spec: RequestSpec<T>) => Promise<T>;

export function createTransport(options: TransportOptions): Transport {
  const base = options.baseUrl.replace(/\/+$/, "");

  return async function request<T>(spec: RequestSpec<T>): Promise<T> {
    const url = buildUrl(base, spec.path, spec.query);
    const headers: Record<string, string> = { authorization: options.apiKey, accept: "application/json" };
    if (spec.version) headers["quo-api-version"] = spec.version;
    if (spec.body !== undefined) headers["content-type"] = "application/json";
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    const retryNetworkErrors = spec.method === "GET";

    for (let attempt = 0; ; attempt++) {
      const canRetry = attempt < options.maxRetries;
      await options.limiter.acquire();
      let response: Response;
      try {
        response = await options.fetch(url, { method: spec.method, headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
        if (canRetry && retryNetworkErrors) {
          await options.sleep(backoff(options, attempt));
          continue;
        }
        throw new OpenPhoneApiError({
          kind: timedOut ? "timeout" : "unreachable",
          operation: spec.operation,
          detail: timedOut ? `no answer within ${options.timeoutMs} ms` : causeOf(error),
        });
      }

      if (response.ok) return parseSuccess(spec, response, options.timeoutMs);

      const errorBody = await readErrorBody(response);
      if (response.status === 429) {
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
        if (canRetry && (retryAfterMs ?? 0) <= options.maxRetryAfterMs) {
          await options.sleep(retryAfterMs ?? backoff(options, attempt));
          continue;
        }
        throw new OpenPhoneApiError({
          kind: "rate_limited",
          operation: spec.operation,
          status: 429,
          body: errorBody,
          retryAfterSeconds: retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1000),
        });
      }
      if (response.status >= 500 && canRetry) {
        await options.sleep(backoff(options, attempt));
        continue;
      }
      throw new OpenPhoneApiError({ kind: kindForStatus(response.status), operation: spec.operation, status: response.status, body: errorBody });
    }
  };
}

async function parseSuccess<T>(spec: RequestSpec<T>, response: Response, timeoutMs: number): Promise<T> {
  if (spec.schema === null) {
    await response.body?.cancel();
    return undefined as T;
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new OpenPhoneApiError({
      kind: timedOut ? "timeout" : "invalid_response",
      operation: spec.operation,
      status: response.status,
      detail: timedOut ? `no answer within ${timeoutMs} ms` : "the body is not JSON",
    });
  }
  const parsed = spec.schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new OpenPhoneApiError({
      kind: "invalid_response",
      operation: spec.operation,
      status: response.status,
      detail: first ? `${first.path.join(".") || "(root)"}: ${first.message}` : "schema mismatch",
    });
  }
  return parsed.data;
}

async function readErrorBody(response: Response): Promise<OpenPhoneErrorBody | null> {
  try {
    const json: unknown = await response.json();
    if (!json || typeof json !== "object") return null;
    const o = json as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" && v.length > 0 ? v.slice(0, 500) : undefined);
    return { message: text(o.message), title: text(o.title), code: text(o.code) };
  } catch {
    return null;
  }
}

/** `Retry-After` is seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - nowMs);
}

function backoff(options: TransportOptions, attempt: number): number {
  // Full jitter: a random wait up to the exponential step, so many clients do not retry in lockstep.
  return Math.round(options.random() * options.backoffMs * 2 ** attempt);
}

function buildUrl(base: string, path: string, query: Query | undefined): string {
  const url = new URL(base + path);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) url.searchParams.append(name, String(v));
    else url.searchParams.set(name, String(value));
  }
  return url.toString();
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = cause && typeof cause === "object" && "code" in cause ? String((cause as { code: unknown }).code) : null;
  return code ?? (cause instanceof Error ? cause.message : "network error");
}
