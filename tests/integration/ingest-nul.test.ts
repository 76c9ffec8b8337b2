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

describe("a signed delivery with NUL characters or lone surrogates", () => {
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

  it("a lone surrogate escaped in the event id and text: stored as U+FFFD, found by the id the answer names", async () => {
    // Found by the fuzzer: better-sqlite3 wrote "\ud800" as bytes that are not UTF-8, so the id read
    // back differed from the acknowledged one (PostgreSQL's driver wrote U+FFFD). Both now store U+FFFD.
    const event = messageEvent({ text: "lone \ud800 and \udfff, pair \ud83d\ude00" });
    const id = `\ud800${event.id}`;
    const { post } = createPoster(db);
    const result = await post({ ...event, id });
    expect(result).toMatchObject({ httpStatus: 200, outcome: "processed", eventId: `\uFFFD${event.id}` });
    const row = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: `\uFFFD${event.id}` } });
    expect(row.eventId).toBe(`\uFFFD${event.id}`);
    const message = await db.prisma.message.findFirstOrThrow({ where: { openphoneId: (event.data as { object: { id: string } }).object.id } });
    expect(message.text).toBe("lone \uFFFD and \uFFFD, pair \ud83d\ude00");
  });
});
