import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { request } from "../helpers/http-client";
import { HTTP_TEST_SECRETS } from "../helpers/http-global-setup";

// The test server runs (and, when stale, builds) with these secrets in its environment; nothing a
// browser can download may contain them.
const distDir = path.resolve(process.env.NEXT_DIST_DIR || ".next");
const baseUrl = inject("baseUrl");
const cookies = inject("cookies");

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile()).map((f) => path.join(f.parentPath, f.name));
}

const secretValues = Object.entries(HTTP_TEST_SECRETS).map(([name, value]) => [name, value] as const);

describe("secrets never reach the browser", () => {
  it("the client bundles (<distDir>/static) contain no configured secret value", () => {
    const files = filesUnder(path.join(distDir, "static"));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = fs.readFileSync(file, "latin1");
      for (const [name, value] of secretValues) {
        expect(text.includes(value), `${name} in ${path.relative(distDir, file)}`).toBe(false);
        // The base64 signing key is also checked decoded (its raw bytes).
        if (name === "OPENPHONE_WEBHOOK_SIGNING_KEY") expect(text.includes(Buffer.from(value, "base64").toString("latin1"))).toBe(false);
      }
    }
  });

  it("no client chunk bundles the server configuration module", () => {
    for (const file of filesUnder(path.join(distDir, "static")).filter((f) => f.endsWith(".js"))) {
      const text = fs.readFileSync(file, "utf8");
      expect(text.includes("APP_SECRET_FILE"), path.relative(distDir, file)).toBe(false);
      expect(text.includes("OPENPHONE_API_BASE_URL"), path.relative(distDir, file)).toBe(false);
    }
  });

  it.each(["/activity", "/conversations", "/admin", "/admin/users", "/admin/tokens", "/login"])("the HTML and RSC payload of %s contain none", async (url) => {
    const variants: Record<string, string>[] = [{ Cookie: cookies.admin }, { Cookie: cookies.admin, RSC: "1" }];
    for (const headers of variants) {
      const result = await request(baseUrl + url, { headers });
      for (const [name, value] of secretValues) expect(result.body.includes(value), `${name} in ${url}`).toBe(false);
    }
  });
});
