import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/openphone/events";
import type { Envelope, NormalizedCall, NormalizedMessage, NormalizeResult } from "@/lib/openphone/normalized";

/**
 * Every 2026-03-30 example payload (copied from shared/fixtures/events-2026, built from the facts in
 * shared/openphone-2026.md) with its full expected normalised result. The story: one shared Quo
 * number, one customer (Dana), call A answered, call B missed with a voicemail, call C forwarded.
 */
const FIXTURES_DIR = path.resolve(import.meta.dirname, "../fixtures/openphone");
const EVENTS_2026_DIR = path.join(FIXTURES_DIR, "events-2026");
const d = (iso: string) => new Date(iso);

const PN = "PNv4kR8sQ1";
const QUO_NUMBER = "+14155550142";
const CN = "CN7a2f4c9e1b3d45e8a6c0f2b4d6e8a1c3";
const MARCO = "USr8Tq2LmZ";
const DANA = "+16505550187";
const DANA_CONTACT = "CT6651a2f0c9e4b7d2a18f3c05";
const CALL_A = "AC9b2e7f41c6d84a0fa3e15b8c72d9e604";
const CALL_B = "AC1f8d3c5a7e9b42d6a0c4e8f2b6d1a357";
const CALL_C = "AC6a8c0e2f4b1d47a9c3e5f7b9d1a3c5e2";
const link = (activityId: string) => `https://my.quo.com/inbox/${PN}/c/${CN}?at=${activityId}`;

function envelope(eventId: string, type: string, occurredAt: string, resourceId: string | null): Envelope {
  return { eventId, type, apiVersion: "2026-03-30", occurredAt: d(occurredAt), resourceId };
}

/** An incoming call from Dana to the shared number, as every 2026 call event's context describes it. */
function danaCall(id: string, overrides: Partial<NormalizedCall>): NormalizedCall {
  return {
    id,
    direction: "incoming",
    status: null,
    outcome: null,
    from: DANA,
    to: QUO_NUMBER,
    participants: [DANA],
    workspaceNumber: QUO_NUMBER,
    participant: DANA,
    createdAt: null,
    updatedAt: null,
    answeredAt: null,
    completedAt: null,
    duration: null,
    userId: MARCO,
    answeredBy: null,
    initiatedBy: null,
    forwardedFrom: null,
    forwardedTo: null,
    phoneNumberId: PN,
    conversationId: CN,
    hasVoicemail: false,
    voicemail: null,
    recordings: [],
    contactIds: [DANA_CONTACT],
    contactLookup: "matched",
    deepLink: link(id),
    ...overrides,
  };
}

function danaMessage(id: string, overrides: Partial<NormalizedMessage>): NormalizedMessage {
  const outgoing = overrides.direction !== "incoming";
  return {
    id,
    direction: "outgoing",
    from: outgoing ? QUO_NUMBER : DANA,
    to: [outgoing ? DANA : QUO_NUMBER],
    text: null,
    status: "delivered",
    errorCode: null,
    errorMessage: null,
    createdAt: d("2026-01-01T00:00:00.000Z"),
    updatedAt: null,
    userId: MARCO,
    phoneNumberId: PN,
    conversationId: CN,
    workspaceNumber: QUO_NUMBER,
    participant: DANA,
    participants: [DANA],
    group: false,
    media: [],
    contactIds: [DANA_CONTACT],
    contactLookup: "matched",
    deepLink: link(id),
    ...overrides,
  };
}

const callARecording = {
  id: "CRm7Qx2VbN",
  url: "https://cdn.example.com/quo-recordings/CRm7Qx2VbN.mp3",
  contentType: "audio/mpeg",
  size: null,
  duration: 274,
};

const EXPECTED: Record<string, NormalizeResult> = {
  "message.received.json": {
    ok: true,
    envelope: envelope("EV3b7d1f9e2c4a46b8d0e5f7a9c1b3d5e7", "message.received", "2026-10-14T15:02:11.482Z", "ACc3e5a7b9d1f24e6a8c0b2d4f6a8c0e13"),
    event: {
      kind: "message",
      message: danaMessage("ACc3e5a7b9d1f24e6a8c0b2d4f6a8c0e13", {
        direction: "incoming",
        text: "Hi! Here's a photo of the leak under the sink. Can someone come out this week?",
        status: "received",
        createdAt: d("2026-10-14T15:02:11.482Z"),
        media: [
          {
            url: "https://cdn.example.com/quo-media/ACc3e5a7b9d1f24e6a8c0b2d4f6a8c0e13/IMG_4821.jpeg",
            contentType: "image/jpeg",
            size: null,
            duration: null,
          },
        ],
      }),
    },
  },
  "message.delivered.json": {
    ok: true,
    envelope: envelope("EV8c2e4a6f0b1d43e5a7c9f1b3d5e7a9c0", "message.delivered", "2026-10-14T15:04:39.210Z", "AC4d6f8a0c2e14b6d8f0a2c4e6b8d0f2a5"),
    event: {
      kind: "message",
      message: danaMessage("AC4d6f8a0c2e14b6d8f0a2c4e6b8d0f2a5", {
        text: "Thanks Dana, we can come by Thursday between 9 and 11. Does that work?",
        createdAt: d("2026-10-14T15:04:37.905Z"),
      }),
    },
  },
  "message.failed.json": {
    ok: true,
    envelope: envelope("EVa1c3e5f7b9d042e6a8c0f2b4d6e8a0c4", "message.failed", "2026-10-14T15:06:05.640Z", "AC8e0a2c4e6f18b0d2f4a6c8e0b2d4f6a9"),
    event: {
      kind: "message",
      message: danaMessage("AC8e0a2c4e6f18b0d2f4a6c8e0b2d4f6a9", {
        text: "Reminder: please clear the area under the sink before our visit.",
        status: "failed",
        createdAt: d("2026-10-14T15:06:02.117Z"),
      }),
    },
  },
  "message.undelivered.json": {
    ok: true,
    envelope: envelope("EVb4d6f8a0c2e14a6c8e0b2d4f6a8c0e27", "message.undelivered", "2026-10-14T15:08:44.902Z", "AC2b4d6f8a0c1e4f6a8b0d2c4e6f8a0b17"),
    event: {
      kind: "message",
      message: danaMessage("AC2b4d6f8a0c1e4f6a8b0d2c4e6f8a0b17", {
        text: "Your estimate is ready: https://pay.example.com/est/55812",
        status: "undelivered",
        errorCode: "30007",
        createdAt: d("2026-10-14T15:08:40.356Z"),
      }),
    },
  },
  "call.ringing.json": {
    ok: true,
    envelope: envelope("EVc5e7a9b1d3f046a8c0e2f4b6d8a0c2e9", "call.ringing", "2026-10-14T15:10:05.188Z", CALL_A),
    event: {
      kind: "call",
      phase: "ringing",
      call: danaCall(CALL_A, {
        outcome: "ringing",
        createdAt: d("2026-10-14T15:10:05.120Z"),
        updatedAt: d("2026-10-14T15:10:05.120Z"),
        // call.ringing has a narrower context: no contact lookup at all.
        contactIds: [],
        contactLookup: null,
      }),
    },
  },
  "call.answered.json": {
    ok: true,
    envelope: envelope("EVd6f8b0c2e4a157b9d1f3a5c7e9b1d3f0", "call.answered", "2026-10-14T15:10:12.951Z", CALL_A),
    event: {
      kind: "call",
      phase: "answered",
      call: danaCall(CALL_A, {
        outcome: "answered",
        createdAt: d("2026-10-14T15:10:05.120Z"),
        updatedAt: d("2026-10-14T15:10:12.904Z"),
        answeredAt: d("2026-10-14T15:10:12.904Z"),
        answeredBy: MARCO,
      }),
    },
  },
  "call.completed.answered.json": {
    ok: true,
    envelope: envelope("EVe7a9c1d3f5b268c0e2a4f6b8d0c2e4a1", "call.completed", "2026-10-14T15:14:47.402Z", CALL_A),
    event: {
      kind: "call",
      phase: "completed",
      call: danaCall(CALL_A, {
        status: "answered",
        outcome: "answered",
        createdAt: d("2026-10-14T15:10:05.120Z"),
        updatedAt: d("2026-10-14T15:14:47.331Z"),
        answeredAt: d("2026-10-14T15:10:12.904Z"),
        completedAt: d("2026-10-14T15:14:47.331Z"),
        duration: 274,
      }),
    },
  },
  "call.recording.completed.json": {
    ok: true,
    envelope: envelope("EVf8b0d2e4a6c379d1f3b5a7c9e1d3f5b2", "call.recording.completed", "2026-10-14T15:15:09.774Z", CALL_A),
    event: {
      kind: "call.recording",
      callId: CALL_A,
      call: danaCall(CALL_A, {
        outcome: "answered",
        createdAt: d("2026-10-14T15:10:05.120Z"),
        updatedAt: d("2026-10-14T15:15:09.650Z"),
        answeredAt: d("2026-10-14T15:10:12.904Z"),
        completedAt: d("2026-10-14T15:14:47.331Z"),
        duration: 274,
        recordings: [callARecording],
      }),
      recordings: [callARecording],
    },
  },
  "call.transcript.completed.json": {
    ok: true,
    envelope: envelope("EV0a2c4e6b8d1f43a5c7e9b1d3f5a7c9e4", "call.transcript.completed", "2026-10-14T15:15:31.260Z", CALL_A),
    event: {
      kind: "call.transcript",
      transcript: {
        callId: CALL_A,
        status: "completed",
        duration: 274,
        createdAt: d("2026-10-14T15:15:31.208Z"),
        dialogue: [
          { identifier: null, userId: MARCO, start: 0.42, end: 3.87, content: "Thanks for calling Bayview Plumbing, this is Marco. How can I help?" },
          {
            identifier: DANA,
            userId: null,
            start: 4.31,
            end: 9.02,
            content: "Hi Marco, it's Dana. I texted you a photo of the leak under my sink a few minutes ago.",
          },
          { identifier: null, userId: MARCO, start: 9.64, end: 14.18, content: "Got it, I can see the photo. We can come out Thursday between nine and eleven." },
        ],
      },
    },
  },
  "call.summary.completed.json": {
    ok: true,
    envelope: envelope("EV1b3d5f7a9c2e45b7d9f1a3c5e7b9d1f6", "call.summary.completed", "2026-10-14T15:16:02.913Z", CALL_A),
    event: {
      kind: "call.summary",
      summary: {
        callId: CALL_A,
        status: "completed",
        summary: [
          "Dana Whitfield called about a leak under her kitchen sink and had already texted a photo.",
          "Marco offered a Thursday visit between 9 and 11 am and Dana accepted.",
        ],
        nextSteps: ["Book the Thursday 9-11 am visit for Dana Whitfield.", "Text Dana a confirmation the day before the visit."],
        sentiment: null,
        answeredBy: MARCO,
      },
    },
  },
  "call.missed.json": {
    ok: true,
    envelope: envelope("EV2c4e6a8b0d3f56c8e0a2b4d6f8a0c2e8", "call.missed", "2026-10-14T18:42:33.760Z", CALL_B),
    event: {
      kind: "call",
      phase: "missed",
      // Minimal resource: the direction comes from the event (call.missed is incoming only).
      call: danaCall(CALL_B, { outcome: "missed", createdAt: d("2026-10-14T18:42:03.615Z"), updatedAt: d("2026-10-14T18:42:33.702Z") }),
    },
  },
  "call.completed.missed-voicemail.json": {
    ok: true,
    envelope: envelope("EV3d5f7b9c1e4a67d9f1b3c5e7a9b1d3f0", "call.completed", "2026-10-14T18:42:58.151Z", CALL_B),
    event: {
      kind: "call",
      phase: "completed",
      call: danaCall(CALL_B, {
        status: "unanswered",
        outcome: "voicemail",
        createdAt: d("2026-10-14T18:42:03.615Z"),
        updatedAt: d("2026-10-14T18:42:58.090Z"),
        completedAt: d("2026-10-14T18:42:58.090Z"),
        duration: 0,
        hasVoicemail: true,
      }),
    },
  },
  "call.voicemail.completed.json": {
    ok: true,
    envelope: envelope("EV4e6a8c0d2f5b78e0a2c4d6f8b0c2e4a3", "call.voicemail.completed", "2026-10-14T18:43:21.502Z", CALL_B),
    event: {
      kind: "call.voicemail",
      callId: CALL_B,
      call: danaCall(CALL_B, {
        outcome: "voicemail",
        // The voicemail's time places the call until the call's own events (ranked higher) replace it.
        createdAt: d("2026-10-14T18:42:34.010Z"),
        hasVoicemail: true,
        deepLink: link("AC5e0a9c2f4b6d48e1a3c7f9b2d4e6a081"),
      }),
      voicemail: {
        id: "VMd2c4e6a8b0f14d3e5a7c9b1d3f5e7a92",
        url: "https://cdn.example.com/quo-voicemails/VMd2c4e6a8b0f14d3e5a7c9b1d3f5e7a92.mp3",
        contentType: "audio/mpeg",
        size: null,
        duration: 23,
        transcript:
          "Hi, it's Dana Whitfield again. The leak under the sink got worse tonight. Could someone call me back first thing tomorrow? Thanks.",
      },
    },
  },
  "call.menu.selected.json": {
    ok: true,
    envelope: envelope("EV5f7b9d1e3a6c89f1b3d5e7a9c1e3a5b6", "call.menu.selected", "2026-10-15T07:48:31.960Z", CALL_C),
    event: {
      kind: "call",
      phase: "ringing",
      call: danaCall(CALL_C, { outcome: "ringing", createdAt: d("2026-10-15T07:48:20.331Z"), updatedAt: d("2026-10-15T07:48:31.905Z") }),
    },
  },
  "call.forwarded.json": {
    ok: true,
    envelope: envelope("EV6a8c0e2f4b7d90a2c4e6f8b0d2f4b6c7", "call.forwarded", "2026-10-15T07:48:32.170Z", CALL_C),
    event: {
      kind: "call",
      phase: "forwarded",
      call: danaCall(CALL_C, {
        outcome: "forwarded",
        createdAt: d("2026-10-15T07:48:20.331Z"),
        updatedAt: d("2026-10-15T07:48:32.118Z"),
        forwardedFrom: QUO_NUMBER,
        forwardedTo: "+14155550199",
      }),
    },
  },
  "contact.updated.json": {
    ok: true,
    envelope: envelope("EV7b9d1f3a5c8e01b3d5f7a9c1e3b5d7f4", "contact.updated", "2026-10-14T15:20:44.590Z", DANA_CONTACT),
    event: {
      kind: "contact.updated",
      contact: { id: DANA_CONTACT, firstName: "Dana", lastName: "Whitfield", company: null, phoneNumbers: [DANA], updatedAt: d("2026-10-14T15:20:44.512Z") },
    },
  },
  "contact.deleted.json": {
    ok: true,
    envelope: envelope("EV8c0e2a4b6d9f12c4e6a8b0d2f4c6e8a5", "contact.deleted", "2026-10-14T15:21:10.301Z", "CT6651a31be07d94c5f2a6e811"),
    event: {
      kind: "contact.deleted",
      contact: {
        id: "CT6651a31be07d94c5f2a6e811",
        firstName: "Dana",
        lastName: "W.",
        company: null,
        phoneNumbers: [DANA],
        updatedAt: d("2026-10-14T15:21:10.233Z"),
      },
    },
  },
};

describe("2026-03-30 fixtures", () => {
  const files = fs.readdirSync(EVENTS_2026_DIR).filter((f) => f.endsWith(".json")).sort();

  it("has an expectation for every fixture file and a file for every expectation", () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files)("%s", (file) => {
    expect(normalizeEvent(fs.readFileSync(path.join(EVENTS_2026_DIR, file), "utf8"))).toStrictEqual(EXPECTED[file]);
  });

  it("every 2026 call and message names its caller or recipient and its workspace number", () => {
    for (const file of files) {
      const result = normalizeEvent(fs.readFileSync(path.join(EVENTS_2026_DIR, file), "utf8"));
      if (!result.ok) throw new Error(file);
      const event = result.event;
      const parties = event.kind === "message" ? event.message : event.kind === "call" ? event.call : event.kind.startsWith("call.") && "call" in event ? event.call : undefined;
      if (parties === undefined) continue;
      expect(parties, file).toMatchObject({ participant: DANA, workspaceNumber: QUO_NUMBER, phoneNumberId: PN, conversationId: CN });
    }
  });
});

describe("fixture sources", () => {
  for (const dir of ["events", "events-2026"]) {
    const fixtures = fs.readdirSync(path.join(FIXTURES_DIR, dir)).filter((f) => f.endsWith(".json"));

    it.each(fixtures)(`${dir}/%s has a one-line _source note beside it`, (file) => {
      const note = fs.readFileSync(path.join(FIXTURES_DIR, dir, file.replace(/\.json$/, ".source.txt")), "utf8");
      expect(note.endsWith("\n")).toBe(true);
      expect(note.trim().split("\n")).toHaveLength(1);
      expect(note.trim().length).toBeGreaterThan(20);
    });
  }

  it("seed-only shapes say so in their file names and notes", () => {
    const seedOnly = fs.readdirSync(path.join(FIXTURES_DIR, "events")).filter((f) => f.endsWith(".seed-only.json"));
    expect(seedOnly.sort()).toEqual([
      "call-recording-completed.seed-only.json",
      "call-summary-created-with-sentiment.seed-only.json",
      "message-sent.seed-only.json",
      "token-validated.seed-only.json",
    ]);
    for (const file of seedOnly) {
      expect(fs.readFileSync(path.join(FIXTURES_DIR, "events", file.replace(/\.json$/, ".source.txt")), "utf8")).toMatch(/^SEED-ONLY: /);
    }
  });
});

describe("published samples and older shapes", () => {
  const legacy = (type: string, object: unknown) =>
    JSON.stringify({ id: "EVs1", object: "event", apiVersion: "v3", createdAt: "2026-05-06T15:00:00.000Z", type, data: { object } });

  it.each(["call.completed", "call.ringing", "call.recording.completed", "call.summary.completed", "call.transcript.completed", "call.voicemail.completed"])(
    "%s without any call id is ignored with the reason, not invalid",
    (type) => {
      expect(normalizeEvent(legacy(type, { object: "call", status: "completed" }))).toMatchObject({ ok: false, reason: "ignored", note: "no call id" });
    },
  );

  it("a call id of the wrong type is still invalid", () => {
    expect(normalizeEvent(legacy("call.completed", { id: 42, status: "completed" }))).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("a message without an id stays invalid (only calls have published id-less samples)", () => {
    expect(normalizeEvent(legacy("message.received", { from: "+14155550123", to: "+16505550100", body: "x" }))).toMatchObject({ ok: false, reason: "invalid" });
  });

  it("contact fields as an array of { name, type, value } and 2026 customFields yield their numbers", () => {
    const result = normalizeEvent(
      legacy("contact.updated", {
        id: "CTarr1",
        fields: [
          { name: "Mobile", type: "phone-number", value: "+13105550177" },
          { name: "Notes", type: "string", value: "call after 5" },
        ],
        customFields: [{ name: "Other phone", key: "other", type: "string", value: "+12125550188" }],
      }),
    );
    expect(result).toMatchObject({ ok: true, event: { kind: "contact.updated", contact: { phoneNumbers: ["+13105550177", "+12125550188"] } } });
  });
});
