import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { listAppEntries } from "../helpers/app-routes";
import { request } from "../helpers/http-client";
import { recordFigure } from "./summary";

// Every page and route handler the build contains (its app-path-routes manifest, so anything added
// later is covered), called signed out, with a forged session, and as staff on the admin area.
// The reliability project also runs tests/http/access-control.test.ts (the same from app/, with
// roles per API route), tests/http/server-actions.test.ts (every server action in the build),
// tests/http/hardening.test.ts (slow bodies, SSRF through a real server), tests/http/secret-leak.test.ts
// and tests/unit/media-ssrf.test.ts (loopback, private, link-local, metadata, redirects, DNS).
const baseUrl = inject("baseUrl");
const cookies = inject("cookies");
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;

/** Reachable without signing in, and why. */
const PUBLIC: Record<string, string> = {
  "/login": "the sign-in page",
  "/setup/[token]": "one-time setup link; the token is the credential",
  "/api/health": "load balancers' health check",
  "/api/webhooks/openphone": "OpenPhone's deliveries, verified by signature",
  "/api/bench/verify": "404 unless BENCH_BASELINE and its token are given",
  "/_not-found": "Next's 404 page",
  "/_global-error": "Next's error page",
};

const entries = Object.entries(manifest).map(([file, url]) => ({
  file,
  route: url,
  kind: file.endsWith("/route") ? ("route" as const) : ("page" as const),
  url: url.replace(/\[[^\]]+\]/g, "x1"),
}));
const guarded = entries.filter((e) => !(e.route in PUBLIC));
const FORGED = "opi_session=forged-session-token-0000000000000000";

describe("every page and route in the build refuses hostile access", () => {
  it("the build manifest and the app/ scan of the access-control test list the same routes", () => {
    const scanned = new Set(listAppEntries().map((e) => e.url.replace(/\/x1/g, "/[x]")));
    const built = entries.filter((e) => !e.route.startsWith("/_")).map((e) => e.route.replace(/\[[^\]]+\]/g, "[x]"));
    recordFigure("hostile", "pages and routes in the build", entries.length);
    expect(built.filter((r) => !scanned.has(r))).toEqual([]);
  });

  it("signed out or with a forged session: pages send to /login, API routes answer 401 (or 405)", async () => {
    const wrong: string[] = [];
    let calls = 0;
    for (const entry of guarded) {
      for (const cookie of [undefined, FORGED]) {
        const headers = cookie ? { cookie } : undefined;
        if (entry.kind === "page") {
          const res = await request(baseUrl + entry.url, { headers });
          calls++;
          const location = res.headers.get("location") ?? "";
          if (!(res.status >= 300 && res.status < 400 && location.includes("/login"))) wrong.push(`${entry.url} ${cookie ? "forged" : "signed out"}: ${res.status} ${location}`);
        } else {
          for (const method of ["GET", "POST", "DELETE"]) {
            const res = await request(baseUrl + entry.url, { method, headers });
            calls++;
            if (![401, 405].includes(res.status)) wrong.push(`${method} ${entry.url} ${cookie ? "forged" : "signed out"}: ${res.status}`);
          }
        }
      }
    }
    recordFigure("hostile", "signed-out / forged-session requests refused", `${calls - wrong.length}/${calls}`);
    expect(wrong).toEqual([]);
  });

  it("staff get 403 on every admin page", async () => {
    const admin = guarded.filter((e) => e.kind === "page" && e.route.startsWith("/admin"));
    const wrong: string[] = [];
    for (const entry of admin) {
      const res = await request(baseUrl + entry.url, { headers: { cookie: cookies.staff } });
      if (res.status !== 403) wrong.push(`${entry.url}: ${res.status}`);
    }
    recordFigure("hostile", "admin pages refused to staff (403)", `${admin.length - wrong.length}/${admin.length}`);
    expect(admin.length).toBeGreaterThan(3);
    expect(wrong).toEqual([]);
  });
});
