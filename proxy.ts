import { NextResponse, type NextRequest } from "next/server";
import { unauthorizedResponse } from "./lib/http/errors";
import { isPublicPath, REQUEST_PATH_HEADER, signInUrl } from "./lib/auth/paths";
import { contentSecurityPolicy, NONCE_HEADER } from "./lib/auth/security-headers";
import { HSTS_VALUE, isHttpsRequest, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "./lib/auth/session-cookie";
import { env } from "./lib/env";

/**
 * Cheap, early work only: a per-request CSP nonce, and sending visitors without a session cookie to
 * /login (API: 401). Whether the cookie is *valid*, and the role, is checked by every page, route
 * handler and server action on the server (lib/auth/guards.ts); this is not the access control.
 */
export function proxy(request: NextRequest): Response {
  const { pathname, search } = request.nextUrl;
  const isApi = pathname.startsWith("/api/");
  const hasCredentials =
    request.cookies.has(SESSION_COOKIE) || request.cookies.has(SECURE_SESSION_COOKIE) || (isApi && request.headers.has("authorization"));
  // X-Forwarded-Proto is trustworthy here: scripts/server.mjs drops a client's own unless behind a trusted proxy.
  const https = isHttpsRequest(request.headers.get("x-forwarded-proto"), env().WEBHOOK_BASE_URL);
  // A server action called by React: its own requireUser() answers with a redirect the client
  // router follows (a 3xx here would make the browser re-POST the action to /login).
  const isActionCall = request.method === "POST" && request.headers.has("next-action");

  if (!hasCredentials && !isActionCall && !isPublicPath(pathname)) {
    if (isApi) return withHsts(unauthorizedResponse(), https);
    // 303 for form posts (no-JavaScript server actions): the browser follows with a GET.
    const status = request.method === "GET" || request.method === "HEAD" ? 307 : 303;
    return withHsts(NextResponse.redirect(new URL(signInUrl(pathname + search), request.url), status), https);
  }

  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  // Next reads the nonce from the request's CSP and puts it on its own scripts.
  requestHeaders.set("content-security-policy", csp);
  requestHeaders.set(REQUEST_PATH_HEADER, pathname + search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (!isApi) response.headers.set("Content-Security-Policy", csp);
  return withHsts(response, https);
}

function withHsts<R extends Response>(response: R, https: boolean): R {
  if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
  return response;
}

export const config = {
  // Not the webhook (hot path, signed, public), static build output, or the public demo media.
  // /api/bench/verify: the benchmark's baseline must cost what the webhook costs (404 unless BENCH_BASELINE is set and sent).
  matcher: ["/((?!api/webhooks/openphone|api/bench/verify|_next/static|_next/image|demo/|favicon\\.ico).*)"],
};
