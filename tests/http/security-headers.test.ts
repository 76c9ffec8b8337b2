import { describe, expect, inject, it } from "vitest";
import { request } from "../helpers/http-client";

const baseUrl = inject("baseUrl");
const cookies = inject("cookies");

function nonceOf(csp: string): string {
  return /'nonce-([^']+)'/.exec(csp)![1]!;
}

describe("security headers", () => {
  it.each([
    ["/login", undefined],
    ["/activity", cookies.staff],
    ["/admin/users", cookies.admin],
    ["/admin", cookies.staff], // the 403 page too
  ])("%s carries a nonce CSP that allows only our origin, and the other headers", async (path, cookie) => {
    const result = await request(baseUrl + path, { headers: cookie ? { Cookie: cookie } : {} });
    const csp = result.headers.get("content-security-policy")!;
    expect(csp).toBeTruthy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/'unsafe-eval'|https?:|\*/);
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'(;|$)/);
    expect(result.headers.get("x-content-type-options")).toBe("nosniff");
    expect(result.headers.get("x-frame-options")).toBe("DENY");
    expect(result.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    // Every <script> (Next's and the inline theme script) carries this request's nonce.
    const nonce = nonceOf(csp);
    const scripts = result.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("uses a fresh nonce per request", async () => {
    const a = (await request(`${baseUrl}/login`)).headers.get("content-security-policy")!;
    const b = (await request(`${baseUrl}/login`)).headers.get("content-security-policy")!;
    expect(nonceOf(a)).not.toBe(nonceOf(b));
  });

  it("API responses and static files get the static headers too", async () => {
    for (const path of ["/api/health", "/api/me"]) {
      const result = await request(baseUrl + path);
      expect(result.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(result.headers.get("x-frame-options"), path).toBe("DENY");
    }
  });
});
