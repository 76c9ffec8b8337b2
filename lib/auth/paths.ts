/**
 * Which paths proxy.ts lets through without a session cookie. Not the access control: every page,
 * route handler and server action checks on the server (tests/http/access-control.test.ts keeps its
 * own explicit allow-list of public files).
 */
export const PUBLIC_API_ROUTES = [
  "/api/webhooks/openphone",
  "/api/health",
  // The benchmark's verify-only baseline: 404 unless BENCH_BASELINE is set and the request carries it in x-bench-token; reads no data.
  "/api/bench/verify",
] as const;

export function isPublicPath(pathname: string): boolean {
  return (
    pathname === "/login" ||
    pathname.startsWith("/setup/") ||
    (PUBLIC_API_ROUTES as readonly string[]).includes(pathname) ||
    pathname.startsWith("/_next/") ||
    pathname.startsWith("/demo/") ||
    pathname === "/favicon.ico" ||
    pathname === "/icon.svg" ||
    pathname === "/robots.txt"
  );
}

/** The proxy copies the requested path (with query) into this request header for `/login?next=`. */
export const REQUEST_PATH_HEADER = "x-request-path";

/** Only same-origin absolute paths: never `//evil.example`, `/\evil.example` or a header injection. */
export function isSafeNextPath(path: string | null | undefined): path is string {
  return (
    typeof path === "string" &&
    path.startsWith("/") &&
    !path.startsWith("//") &&
    !path.startsWith("/\\") &&
    !/[\u0000-\u001f]/.test(path) &&
    path.length <= 2048
  );
}

export function signInUrl(nextPath: string | null | undefined): string {
  return isSafeNextPath(nextPath) && nextPath !== "/" && !nextPath.startsWith("/login")
    ? `/login?next=${encodeURIComponent(nextPath)}`
    : "/login";
}
