import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApiToken } from "@/lib/auth/tokens";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { request } from "../helpers/http-client";
import { TEST_SECRET } from "../helpers/ingest";
import { parsePrometheus, sampleValue } from "../helpers/prometheus";

const baseUrl = inject("baseUrl");
const userIds = inject("userIds");
let db: AppDatabase;
let token: string;

beforeAll(async () => {
  db = createDatabase(inject("databaseUrl"), { poolSize: 2 });
  token = (await createApiToken(db, { name: "prometheus", createdById: userIds.admin }, new Date())).token;
});
afterAll(async () => {
  await db.prisma.$disconnect();
});

const scrape = async () => {
  const result = await request(`${baseUrl}/api/metrics`, { headers: { Authorization: `Bearer ${token}` } });
  expect(result.status).toBe(200);
  expect(result.headers.get("content-type")).toContain("text/plain");
  return parsePrometheus(result.body);
};

const post = (payload: object, secret = TEST_SECRET) => {
  const body = JSON.stringify(payload);
  return fetch(`${baseUrl}/api/webhooks/openphone`, { method: "POST", headers: signedHeaders(body, { secret }), body });
};

describe("GET /api/metrics", () => {
  it("needs an API token or a session", async () => {
    expect((await request(`${baseUrl}/api/metrics`)).status).toBe(401);
    expect((await request(`${baseUrl}/api/metrics`, { headers: { Authorization: "Bearer opi_wrong" } })).status).toBe(401);
  });

  it("a burst of concurrent deliveries is written in fewer transactions than deliveries (group commit)", async () => {
    // The same connections for both bursts (kept alive), so the second one's requests arrive together.
    const warm = await Promise.all(Array.from({ length: 30 }, () => post(messageEvent({}))));
    expect(warm.map((r) => r.status)).toEqual(warm.map(() => 200));
    const before = await scrape();
    const burst = Array.from({ length: 30 }, (_, i) => messageEvent({ participant: `+1415777${String(1000 + (i % 6))}` }));
    const answers = await Promise.all(burst.map((payload) => post(payload)));
    expect(answers.map((r) => r.status)).toEqual(burst.map(() => 200));
    const after = await scrape();
    const delta = (name: string) => sampleValue(after, name) - sampleValue(before, name);
    // Other test files may deliver meanwhile: they count on both sides.
    expect(delta("openphone_inbox_ingest_batch_deliveries_total")).toBeGreaterThanOrEqual(30);
    expect(delta("openphone_inbox_ingest_batches_total")).toBeLessThan(delta("openphone_inbox_ingest_batch_deliveries_total") / 2);
  });

  it("scraped before and after deliveries: counters, histogram and rejections move by exactly what was sent", async () => {
    const before = await scrape();
    const message = messageEvent({});
    expect((await post(message)).status).toBe(200);
    expect((await post(message)).status).toBe(200);
    expect((await post(callEvent({}))).status).toBe(200);
    expect((await post(messageEvent({}), Buffer.from("some other secret, 32 bytes long").toString("base64"))).status).toBe(401);
    const after = await scrape();

    const delta = (name: string, labels: Record<string, string> = {}) => sampleValue(after, name, labels) - sampleValue(before, name, labels);
    expect(delta("openphone_webhook_deliveries_total", { type: "message.received", outcome: "processed" })).toBe(1);
    expect(delta("openphone_webhook_deliveries_total", { type: "message.received", outcome: "duplicate" })).toBe(1);
    expect(delta("openphone_webhook_deliveries_total", { type: "call.completed", outcome: "processed" })).toBe(1);
    expect(delta("openphone_webhook_rejections_total", { reason: "signature_mismatch" })).toBe(1);
    expect(delta("openphone_webhook_processing_seconds_count")).toBe(2);
    expect(sampleValue(after, "openphone_last_delivery_age_seconds")).toBeLessThan(60);
    // Per-instance process metrics ride along.
    expect(after.some((s) => s.name === "openphone_inbox_process_resident_memory_bytes")).toBe(true);
  });
});

describe("GET /api/health", () => {
  it("adds migrations, the last delivery's age and failed events waiting", async () => {
    const result = await request(`${baseUrl}/api/health`);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body).ops).toMatchObject({ migrationsCurrent: true, pendingMigrations: [], failedEventsWaiting: expect.any(Number) });
  });
});
