import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { request } from "../helpers/http-client";

// Every server action in the build, called directly (not through the UI): signed out it redirects
// to /login; admin actions answer signed-in staff with 403. Actions added later are covered too.
const PUBLIC_ACTIONS: Record<string, string> = {
  "app/login/actions.ts#signIn": "the sign-in form",
  "app/login/actions.ts#signOut": "signing out needs no session",
  "app/setup/[token]/actions.ts#completeFirstAdminSetup": "one-time setup link; the token is the credential",
  "app/setup/[token]/actions.ts#completeSetPassword": "one-time invite/reset link; the token is the credential",
};

const baseUrl = inject("baseUrl");
const cookies = inject("cookies");
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");

type ManifestEntry = { workers: Record<string, unknown>; filename?: string; exportedName?: string };
const manifest = JSON.parse(fs.readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8")) as {
  node: Record<string, ManifestEntry>;
};

const actions = Object.entries(manifest.node).map(([id, entry]) => ({
  id,
  key: `${entry.filename ?? "?"}#${entry.exportedName ?? "?"}`,
  file: entry.filename ?? "",
  // Any page that bundles the action can receive it; its URL with sample values for [params].
  pageUrl: pageUrl(Object.keys(entry.workers).find((w) => w.endsWith("/page")) ?? "app/page"),
}));
const guarded = actions.filter((a) => !(a.key in PUBLIC_ACTIONS));

function pageUrl(worker: string): string {
  const segments = worker
    .replace(/^app\//, "")
    .replace(/\/?page$/, "")
    .split("/")
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => (/^\[.*\]$/.test(s) ? "x1" : s));
  return `/${segments.join("/")}`;
}

/** What React's client sends for a server action call; `[]` = no arguments (the guard runs first). */
function callAction(action: { id: string; pageUrl: string }, cookie?: string) {
  return request(baseUrl + action.pageUrl, {
    method: "POST",
    headers: {
      "Next-Action": action.id,
      "Content-Type": "text/plain;charset=UTF-8",
      Accept: "text/x-component",
      Origin: baseUrl,
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: "[]",
  });
}

describe("server actions in the build", () => {
  it("include the admin actions, and every public one still exists", () => {
    const keys = actions.map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(["app/admin/users/actions.ts#createUserAction", "app/admin/tokens/actions.ts#revokeApiTokenAction"]));
    for (const key of Object.keys(PUBLIC_ACTIONS)) expect(keys).toContain(key);
  });

  it.each(guarded.map((a) => [a.key, a] as const))("%s: redirects to /login when signed out", async (_key, action) => {
    // proxy.ts lets action calls through; the action's own requireUser()/requireAdmin() answers
    // with the redirect React's router follows, with or without a (forged) cookie.
    for (const cookie of [undefined, "opi_session=forged-session-token-0123456789abcdef"]) {
      const result = await callAction(action, cookie);
      expect(result.headers.get("x-action-redirect") ?? "", `${action.key} → ${result.status}`).toMatch(/^\/login/);
    }
  });

  it("a no-JavaScript form post without a session is sent to sign in with 303", async () => {
    const result = await request(`${baseUrl}/admin/users`, { method: "POST", body: new FormData(), headers: { Origin: baseUrl } });
    expect(result.status).toBe(303);
    expect(result.headers.get("location")).toMatch(/\/login\?next=%2Fadmin%2Fusers$/);
  });

  const adminActions = guarded.filter((a) => a.file.startsWith("app/admin/"));
  it.each(adminActions.map((a) => [a.key, a] as const))("%s: 403 for signed-in staff", async (_key, action) => {
    const result = await callAction(action, cookies.staff);
    expect(result.status).toBe(403);
  });

  it("reject a cross-site call (Next's origin check stays on)", async () => {
    const signIn = actions.find((a) => a.key === "app/login/actions.ts#signIn")!;
    const result = await request(`${baseUrl}/login`, {
      method: "POST",
      headers: { "Next-Action": signIn.id, "Content-Type": "text/plain;charset=UTF-8", Origin: "https://evil.example", Accept: "text/x-component" },
      body: "[]",
    });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.headers.getSetCookie()).toEqual([]);
  });
});
