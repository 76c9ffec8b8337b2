/**
 * The one place an error becomes an HTTP answer. Every error body is `{ error: <code>, message, …details }`
 * with `Cache-Control: no-store`, and the code decides the status, so the two cannot drift apart.
 * Expected failures are values until the edge (`errorResponse`); unexpected throws become a logged
 * 500 without internals (`unexpectedErrorResponse`, put around every route handler by
 * lib/http/with-error-responses.ts). The webhook endpoint answers OpenPhone in its own shape
 * (lib/webhooks/response.ts). No Next imports: proxy.ts and plain unit tests use this module.
 */
export const ERROR_STATUS = {
  invalid_query: 400,
  bad_cursor: 400,
  unauthorized: 401,
  invalid_signature: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  range_not_satisfiable: 416,
  internal_error: 500,
  bad_upstream_url: 502,
  upstream_not_found: 502,
  upstream_timeout: 502,
  upstream_unreachable: 502,
  upstream_error: 502,
  upstream_too_large: 502,
  too_many_redirects: 502,
  refused_upstream_url: 502,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** An expected failure as a value, for lib functions whose callers answer HTTP. */
export type ApiError = { code: ErrorCode; message: string; details?: Record<string, unknown> };

export function errorResponse(
  code: ErrorCode,
  message: string,
  options: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Response {
  return Response.json(
    { error: code, message, ...options.details },
    { status: ERROR_STATUS[code], headers: { "Cache-Control": "no-store", ...options.headers } },
  );
}

export function apiErrorResponse(error: ApiError): Response {
  return errorResponse(error.code, error.message, { details: error.details });
}

/** No (valid) session cookie or API token: the same answer from proxy.ts and the route guards. */
export function unauthorizedResponse(): Response {
  return errorResponse("unauthorized", "Sign in, or send Authorization: Bearer <API token>.", {
    headers: { "WWW-Authenticate": 'Bearer realm="openphone-inbox"' },
  });
}

export function forbiddenResponse(): Response {
  return errorResponse("forbidden", "This needs an admin account.");
}

/** An unexpected failure: logged with its stack on the server, answered without any internal detail. */
export async function unexpectedErrorResponse(error: unknown, route: string): Promise<Response> {
  // Loaded on this path only: proxy.ts imports this module and must stay light.
  const { log } = await import("../log");
  log().error("route_failed", { route, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  return errorResponse("internal_error", "Something went wrong on our side. Try again in a moment.");
}
