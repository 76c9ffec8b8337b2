import { describe, expect, it } from "vitest";
import { callEvent, callEventType, messageEvent, messageEventType, recordingsEvent, summaryEvent, transcriptEvent, voicemailEvent } from "@/lib/backfill/envelopes";
import type { LegacyCall, OpenPhoneMessage } from "@/lib/openphone/api/schemas";

/** API objects → the webhook envelope OpenPhone would have sent → the receiver's own normaliser. */
const message: OpenPhoneMessage = {
  id: "ACmsg0001",
  from: "+16505550200",
  to: ["+14155550100"],
  text: "Is the 3pm slot open?",
  direction: "incoming",
  status: "received",
  conversationId: "CNconv0001",
  phoneNumberId: "PNnum00001",
  userId: "USuser0001",
  media: [{ url: "https://files.openphone.example/a.jpg", type: "image/jpeg" }],
  createdAt: "2026-11-30T09:02:02.000Z",
  updatedAt: "2026-11-30T09:02:02.000Z",
};

const call: LegacyCall = {
  id: "ACcall0001",
  phoneNumberId: "PNnum00001",
  userId: "USuser0001",
  direction: "incoming",
  status: "completed",
  participants: ["+16505550200"],
  answeredAt: null,
  answeredBy: null,
  initiatedBy: null,
  completedAt: "2026-11-30T09:10:00.000Z",
  duration: 0,
  createdAt: "2026-11-30T09:09:40.000Z",
  updatedAt: "2026-11-30T09:10:00.000Z",
};

describe("backfill envelopes", () => {
  it("name a message's webhook by direction and how far an outgoing one got", () => {
    expect(messageEventType({ direction: "incoming", status: "received" })).toBe("message.received");
    expect(messageEventType({ direction: "outgoing", status: "delivered" })).toBe("message.delivered");
    expect(messageEventType({ direction: "outgoing", status: "failed" })).toBe("message.failed");
    expect(messageEventType({ direction: "outgoing", status: "undelivered" })).toBe("message.undelivered");
    expect(messageEventType({ direction: "outgoing", status: "queued" })).toBe("message.sent");
    expect(messageEventType({ direction: "outgoing", status: null })).toBe("message.sent");
  });

  it("name a call's webhook by its state", () => {
    expect(callEventType({ status: "completed", answeredAt: null, completedAt: "2026-11-30T09:10:00Z" })).toBe("call.completed");
    expect(callEventType({ status: "ringing", answeredAt: null, completedAt: null })).toBe("call.ringing");
    expect(callEventType({ status: "in-progress", answeredAt: "2026-11-30T09:10:00Z", completedAt: null })).toBe("call.answered");
  });

  it("normalise through the receiver: a message keeps its numbers, media and thread", () => {
    const { event, envelope } = messageEvent(message);
    expect(envelope).toMatchObject({ type: "message.received", apiVersion: "v4", resourceId: "ACmsg0001" });
    expect(event).toMatchObject({
      kind: "message",
      message: { id: "ACmsg0001", status: "received", participant: "+16505550200", workspaceNumber: "+14155550100", phoneNumberId: "PNnum00001", text: "Is the 3pm slot open?" },
    });
    if (event.kind !== "message") throw new Error("not a message");
    expect(event.message.media).toEqual([{ url: "https://files.openphone.example/a.jpg", contentType: "image/jpeg", size: null, duration: null }]);
  });

  it("a missed incoming call is missed (answeredAt null although status says completed); its voicemail makes it a voicemail", () => {
    const missed = callEvent(call).event;
    expect(missed).toMatchObject({ kind: "call", phase: "completed", call: { outcome: "missed", participant: "+16505550200" } });
    const voicemail = voicemailEvent(call, { id: "VM1", status: "completed", duration: 18, recordingUrl: "https://files.openphone.example/vm.mp3", transcript: "Call me back." }).event;
    expect(voicemail).toMatchObject({ kind: "call.voicemail", callId: "ACcall0001", voicemail: { id: "VM1", url: "https://files.openphone.example/vm.mp3", transcript: "Call me back." } });
  });

  it("recordings keep their CR… ids; summaries and transcripts attach by call id", () => {
    const answered = { ...call, answeredAt: "2026-11-30T09:09:44.000Z", duration: 16 };
    const recordings = recordingsEvent(answered, [{ id: "CRrec0001", status: "completed", startTime: answered.answeredAt, duration: 16, url: "https://files.openphone.example/r.mp3", type: "audio/mpeg" }]).event;
    expect(recordings).toMatchObject({ kind: "call.recording", callId: "ACcall0001", recordings: [{ id: "CRrec0001", url: "https://files.openphone.example/r.mp3" }] });
    expect(summaryEvent(answered, { callId: "ACcall0001", status: "completed", summary: ["Booked."], nextSteps: ["Confirm."] }).event).toMatchObject({
      kind: "call.summary",
      summary: { callId: "ACcall0001", status: "completed", summary: ["Booked."], nextSteps: ["Confirm."] },
    });
    const transcript = transcriptEvent(answered, {
      callId: "ACcall0001",
      status: "completed",
      duration: 16,
      createdAt: null,
      dialogue: [{ content: "Hello", start: 0.4, end: 1.2, identifier: "+16505550200", userId: null }],
    }).event;
    expect(transcript).toMatchObject({ kind: "call.transcript", transcript: { callId: "ACcall0001", dialogue: [{ content: "Hello", userId: null }] } });
  });

  it("an item the receiver could not read stops the walk with the reason", () => {
    expect(() => messageEvent({ ...message, createdAt: "not a time" })).toThrow(/cannot read/);
  });
});
