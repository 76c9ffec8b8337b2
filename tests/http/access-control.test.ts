import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listAppEntries, type AppEntry } from "../helpers/app-routes";
import { request } from "../helpers/http-client";

// Every page and route handler on disk is signed-out-proof, and admin pages answer staff with 403.
// Files added later by anyone are covered automatically; only this allow-list is public.
const PUBLIC_FILES: Record<string, string> = {
  "app/login/page.tsx": "the sign-in form",
  "app/setup/[token]/page.tsx": "one-time setup/invite link; the 256-bit token is the credential",
  "app/api/webhooks/openphone/route.ts": "OpenPhone deliveries, authenticated by their signature",
  "app/api/health/route.ts": "health check for operators and load balancers; no data",
  "app/api/bench/verify/route.ts": "benchmark baseline: 404 unless BENCH_BASELINE is set and x-bench-token carries it, verifies a signature, reads no data",
};

const baseUrl = inject("baseUrl");
const cookies = inject("cookies");
const entries = listAppEntries();
const guarded = entries.filter((e) => !(e.file in PUBLIC_FILES));
const pages = guarded.filter((e) => e.kind === "page");
const routes = guarded.filter((e) => e.kind === "route");
const isAdminArea = (e: AppEntry) => e.file.startsWith("app/admin/") || e.file.startsWith("app/api/admin/");

/** A session cookie that looks real to proxy.ts (so the page/route itself must reject it). */
const FORGED_COOKIE = "opi_session=forged-session-token-0123456789abcdef";
const FORGED_BEARER = "Bearer opi_forged-api-token-0123456789abcdefghijklmnop";

function expectSignInRedirect(result: { status: number; headers: Headers }, url: string) {
  expect([303, 307, 308], `${url} → ${result.status}`).toContain(result.status);
  const location = new URL(result.headers.get("location") ?? "", baseUrl);
  expect(location.pathname, url).toBe("/login");
  if (url !== "/") expect(location.searchParams.get("next"), url).toBe(url);
}

describe("the scan of app/", () => {
  it("finds the pages and routes, and every allow-listed file exists", () => {
    expect(pages.map((e) => e.url)).toEqual(expect.arrayContaining(["/activity", "/conversations", "/admin", "/admin/users", "/admin/tokens"]));
    for (const file of Object.keys(PUBLIC_FILES)) expect(fs.existsSync(path.resolve(file)), file).toBe(true);
    for (const route of routes) expect(route.methods.length, `${route.file} exports an HTTP method`).toBeGreaterThan(0);
  });
});

describe.each(pages.map((e) => [e.url, e] as const))("page %s", (url, entry) => {
  it("redirects to /login?next=… without a session cookie (proxy)", async () => {
    expectSignInRedirect(await request(baseUrl + url), url);
  });

  it("redirects to /login with a forged session cookie (the page's own check)", async () => {
    expectSignInRedirect(await request(baseUrl + url, { headers: { Cookie: FORGED_COOKIE } }), url);
  });

  it("ignores API tokens: pages need a browser session", async () => {
    expectSignInRedirect(await request(baseUrl + url, { headers: { Authorization: FORGED_BEARER } }), url);
  });

  if (isAdminArea(entry)) {
    it("answers signed-in staff with 403, and an admin with the page", async () => {
      const staff = await request(baseUrl + url, { headers: { Cookie: cookies.staff } });
      expect(staff.status).toBe(403);
      expect(staff.body).toContain("Admins only");
      const admin = await request(baseUrl + url, { headers: { Cookie: cookies.admin } });
      expect([200, 404], `admin ${url} → ${admin.status}`).toContain(admin.status);
    });
  } else {
    it("renders for signed-in staff", async () => {
      const staff = await request(baseUrl + url, { headers: { Cookie: cookies.staff } });
      // 404: a dynamic segment filled with a sample id; 307 elsewhere: e.g. / → /activity.
      expect([200, 307, 404], `staff ${url} → ${staff.status}`).toContain(staff.status);
      if (staff.status === 307) expect(staff.headers.get("location")).not.toContain("/login");
    });
  }
});

describe.each(routes.map((e) => [e.url, e] as const))("route %s", (url, entry) => {
  for (const method of entry.methods.filter((m) => m !== "OPTIONS" && m !== "HEAD")) {
    it(`${method}: 401 JSON without credentials, with a forged cookie, and with a forged bearer token`, async () => {
      const variants: Record<string, string>[] = [{}, { Cookie: FORGED_COOKIE }, { Authorization: FORGED_BEARER }, { Authorization: "Basic YTpi" }];
      for (const headers of variants) {
        const result = await request(baseUrl + url, { method, headers });
        expect(result.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(result.headers.get("content-type")).toContain("application/json");
        expect(JSON.parse(result.body)).toMatchObject({ error: "unauthorized" });
      }
    });
  }

  if (entry.methods.includes("GET")) {
    it(`GET: ${isAdminArea(entry) ? "403 for staff" : "let in signed-in staff"}`, async () => {
      const result = await request(baseUrl + url, { headers: { Cookie: cookies.staff } });
      if (isAdminArea(entry)) expect(result.status).toBe(403);
      else expect([200, 400, 404], `staff GET ${url} → ${result.status}`).toContain(result.status);
    });
  }
});

describe("public routes", () => {
  it("the health check and the webhook endpoint answer without signing in", async () => {
    expect((await request(`${baseUrl}/api/health`)).status).toBe(200);
    // Unsigned → 401 from the signature check, not from sign-in: the body says why.
    const webhook = await request(`${baseUrl}/api/webhooks/openphone`, { method: "POST", body: "{}" });
    expect(webhook.status).toBe(401);
    expect(webhook.body).not.toContain("Sign in");
  });

  it("/login and a setup link render without a session", async () => {
    expect((await request(`${baseUrl}/login`)).status).toBe(200);
    expect((await request(`${baseUrl}/setup/not-a-real-token-000000000000`)).body).toContain("This link no longer works");
  });

  it("demo media under /public/demo stays public (demo content, not customer data)", async () => {
    const dir = path.resolve("public/demo");
    const first = fs.readdirSync(dir, { recursive: true, withFileTypes: true }).find((f) => f.isFile());
    if (!first) return;
    const rel = path.relative(path.resolve("public"), path.join(first.parentPath, first.name)).split(path.sep).join("/");
    expect((await request(`${baseUrl}/${rel}`)).status).toBe(200);
  });
});
