import fs from "node:fs";
import path from "node:path";
import { createLogger } from "@/lib/log";
import { prepareSecrets } from "@/lib/openphone/signature";
import { signedHeaders, type SignatureStyle } from "@/lib/simulator/sign";
import { ingestWebhook, type IngestDeps, type IngestResult } from "@/lib/webhooks/ingest";
import { createSigningKeySource } from "@/lib/webhooks/signing-keys";
import type { AppDatabase } from "@/lib/db/types";

/** The signing secret the tests configure (base64 of 32 bytes). */
export const TEST_SECRET = Buffer.from("integration-test-signing-secret!").toString("base64");
export const TEST_APP_SECRET = "integration-test-app-secret-0123456789abcdef";

export const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures/openphone");

export function readFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES_DIR, "events", name), "utf8");
}

export function fixtureNames(): string[] {
  return fs.readdirSync(path.join(FIXTURES_DIR, "events")).filter((f) => f.endsWith(".json")).sort();
}

export type PostOptions = {
  secret?: string;
  style?: SignatureStyle;
  nowMs?: number;
  /** The Standard-Webhooks `webhook-id` (signed with the body); random when not given. */
  deliveryId?: string;
  headers?: Record<string, string>;
};

/** ingestWebhook bound to a test database, posting bodies signed like OpenPhone would. */
export function createPoster(db: AppDatabase, overrides: Partial<IngestDeps> = {}) {
  const keys = createSigningKeySource({ prisma: db.prisma, configured: [TEST_SECRET], appSecret: TEST_APP_SECRET });
  const deps: IngestDeps = {
    db,
    signingKeys: keys.keys,
    maxBodyBytes: 1024 * 1024,
    toleranceSeconds: 300,
    // TEST_LOG=error shows the pipeline's own log lines when debugging a failure.
    log: createLogger((process.env.TEST_LOG as "error" | undefined) ?? "silent"),
    ...overrides,
  };
  const post = (payload: string | object, options: PostOptions = {}): Promise<IngestResult> => {
    const body = typeof payload === "string" ? payload : JSON.stringify(payload);
    const nowMs = options.nowMs ?? Date.now();
    const headers = new Headers({
      ...signedHeaders(body, { secret: options.secret ?? TEST_SECRET, style: options.style, nowMs, deliveryId: options.deliveryId }),
      ...options.headers,
    });
    return ingestWebhook(deps, { headers, rawBody: new TextEncoder().encode(body), now: new Date(nowMs) });
  };
  return { post, deps, invalidateKeys: keys.invalidate, configuredKeys: prepareSecrets([TEST_SECRET]) };
}
