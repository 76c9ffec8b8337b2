import { describe, expect, it } from "vitest";
import { isPublicPath, isSafeNextPath, signInUrl } from "@/lib/auth/paths";
import { isHttpsRequest, readCookie, sessionCookieAttributes } from "@/lib/auth/session-cookie";
import { clientIp } from "@/lib/auth/sign-in";

describe("sign-in redirects", () => {
  it("only follow same-origin paths", () => {
    for (const ok of ["/activity", "/conversations?x=1", "/admin/users"]) expect(isSafeNextPath(ok)).toBe(true);
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example", "evil", "/a\nb", "", null, undefined]) {
      expect(isSafeNextPath(bad)).toBe(false);
    }
    expect(signInUrl("/activity?q=a b")).toBe("/login?next=%2Factivity%3Fq%3Da%20b");
    expect(signInUrl("/")).toBe("/login");
    expect(signInUrl("//evil")).toBe("/login");
    expect(signInUrl("/login?next=/x")).toBe("/login");
  });

  it("public paths are the sign-in and setup pages, webhook, health and static assets only", () => {
    for (const p of ["/login", "/setup/abc", "/api/webhooks/openphone", "/api/health", "/_next/static/x.js", "/demo/audio/a.mp3"]) expect(isPublicPath(p)).toBe(true);
    for (const p of ["/", "/activity", "/admin", "/api/activity", "/api/media/recording/1", "/login2", "/setup", "/api/healthz", "/api/webhooks/openphone/x"]) {
      expect(isPublicPath(p), p).toBe(false);
    }
  });
});

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, and Secure only over https", () => {
    const expires = new Date("2026-01-01T00:00:00Z");
    expect(sessionCookieAttributes(expires, false)).toEqual({ httpOnly: true, sameSite: "lax", secure: false, path: "/", expires });
    expect(isHttpsRequest("https")).toBe(true);
    expect(isHttpsRequest("https,http")).toBe(true);
    expect(isHttpsRequest("http")).toBe(false);
    expect(isHttpsRequest(null, "https://inbox.example.com")).toBe(true);
    expect(isHttpsRequest(null, "http://localhost:3000")).toBe(false);
  });

  it("is read from a Cookie header", () => {
    expect(readCookie("a=1; opi_session=abc%3D; b=2", "opi_session")).toBe("abc=");
    expect(readCookie("xopi_session=1", "opi_session")).toBeUndefined();
    expect(readCookie(null, "opi_session")).toBeUndefined();
  });
});

describe("client address for per-IP limits", () => {
  it("is the right-most X-Forwarded-For entry (the one our proxy saw)", () => {
    expect(clientIp("1.1.1.1, 10.0.0.2")).toBe("10.0.0.2");
    expect(clientIp("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(clientIp(null)).toBe("unknown");
  });
});
