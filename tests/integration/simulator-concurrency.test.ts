import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { callEvent, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * What the simulator's concurrent sending exposed: deliveries about the same call or message that
 * are processed at the same moment must not overwrite each other's work. On PostgreSQL (READ
 * COMMITTED) a projection that reads a row, then writes what it derived from it, loses the other
 * transaction's update unless it locks the row first; SQLite serialises transactions, so only
 * PostgreSQL can fail here. Each case is repeated because one race is not always lost.
 */

const ROUNDS = 20;
const at = new Date("2026-06-01T10:00:00Z");

let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;
beforeEach(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
});
afterEach(async () => {
  await db.cleanup();
});

describe(`concurrent deliveries about one resource (${testDialect()})`, () => {
  it("a call's recording, summary and transcript arriving together all show on its timeline row", async () => {
    const lost: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const callId = `ACconc${round}`;
      await poster.post(callEvent({ id: callId, createdAt: at }));
      await Promise.all([recordingEvent({ callId }), summaryEvent({ callId }), transcriptEvent({ callId })].map((body) => poster.post(body)));
      const row = await db.prisma.activity.findFirstOrThrow({ where: { call: { openphoneId: callId } } });
      if (!(row.hasRecording && row.hasSummary && row.hasTranscript)) lost.push(callId);
    }
    expect(lost).toEqual([]);
  });

  it("message.sent processed at the same time as message.delivered never moves the message back to sent", async () => {
    const regressed: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const id = `ACconcmsg${round}`;
      const message = (type: string, offsetMs: number) =>
        messageEvent({ type, id, text: "On our way", createdAt: at, eventCreatedAt: new Date(at.getTime() + offsetMs) });
      await poster.post(message("message.sent", 500));
      await Promise.all([poster.post(message("message.delivered", 3_000)), poster.post(message("message.sent", 1_000))]);
      const stored = await db.prisma.message.findUniqueOrThrow({ where: { openphoneId: id }, include: { activity: true } });
      if (stored.status !== "delivered" || stored.activity?.status !== "delivered") regressed.push(id);
    }
    expect(regressed).toEqual([]);
  });
});
