import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageEvent } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * The receiver's hot path, counted in SQL statements (Prisma's query events: every statement plus
 * COMMIT; BEGIN is not reported): each one costs a round trip and Prisma's per-query overhead,
 * which is what limits ingest throughput. The limits are the counts after issue 14's cuts (before:
 * 18 / 13 / 2 on SQLite, 19 / 15 / 2 on PostgreSQL); raising one needs a reason. A delivery alone
 * is counted here; in a batch, the number lookup, processing time, COMMIT and NOTIFY are shared.
 */
const postgres = testDialect() === "postgres";
const LIMITS = {
  // event upsert, number, contact (insert … returning), conversation (insert … returning), message,
  // activity row, processing time, COMMIT; PostgreSQL adds the live-update NOTIFY.
  firstMessageOfConversation: postgres ? 12 : 11,
  // event upsert, number, conversation (found, names the contact and its lastActivityAt moved
  // forward in one UPDATE … RETURNING), message, activity row, processing time, COMMIT (+ NOTIFY).
  messageInKnownConversation: postgres ? 8 : 7,
  // event upsert (counts the duplicate), COMMIT.
  duplicate: 2,
};

let db: TestDatabase;
let statements: string[] = [];
let poster: ReturnType<typeof createPoster>;

beforeAll(async () => {
  // The signing keys' once-a-second version check is not part of a delivery's transaction.
  db = await createTestDatabase({ onQuery: (sql) => (sql.includes("WebhookSubscription") ? undefined : statements.push(sql)) });
  poster = createPoster(db);
  // The first delivery of a process also sets the connection up (PRAGMA synchronous on SQLite).
  await poster.post(messageEvent({ phoneNumberId: "PNwarmup01", participant: "+14155550900", text: "warm-up" }));
});
afterAll(async () => {
  await db.cleanup();
});

async function countStatements(body: object): Promise<{ outcome: string; statements: string[] }> {
  statements = [];
  const result = await poster.post(body);
  const seen = statements;
  statements = [];
  return { outcome: result.outcome, statements: seen };
}

describe(`statements per delivery (${testDialect()})`, () => {
  const at = new Date("2026-06-01T10:00:00Z");
  const first = messageEvent({ eventId: "EVstmt1", id: "ACstmt1", participant: "+14155550901", text: "first", createdAt: at });

  it("a message.received that opens a new conversation", async () => {
    const { outcome, statements: seen } = await countStatements(first);
    expect(outcome).toBe("processed");
    expect(seen.length, seen.join("\n")).toBeLessThanOrEqual(LIMITS.firstMessageOfConversation);
  });

  it("a message.received in a known conversation", async () => {
    const next = messageEvent({ eventId: "EVstmt2", id: "ACstmt2", participant: "+14155550901", text: "second", createdAt: new Date(at.getTime() + 1000) });
    const { outcome, statements: seen } = await countStatements(next);
    expect(outcome).toBe("processed");
    expect(seen.length, seen.join("\n")).toBeLessThanOrEqual(LIMITS.messageInKnownConversation);
  });

  it("a duplicate delivery", async () => {
    const { outcome, statements: seen } = await countStatements(first);
    expect(outcome).toBe("duplicate");
    expect(seen.length, seen.join("\n")).toBeLessThanOrEqual(LIMITS.duplicate);
  });
});
