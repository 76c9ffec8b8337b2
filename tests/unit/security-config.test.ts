import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/env";
import { signingSecretProblem } from "@/lib/openphone/signature";

const base = { APP_SECRET: "x".repeat(32), APP_SECRET_FILE: path.join(os.tmpdir(), "unused-secret") };
const strongKey = Buffer.alloc(32, 7).toString("base64");

describe("signing secrets", () => {
  it("refuses a secret that decodes to fewer than 24 bytes, with one clear line", () => {
    expect(signingSecretProblem("AA==")).toMatch(/decodes to 1 bytes; at least 24 bytes/);
    expect(() => loadEnv({ ...base, OPENPHONE_WEBHOOK_SIGNING_KEY: "AA" })).toThrow(ConfigError);
    expect(() => loadEnv({ ...base, OPENPHONE_WEBHOOK_SIGNING_KEY: `${strongKey},AA==` })).toThrow(/^Invalid configuration: OPENPHONE_WEBHOOK_SIGNING_KEY: secret 2 decodes to 1 bytes; at least 24 bytes are required$/);
    expect(() => loadEnv({ ...base, OPENPHONE_WEBHOOK_SIGNING_KEY: Buffer.alloc(23, 1).toString("base64") })).toThrow(/24 bytes/);
  });

  it("refuses text that is not canonical base64 (it would decode to something else)", () => {
    expect(signingSecretProblem("this is not base64 but is long enough!!")).toMatch(/base64/);
    // Trailing bits set: decodes, but does not round-trip.
    expect(signingSecretProblem(Buffer.alloc(25, 1).toString("base64").replace(/AQ==$/, "AR=="))).toMatch(/base64/);
    expect(signingSecretProblem("AA")).toMatch(/base64/);
    expect(signingSecretProblem(Buffer.alloc(32, 1).toString("base64").replace(/=+$/, "") + "!")).toMatch(/base64/);
  });

  it("accepts strong base64 and whsec_ secrets", () => {
    expect(signingSecretProblem(strongKey)).toBeNull();
    expect(signingSecretProblem(`whsec_${Buffer.alloc(24, 3).toString("base64")}`)).toBeNull();
    expect(signingSecretProblem(`whsec_${Buffer.alloc(16, 3).toString("base64")}`)).toMatch(/24 bytes/);
    expect(loadEnv({ ...base, OPENPHONE_WEBHOOK_SIGNING_KEY: ` ${strongKey} ` }).OPENPHONE_WEBHOOK_SIGNING_KEY).toEqual([strongKey]);
  });
});

describe("security settings", () => {
  it("defaults are the safe ones", () => {
    const env = loadEnv(base);
    expect(env.TRUSTED_PROXY_HOPS).toBe(0);
    expect(env.WEBHOOK_MAX_BODY_BYTES).toBe(256 * 1024);
    expect(env.MEDIA_ALLOWED_HOSTS).toEqual(["*.openphone.com", "*.openphone.co", "*.quo.com", "storage.googleapis.com"]);
    expect(env.SESSION_IDLE_HOURS).toBe(24);
    expect(env.SETUP_LINK_FILE).toBeUndefined();
    expect(env.BENCH_BASELINE).toBeUndefined();
  });

  it("validates each setting", () => {
    expect(loadEnv({ ...base, TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    expect(() => loadEnv({ ...base, TRUSTED_PROXY_HOPS: "-1" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => loadEnv({ ...base, TRUSTED_PROXY_HOPS: "one" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(loadEnv({ ...base, MEDIA_ALLOWED_HOSTS: "media.example.com, *.cdn.example.com,127.0.0.1:4010" }).MEDIA_ALLOWED_HOSTS).toEqual([
      "media.example.com",
      "*.cdn.example.com",
      "127.0.0.1:4010",
    ]);
    expect(() => loadEnv({ ...base, MEDIA_ALLOWED_HOSTS: "https://media.example.com/x" })).toThrow(/MEDIA_ALLOWED_HOSTS/);
    expect(() => loadEnv({ ...base, SESSION_IDLE_HOURS: "0" })).toThrow(/SESSION_IDLE_HOURS/);
    expect(() => loadEnv({ ...base, BENCH_BASELINE: "short" })).toThrow(/BENCH_BASELINE: .*32/);
    expect(loadEnv({ ...base, BENCH_BASELINE: "b".repeat(32) }).BENCH_BASELINE).toBe("b".repeat(32));
    expect(loadEnv({ ...base, SETUP_LINK_FILE: "./data/setup-link" }).SETUP_LINK_FILE).toBe("./data/setup-link");
  });
});
