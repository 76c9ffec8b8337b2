import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, STATIC_SECURITY_HEADERS } from "@/lib/auth/security-headers";

const configUrl = pathToFileURL(path.resolve(import.meta.dirname, "../../next.config.mjs")).href;
const nextConfig = ((await import(configUrl)) as { default: NextConfig }).default;

describe("security headers", () => {
  it("next.config.mjs sends the same static headers on every path", async () => {
    const rules = await nextConfig.headers!();
    expect(rules).toEqual([{ source: "/:path*", headers: STATIC_SECURITY_HEADERS }]);
  });

  it("the CSP allows only our origin, with the nonce for scripts and styles", () => {
    const csp = contentSecurityPolicy("abc123");
    expect(csp).toContain("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).toContain("style-src 'self' 'nonce-abc123'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:|\*|unsafe-eval/);
    expect(contentSecurityPolicy("n", { dev: true })).toContain("'unsafe-eval'");
  });

  it("server actions keep Next's origin check (no allowedOrigins widening)", () => {
    expect(JSON.stringify(nextConfig)).not.toContain("allowedOrigins");
  });
});
