import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sealSecret } from "@/lib/crypto/secret-box";
import { createSigningKeySource, KEY_VERSION_CHECK_MS } from "@/lib/webhooks/signing-keys";
import { TEST_APP_SECRET, TEST_SECRET } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/** The receiver's signing-key cache (lib/webhooks/signing-keys.ts) under concurrent deliveries. */

let db: TestDatabase;
let statements: string[];

beforeEach(async () => {
  statements = [];
  db = await createTestDatabase({ onQuery: (sql) => statements.push(sql) });
});
afterEach(async () => {
  await db.cleanup();
});

const versionChecks = () => statements.filter((sql) => sql.includes("COUNT(*)") && sql.includes("WebhookSubscription")).length;
const keyLoads = () => statements.filter((sql) => sql.startsWith("SELECT") && sql.includes("encryptedKey")).length;

describe(`signing keys (${testDialect()})`, () => {
  it("deliveries that find the cache due share one check and one load", async () => {
    let clock = 1_000_000;
    const source = createSigningKeySource({ prisma: db.prisma, configured: [TEST_SECRET], appSecret: TEST_APP_SECRET, now: () => clock });
    const first = await Promise.all(Array.from({ length: 25 }, () => source.keys()));
    expect(first.every((keys) => keys.length === 1)).toBe(true);
    expect(versionChecks()).toBe(1);
    expect(keyLoads()).toBe(1);

    // A second later the cache is due again: 25 concurrent deliveries still send one check.
    clock += KEY_VERSION_CHECK_MS;
    await Promise.all(Array.from({ length: 25 }, () => source.keys()));
    expect(versionChecks()).toBe(2);
    expect(keyLoads()).toBe(1);
  });

  it("a key stored while a check is in flight is trusted by the next delivery after invalidate()", async () => {
    let clock = 1_000_000;
    const source = createSigningKeySource({ prisma: db.prisma, configured: [], appSecret: TEST_APP_SECRET, now: () => clock });
    expect(await source.keys()).toHaveLength(0);
    clock += KEY_VERSION_CHECK_MS;
    const inFlight = source.keys(); // a check starts and reads the table as it is now
    await db.prisma.webhookSubscription.create({
      data: {
        openphoneId: "WHnew",
        url: "https://inbox.example.com/api/webhooks/openphone",
        events: "[]",
        resourceIds: '["*"]',
        status: "enabled",
        encryptedKey: sealSecret(Buffer.from("a brand-new signing key, 32 byte").toString("base64"), TEST_APP_SECRET),
      },
    });
    source.invalidate();
    expect(await source.keys()).toHaveLength(1);
    await inFlight;
    // The earlier check finished after the invalidation: it did not put its stale view back.
    expect(await source.keys()).toHaveLength(1);
  });
});
