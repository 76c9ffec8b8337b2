import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadEnv } from "@/lib/env";

const base = { APP_SECRET: "x".repeat(32), APP_SECRET_FILE: path.join(os.tmpdir(), "unused-secret") };

describe("auth configuration", () => {
  it("defaults: sessions last 7 days, no admin from the environment", () => {
    const env = loadEnv(base);
    expect(env.SESSION_TTL_HOURS).toBe(168);
    expect(env.ADMIN_EMAIL).toBeUndefined();
  });

  it("ADMIN_EMAIL and ADMIN_PASSWORD come together and are validated", () => {
    expect(loadEnv({ ...base, ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "long enough password" }).ADMIN_EMAIL).toBe("ops@example.com");
    expect(() => loadEnv({ ...base, ADMIN_EMAIL: "ops@example.com" })).toThrow(ConfigError);
    expect(() => loadEnv({ ...base, ADMIN_PASSWORD: "long enough password" })).toThrow(/ADMIN_EMAIL/);
    expect(() => loadEnv({ ...base, ADMIN_EMAIL: "not-an-email", ADMIN_PASSWORD: "long enough password" })).toThrow(/ADMIN_EMAIL: must be an email/);
    expect(() => loadEnv({ ...base, ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "short" })).toThrow(/ADMIN_PASSWORD: must be 12/);
    expect(() => loadEnv({ ...base, SESSION_TTL_HOURS: "0" })).toThrow(/SESSION_TTL_HOURS/);
  });

  it("BENCH_BASELINE is off unless set to a token of at least 32 characters, and a short value stops the start", () => {
    expect(loadEnv(base).BENCH_BASELINE).toBeUndefined();
    expect(loadEnv({ ...base, BENCH_BASELINE: "t".repeat(32) }).BENCH_BASELINE).toBe("t".repeat(32));
    expect(() => loadEnv({ ...base, BENCH_BASELINE: "1" })).toThrow(/BENCH_BASELINE: must be a token of at least 32 characters/);
  });
});
