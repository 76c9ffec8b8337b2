import { createCipheriv, createHash, randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/crypto/secret-box";
import { resetEnvForTests } from "@/lib/env";
import { signedHeaders } from "@/lib/simulator/sign";
import { benchVerifyOnly } from "@/lib/webhooks/bench-baseline";

const SECRET = Buffer.alloc(32, 9).toString("base64");
const TOKEN = "bench-token-0123456789abcdef0123456789";
const saved = { ...process.env };

function configure(values: Record<string, string | undefined>) {
  process.env = { ...saved, APP_SECRET: "a".repeat(32), APP_SECRET_FILE: path.join(os.tmpdir(), "unused"), OPENPHONE_WEBHOOK_SIGNING_KEY: SECRET, ...values };
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k];
  resetEnvForTests();
}

function signedRequest(headers: Record<string, string> = {}): Request {
  const body = JSON.stringify({ id: "EVbench", type: "message.received" });
  return new Request("http://localhost/api/bench/verify", { method: "POST", body, headers: { ...signedHeaders(body, { secret: SECRET }), ...headers } });
}

afterEach(() => {
  process.env = { ...saved };
  resetEnvForTests();
});

describe("benchmark verify-only route", () => {
  it("answers 404 without BENCH_BASELINE, without the token header, or with a wrong token", async () => {
    configure({ BENCH_BASELINE: undefined });
    expect((await benchVerifyOnly(signedRequest({ "x-bench-token": TOKEN }))).status).toBe(404);
    configure({ BENCH_BASELINE: TOKEN });
    expect((await benchVerifyOnly(signedRequest())).status).toBe(404);
    expect((await benchVerifyOnly(signedRequest({ "x-bench-token": `${TOKEN}x` }))).status).toBe(404);
    expect((await benchVerifyOnly(signedRequest({ "x-bench-token": TOKEN.slice(1) }))).status).toBe(404);
  });

  it("verifies a signed delivery when the request carries the configured token", async () => {
    configure({ BENCH_BASELINE: TOKEN });
    expect((await benchVerifyOnly(signedRequest({ "x-bench-token": TOKEN }))).status).toBe(200);
  });
});

describe("secret box", () => {
  it("round-trips and refuses a box whose authentication tag was shortened", () => {
    const appSecret = "s".repeat(32);
    const sealed = sealSecret("whsec_signing-key", appSecret);
    expect(openSecret(sealed, appSecret)).toBe("whsec_signing-key");
    // A 4-byte tag would be accepted by GCM unless the decipher pins the length: 2^32 forgeries.
    const [version, iv, tag, ciphertext] = sealed.split(".");
    expect(openSecret([version, iv, Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url"), ciphertext].join("."), appSecret)).toBeNull();
  });

  it("refuses a box sealed with a short tag even when the ciphertext is genuine", () => {
    const appSecret = "s".repeat(32);
    const key = createHash("sha256").update(`openphone-inbox:secret-box:v1:${appSecret}`).digest();
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: 8 });
    const ciphertext = Buffer.concat([cipher.update("short-tag", "utf8"), cipher.final()]);
    const sealed = ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
    expect(openSecret(sealed, appSecret)).toBeNull();
  });
});
