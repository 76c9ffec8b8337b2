import { callEvent, contactEvent, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "@/lib/simulator/payloads";
import type { AppDatabase } from "@/lib/db/types";
import { createPoster } from "./ingest";

/**
 * A small, fully known timeline delivered through the real ingest pipeline: every kind of item
 * (messages in each status, with media; calls answered, missed, voicemail, forwarded; recording,
 * summary, transcript), two inboxes, named and unnamed contacts.
 */

export const BASE = Date.UTC(2026, 4, 4, 18, 0, 0); // 2026-05-04 18:00 UTC = 11:00 in Los Angeles
export const at = (minutesBefore: number) => new Date(BASE - minutesBefore * 60_000);

export const MAIN = { phoneNumberId: "PNmain0001", workspaceNumber: "+16505550100" };
export const SALES = { phoneNumberId: "PNsales0002", workspaceNumber: "+16505550200" };
export const ALICE = "+14155550123";
export const BOB = "+14155550456";
export const CAROL = "+442071234567";

/** A word that appears only in the answered call's transcript. */
export const TRANSCRIPT_ONLY_WORD = "skylight";

export type SeededTimeline = Awaited<ReturnType<typeof seedTimeline>>;

export async function seedTimeline(db: AppDatabase) {
  const { post } = createPoster(db);
  const send = async (payload: object) => {
    const result = await post(payload);
    if (result.httpStatus !== 200 || result.outcome !== "processed") throw new Error(`seed delivery failed: ${JSON.stringify(result)}`);
  };
  await send(contactEvent({ firstName: "Alice", lastName: "Nguyen", company: "Nguyen Roofing", phone: ALICE, updatedAt: at(1000) }));

  await send(messageEvent({ id: "ACm1", ...MAIN, participant: ALICE, text: "Can you check the gutter tomorrow?", createdAt: at(600) }));
  await send(messageEvent({ id: "ACm2", type: "message.delivered", ...MAIN, participant: ALICE, text: "Sure, we will come by at 9.", createdAt: at(540) }));
  await send(
    messageEvent({
      id: "ACm3",
      type: "message.failed",
      ...SALES,
      participant: BOB,
      text: "=HYPERLINK(\"http://evil.example\") quote, \"attached\"",
      errorCode: "carrier_rejected",
      createdAt: at(480),
    }),
  );
  await send(
    messageEvent({
      id: "ACm4",
      ...SALES,
      participant: BOB,
      text: "Photos of the ceiling",
      media: [
        { url: "https://media.example.test/mms/ceiling.jpg", type: "image/jpeg" },
        { url: "https://media.example.test/mms/quote-1042.pdf", type: "application/pdf" },
      ],
      createdAt: at(420),
    }),
  );

  const answeredAt = at(359);
  await send(callEvent({ id: "ACc1", ...MAIN, participant: ALICE, createdAt: at(360), answeredAt, completedAt: new Date(answeredAt.getTime() + 125_000) }));
  await send(recordingEvent({ callId: "ACc1", duration: 125 }));
  await send(summaryEvent({ callId: "ACc1", summary: ["Customer reported a leak near the chimney."], nextSteps: ["Book an inspection."] }));
  await send(
    transcriptEvent({
      callId: "ACc1",
      dialogue: [
        { content: "Bay Roofing, how can I help?", start: 0.4, end: 2, identifier: MAIN.workspaceNumber, userId: "USagent01" },
        { content: `Water is dripping around the ${TRANSCRIPT_ONLY_WORD} again.`, start: 2.2, end: 5, identifier: ALICE, userId: null },
      ],
    }),
  );
  await send(callEvent({ id: "ACc2", ...SALES, participant: BOB, createdAt: at(300), answeredAt: null }));
  await send(
    callEvent({
      id: "ACc3",
      ...MAIN,
      participant: CAROL,
      createdAt: at(240),
      answeredAt: null,
      voicemail: { url: "https://media.example.test/vm/ACc3.mp3", type: "audio/mpeg", duration: 21 },
    }),
  );
  await send(callEvent({ id: "ACc4", direction: "outgoing", ...SALES, participant: CAROL, createdAt: at(180), answeredAt: null, forwardedTo: "+16505550999" }));

  const p = db.prisma;
  await p.phoneNumber.update({ where: { openphoneId: MAIN.phoneNumberId }, data: { name: "Main line" } });
  await p.phoneNumber.update({ where: { openphoneId: SALES.phoneNumberId }, data: { name: "Sales" } });
  const ids = async (where: object) => (await p.activity.findMany({ where, select: { id: true } })).map((a) => a.id);
  const activityOf = async (openphoneId: string) =>
    (await p.activity.findFirstOrThrow({ where: { OR: [{ message: { openphoneId } }, { call: { openphoneId } }] }, select: { id: true } })).id;
  return {
    main: (await p.phoneNumber.findUniqueOrThrow({ where: { openphoneId: MAIN.phoneNumberId } })).id,
    sales: (await p.phoneNumber.findUniqueOrThrow({ where: { openphoneId: SALES.phoneNumberId } })).id,
    alice: (await p.contact.findUniqueOrThrow({ where: { number: ALICE } })).id,
    bob: (await p.contact.findUniqueOrThrow({ where: { number: BOB } })).id,
    carol: (await p.contact.findUniqueOrThrow({ where: { number: CAROL } })).id,
    m1: await activityOf("ACm1"),
    m2: await activityOf("ACm2"),
    m3: await activityOf("ACm3"),
    m4: await activityOf("ACm4"),
    c1: await activityOf("ACc1"),
    c2: await activityOf("ACc2"),
    c3: await activityOf("ACc3"),
    c4: await activityOf("ACc4"),
    all: await ids({}),
  };
}
