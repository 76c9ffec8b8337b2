import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageEvent } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

// Found by the reliability suite's fuzzing: PostgreSQL text cannot hold U+0000, so a signed
// delivery with one (escaped in a JSON string, or a raw byte in a malformed body) answered 500
// and OpenPhone would have retried it for a day.
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.cleanup();
});

describe("a signed delivery with NUL characters", () => {
  it("inside JSON strings: processed, stored without the NUL", async () => {
    const event = messageEvent({ text: "before\u0000after" });
    const { post } = createPoster(db);
    const result = await post(event);
    expect(result).toMatchObject({ httpStatus: 200, outcome: "processed" });
    const message = await db.prisma.message.findFirstOrThrow({ where: { openphoneId: (event.data as { object: { id: string } }).object.id } });
    expect(message.text).toBe("before\uFFFDafter");
  });

  it("as a raw byte in a body that is not JSON (the parser's message quotes it): stored as invalid", async () => {
    const { post } = createPoster(db);
    const result = await post("cb\u0000");
    expect(result).toMatchObject({ httpStatus: 200, outcome: "invalid" });
    const row = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "eventId" in result ? result.eventId : "" } });
    expect(row.lastError).not.toContain("\u0000");
  });

  it("as a raw byte in a malformed body: stored as invalid", async () => {
    const { post } = createPoster(db);
    const result = await post('{"id": "EVnul\u0000", "type":');
    expect(result).toMatchObject({ httpStatus: 200, outcome: "invalid" });
    const row = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "eventId" in result ? result.eventId : "" } });
    expect(row.rawBody).toBe('{"id": "EVnul\uFFFD", "type":');
  });
});
