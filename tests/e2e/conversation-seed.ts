import type { APIRequestContext } from "@playwright/test";
import { demoCalls, demoDocuments, demoImages } from "../../lib/simulator/demo-media";
import { callEvent, contactEvent, fakeId, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "../../lib/simulator/payloads";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { E2E_BASE_URL } from "../helpers/e2e-env";

/**
 * One realistic conversation fed through the real webhook endpoint: photos, a PDF quote, delivered
 * and failed replies, and an answered call whose recording, summary and transcript are the demo
 * media's (public/demo/, served through the media proxy; transcript times match the audio).
 */
export const WORKSPACE = { phoneNumberId: "PNe2emain01", workspaceNumber: "+16505550100" };
export const LEAK_CALL = demoCalls.find((c) => c.key === "leak-inspection")!;
const CEILING = demoImages.find((i) => i.key === "ceiling-stain")!;
const SHINGLES = demoImages.find((i) => i.key === "missing-shingles")!;
const QUOTE = demoDocuments.find((d) => d.key === "quote-1042")!;

export type SeededConversation = { participant: string; callId: string; name: string };

export async function seedMarcusConversation(
  request: APIRequestContext,
  options: { firstName?: string; lastName?: string; company?: string; now?: number } = {},
): Promise<SeededConversation> {
  const participant = uniqueNumber();
  const now = options.now ?? Date.now();
  const ago = (minutes: number) => new Date(now - minutes * 60_000);
  const firstName = options.firstName ?? "Marcus";
  const lastName = options.lastName ?? "Webb";
  const callId = fakeId("AC");
  const callStart = ago(20);
  const common = { ...WORKSPACE, participant };

  await deliver(
    request,
    contactEvent({ firstName, lastName, company: options.company ?? "Webb & Daughters Bakery", phone: participant, eventCreatedAt: ago(60) }),
    messageEvent({
      ...common,
      text: "Hi, it's Marcus. After last night's rain there's a brown stain spreading on my kitchen ceiling.",
      createdAt: ago(30),
      media: [{ url: `${E2E_BASE_URL}${CEILING.path}`, type: CEILING.contentType, size: CEILING.size }],
    }),
    messageEvent({ ...common, type: "message.delivered", text: "Sorry to hear that! Give us a call and we'll book an inspection.", createdAt: ago(28) }),
    callEvent({
      ...common,
      id: callId,
      createdAt: callStart,
      answeredAt: new Date(callStart.getTime() + 2_000),
      completedAt: new Date(callStart.getTime() + 2_000 + Math.round(LEAK_CALL.duration * 1000)),
    }),
    recordingEvent({ callId, url: `${E2E_BASE_URL}${LEAK_CALL.path}`, duration: LEAK_CALL.duration, size: LEAK_CALL.size, contentType: LEAK_CALL.contentType }),
    summaryEvent({ callId, summary: LEAK_CALL.summary, nextSteps: LEAK_CALL.nextSteps, sentiment: LEAK_CALL.sentiment }),
    transcriptEvent({
      callId,
      duration: LEAK_CALL.duration,
      dialogue: LEAK_CALL.segments.map((s) => ({
        content: s.content,
        start: s.start,
        end: s.end,
        identifier: s.speaker === "agent" ? WORKSPACE.workspaceNumber : participant,
        userId: s.speaker === "agent" ? "USdana0001" : null,
      })),
    }),
    messageEvent({
      ...common,
      type: "message.delivered",
      text: "You're booked for Thursday, 9–11 AM. Here's the quote for the flashing repair.",
      createdAt: ago(18),
      media: [{ url: `${E2E_BASE_URL}${QUOTE.path}`, type: QUOTE.contentType, size: QUOTE.size }],
    }),
    messageEvent({ ...common, type: "message.failed", text: "Reminder: please clear the driveway before 9.", createdAt: ago(17), errorCode: "30007" }),
    messageEvent({
      ...common,
      text: "One more: some shingles blew off too.",
      createdAt: ago(10),
      media: [{ url: `${E2E_BASE_URL}${SHINGLES.path}`, type: SHINGLES.contentType, size: SHINGLES.size }],
    }),
  );
  return { participant, callId, name: `${firstName} ${lastName}` };
}
