import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  deriveCallDuration,
  guessContentType,
  isKnownEventType,
  KNOWN_EVENT_TYPES,
  normalizeEvent,
} from "@/lib/openphone/events";
import type { NormalizedCall, NormalizedEvent, NormalizedMessage, NormalizeResult } from "@/lib/openphone/normalized";

const EVENTS_DIR = path.resolve(import.meta.dirname, "../fixtures/openphone/events");
const d = (iso: string) => new Date(iso);

// ---------------------------------------------------------------------------------------------
// Builders: a valid envelope/payload with overrides, serialised as OpenPhone would send it.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json | undefined };
type JsonObject = { [key: string]: Json | undefined };

function legacyEvent(type: string, object: Json | undefined, overrides: JsonObject = {}): string {
  return JSON.stringify({
    id: "EVtest0001",
    object: "event",
    apiVersion: "v3",
    createdAt: "2026-05-04T12:00:00.000Z",
    type,
    data: { object },
    ...overrides,
  });
}

function resourceEvent(
  type: string,
  resource: Json | undefined,
  context: JsonObject | null = {},
  overrides: JsonObject = {},
  quoLink?: string | null,
): string {
  return JSON.stringify({
    id: "EVtest0002",
    apiVersion: "2026-03-30",
    createdAt: "2026-05-06T10:00:00.000Z",
    type,
    data: { resource, context, ...(quoLink !== undefined ? { links: { quo: quoLink } } : {}) },
    ...overrides,
  });
}

function appMessage(overrides: JsonObject = {}): JsonObject {
  return {
    id: "ACmsgT1",
    object: "message",
    from: "+16505550100",
    to: "+14155550123",
    direction: "outgoing",
    body: "hello",
    media: [],
    status: "sent",
    createdAt: "2026-05-04T11:59:59.000Z",
    userId: "USagent01",
    phoneNumberId: "PNmain0001",
    conversationId: "CNconv0001",
    ...overrides,
  };
}

function appCall(overrides: JsonObject = {}): JsonObject {
  return {
    id: "ACcallT1",
    object: "call",
    from: "+14155550123",
    to: "+16505550100",
    direction: "incoming",
    media: [],
    voicemail: null,
    status: "completed",
    createdAt: "2026-05-04T11:50:00.000Z",
    answeredAt: "2026-05-04T11:50:05.000Z",
    completedAt: "2026-05-04T11:51:05.400Z",
    userId: "USagent01",
    phoneNumberId: "PNmain0001",
    conversationId: "CNconv0001",
    ...overrides,
  };
}

function v4Call(overrides: JsonObject = {}): JsonObject {
  return {
    id: "ACcallT4",
    object: "call",
    direction: "outgoing",
    status: "completed",
    participants: ["+13105550177"],
    answeredAt: "2026-05-05T09:27:05.000Z",
    answeredBy: null,
    initiatedBy: "USagent01",
    forwardedFrom: null,
    forwardedTo: null,
    createdAt: "2026-05-05T09:26:58.000Z",
    completedAt: "2026-05-05T09:30:11.000Z",
    updatedAt: "2026-05-05T09:30:11.000Z",
    duration: 186,
    phoneNumberId: "PNmain0001",
    userId: "USagent01",
    contactIds: [],
    ...overrides,
  };
}

function okEvent(result: NormalizeResult): NormalizedEvent {
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result.event;
}

function messageOf(result: NormalizeResult): NormalizedMessage {
  const event = okEvent(result);
  if (event.kind !== "message") throw new Error(`expected a message, got ${event.kind}`);
  return event.message;
}

function callOf(result: NormalizeResult): NormalizedCall {
  const event = okEvent(result);
  if (event.kind !== "call") throw new Error(`expected a call, got ${event.kind}`);
  return event.call;
}

function expectInvalid(result: NormalizeResult): Extract<NormalizeResult, { reason: "invalid" }> {
  if (result.ok || result.reason !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
  expect(result.error.length).toBeGreaterThan(0);
  expect(result.error.length).toBeLessThanOrEqual(500);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Every fixture, with the full expected result.

const appCallAnswered: NormalizedCall = {
  id: "ACcall0001",
  direction: "incoming",
  status: "completed",
  outcome: "answered",
  from: "+14155550123",
  to: "+16505550100",
  participants: ["+14155550123"],
  workspaceNumber: "+16505550100",
  participant: "+14155550123",
  createdAt: d("2026-05-04T15:09:00.000Z"),
  updatedAt: null,
  answeredAt: d("2026-05-04T15:09:06.000Z"),
  completedAt: d("2026-05-04T15:21:40.000Z"),
  duration: 754,
  userId: "USagent01",
  answeredBy: null,
  initiatedBy: null,
  forwardedFrom: null,
  forwardedTo: null,
  phoneNumberId: "PNmain0001",
  conversationId: "CNconv0001",
  hasVoicemail: false,
  voicemail: null,
  recordings: [],
  contactIds: [],
  contactLookup: null,
  deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNconv0001?at=ACcall0001",
};

const recordingOfCall0001 = {
  id: null,
  url: "https://media.example.test/rec/ACcall0001.mp3",
  contentType: "audio/mpeg",
  size: null,
  duration: 754,
};

const outgoingMessage0003: NormalizedMessage = {
  id: "ACmsg0003",
  direction: "outgoing",
  from: "+16505550100",
  to: ["+14155550123"],
  text: "Sure, calling you in 5 minutes.",
  status: "delivered",
  errorCode: null,
  errorMessage: null,
  createdAt: d("2026-05-04T15:04:58.100Z"),
  updatedAt: null,
  userId: "USagent01",
  phoneNumberId: "PNmain0001",
  conversationId: "CNconv0001",
  workspaceNumber: "+16505550100",
  participant: "+14155550123",
  participants: ["+14155550123"],
  group: false,
  media: [],
  contactIds: [],
  contactLookup: null,
  deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNconv0001?at=ACmsg0003",
};

const FIXTURE_EXPECTATIONS: Record<string, NormalizeResult> = {
  "call-completed-answered-app-v3.json": {
    ok: true,
    envelope: { eventId: "EVfx0011", type: "call.completed", apiVersion: "v3", occurredAt: d("2026-05-04T15:21:40.800Z"), resourceId: "ACcall0001" },
    event: { kind: "call", phase: "completed", call: appCallAnswered },
  },
  "call-completed-missed-with-voicemail-app-v3.json": {
    ok: true,
    envelope: { eventId: "EVfx0012", type: "call.completed", apiVersion: "v3", occurredAt: d("2026-05-04T18:44:31.000Z"), resourceId: "ACcall0002" },
    event: {
      kind: "call",
      phase: "completed",
      call: {
        id: "ACcall0002",
        direction: "incoming",
        status: "completed",
        outcome: "voicemail",
        from: "+12125550188",
        to: "+16505550100",
        participants: ["+12125550188"],
        workspaceNumber: "+16505550100",
        participant: "+12125550188",
        createdAt: d("2026-05-04T18:43:50.000Z"),
        updatedAt: null,
        answeredAt: null,
        completedAt: d("2026-05-04T18:44:30.000Z"),
        duration: 0,
        userId: "USagent02",
        answeredBy: null,
        initiatedBy: null,
        forwardedFrom: null,
        forwardedTo: null,
        phoneNumberId: "PNmain0001",
        conversationId: "CNconv0002",
        hasVoicemail: true,
        voicemail: { id: null, url: "https://media.example.test/vm/ACcall0002.mp3", contentType: "audio/mpeg", size: null, duration: 19, transcript: null },
        recordings: [],
        contactIds: [],
        contactLookup: null,
        deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNconv0002?at=ACcall0002",
      },
    },
  },
  "call-completed-outgoing-api-v4.json": {
    ok: true,
    envelope: { eventId: "EVfx0013", type: "call.completed", apiVersion: "v4", occurredAt: d("2026-05-05T09:30:12.000Z"), resourceId: "ACcall0003" },
    event: {
      kind: "call",
      phase: "completed",
      call: {
        id: "ACcall0003",
        direction: "outgoing",
        status: "completed",
        outcome: "answered",
        from: null,
        to: null,
        participants: ["+13105550177"],
        workspaceNumber: null,
        participant: "+13105550177",
        createdAt: d("2026-05-05T09:26:58.000Z"),
        updatedAt: d("2026-05-05T09:30:11.000Z"),
        answeredAt: d("2026-05-05T09:27:05.000Z"),
        completedAt: d("2026-05-05T09:30:11.000Z"),
        duration: 186,
        userId: "USagent01",
        answeredBy: null,
        initiatedBy: "USagent01",
        forwardedFrom: null,
        forwardedTo: null,
        phoneNumberId: "PNmain0001",
        conversationId: null,
        hasVoicemail: false,
        voicemail: null,
        recordings: [],
        contactIds: [],
        contactLookup: null,
        deepLink: null,
      },
    },
  },
  "call-recording-completed-app-v3.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0014",
      type: "call.recording.completed",
      apiVersion: "v3",
      occurredAt: d("2026-05-04T15:23:02.000Z"),
      resourceId: "ACcall0001",
    },
    event: {
      kind: "call.recording",
      callId: "ACcall0001",
      call: { ...appCallAnswered, recordings: [recordingOfCall0001] },
      recordings: [recordingOfCall0001],
    },
  },
  "call-recording-completed.seed-only.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0015",
      type: "call.recording.completed",
      apiVersion: "v3",
      occurredAt: d("2026-05-05T09:31:40.000Z"),
      resourceId: "ACcall0003",
    },
    event: {
      kind: "call.recording",
      callId: "ACcall0003",
      call: null,
      recordings: [
        { id: "CRrec0003", url: "https://media.example.test/rec/ACcall0003.mp3", contentType: "audio/mpeg", size: 1488000, duration: 186 },
      ],
    },
  },
  "call-ringing-app-v3.json": {
    ok: true,
    envelope: { eventId: "EVfx0010", type: "call.ringing", apiVersion: "v3", occurredAt: d("2026-05-04T15:09:00.200Z"), resourceId: "ACcall0001" },
    event: {
      kind: "call",
      phase: "ringing",
      call: { ...appCallAnswered, status: "ringing", outcome: "ringing", answeredAt: null, completedAt: null, duration: null },
    },
  },
  "call-summary-completed-api-v4.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0016",
      type: "call.summary.completed",
      apiVersion: "v4",
      occurredAt: d("2026-05-04T15:24:10.000Z"),
      resourceId: "ACcall0001",
    },
    event: {
      kind: "call.summary",
      summary: {
        callId: "ACcall0001",
        status: "completed",
        summary: [
          "Caller reported a roof leak above the kitchen after last night's storm.",
          "Agreed on an inspection visit.",
        ],
        nextSteps: ["Send inspection confirmation by text.", "Book crew for Thursday 9am."],
        sentiment: null,
        answeredBy: null,
      },
    },
  },
  "call-summary-created-with-sentiment.seed-only.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0018",
      type: "call_summary.created",
      apiVersion: "v3",
      occurredAt: d("2026-05-05T09:33:30.000Z"),
      resourceId: "ACcall0003",
    },
    event: {
      kind: "call.summary",
      summary: {
        callId: "ACcall0003",
        status: "completed",
        summary: ["Customer accepted the quote."],
        nextSteps: ["Email the contract."],
        sentiment: "positive",
        answeredBy: null,
      },
    },
  },
  "call-summary-type-quirk.json": {
    ok: true,
    envelope: { eventId: "EVfx0017", type: "callSummary", apiVersion: "v4", occurredAt: d("2026-05-05T09:33:00.000Z"), resourceId: "ACcall0003" },
    event: {
      kind: "call.summary",
      summary: { callId: "ACcall0003", status: "completed", summary: ["Followed up on the quote."], nextSteps: [], sentiment: null, answeredBy: null },
    },
  },
  "call-transcript-completed-api-v4.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0019",
      type: "call.transcript.completed",
      apiVersion: "v4",
      occurredAt: d("2026-05-04T15:24:40.000Z"),
      resourceId: "ACcall0001",
    },
    event: {
      kind: "call.transcript",
      transcript: {
        callId: "ACcall0001",
        status: "completed",
        duration: 754,
        createdAt: d("2026-05-04T15:24:39.000Z"),
        dialogue: [
          { identifier: "+16505550100", userId: "USagent01", start: 0.42, end: 3.9, content: "Hi, thanks for calling Bay Roofing, this is Dana." },
          { identifier: "+14155550123", userId: null, start: 4.3, end: 8.75, content: "Hi Dana, we have water coming through the kitchen ceiling." },
          { identifier: "+16505550100", userId: "USagent01", start: 9.1, end: 12.6, content: "Sorry to hear that. Can we come by tomorrow morning?" },
          { identifier: "+14155550123", userId: null, start: 13, end: 14.8, content: "Tomorrow at nine works." },
        ],
      },
    },
  },
  "call-transcript-type-quirk.json": {
    ok: true,
    envelope: { eventId: "EVfx0020", type: "callTranscript", apiVersion: "v4", occurredAt: d("2026-05-05T09:34:00.000Z"), resourceId: "ACcall0003" },
    event: {
      kind: "call.transcript",
      transcript: {
        callId: "ACcall0003",
        status: "completed",
        duration: 186,
        createdAt: d("2026-05-05T09:33:59.000Z"),
        dialogue: [{ identifier: "+16505550100", userId: "USagent01", start: 0.5, end: 2.5, content: "Hello, following up on the quote." }],
      },
    },
  },
  "contact-updated-app-v3.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0030",
      type: "contact.updated",
      apiVersion: "v3",
      occurredAt: d("2026-05-04T15:30:00.000Z"),
      resourceId: "CTc0ntact000000000000001",
    },
    event: {
      kind: "contact.updated",
      contact: {
        id: "CTc0ntact000000000000001",
        firstName: "Jordan",
        lastName: "Alvarez",
        company: "Alvarez Bakery",
        phoneNumbers: ["+14155550123"],
        updatedAt: d("2026-05-04T15:30:00.000Z"),
      },
    },
  },
  "message-delivered-app-v3.json": {
    ok: true,
    envelope: { eventId: "EVfx0003", type: "message.delivered", apiVersion: "v3", occurredAt: d("2026-05-04T15:05:02.900Z"), resourceId: "ACmsg0003" },
    event: { kind: "message", message: outgoingMessage0003 },
  },
  "message-failed.json": {
    ok: true,
    envelope: { eventId: "EVfx0005", type: "message.failed", apiVersion: "v3", occurredAt: d("2026-05-04T16:00:05.000Z"), resourceId: "ACmsg0004" },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0004",
        direction: "outgoing",
        from: "+16505550100",
        to: ["+12125550188"],
        text: "Your appointment is confirmed for Tuesday.",
        status: "failed",
        errorCode: "carrier_rejected",
        errorMessage: null,
        createdAt: d("2026-05-04T16:00:01.000Z"),
        updatedAt: null,
        userId: "USagent02",
        phoneNumberId: "PNmain0001",
        conversationId: "CNconv0002",
        workspaceNumber: "+16505550100",
        participant: "+12125550188",
        participants: ["+12125550188"],
        group: false,
        media: [],
        contactIds: [],
        contactLookup: null,
        deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNconv0002?at=ACmsg0004",
      },
    },
  },
  "message-received-api-v4.json": {
    ok: true,
    envelope: { eventId: "EVfx0002", type: "message.received", apiVersion: "v4", occurredAt: d("2026-05-04T15:03:40.010Z"), resourceId: "ACmsg0002" },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0002",
        direction: "incoming",
        from: "+14155550123",
        to: ["+16505550100"],
        text: "Can someone call me back today?",
        status: "received",
        errorCode: null,
        errorMessage: null,
        createdAt: d("2026-05-04T15:03:39.870Z"),
        updatedAt: null,
        userId: null,
        phoneNumberId: "PNmain0001",
        conversationId: null,
        workspaceNumber: "+16505550100",
        participant: "+14155550123",
        participants: ["+14155550123"],
        group: false,
        media: [],
        contactIds: ["6824dfb69aee85c132b7aa01"],
        contactLookup: null,
        deepLink: null,
      },
    },
  },
  "message-received-app-v3-with-media.json": {
    ok: true,
    envelope: { eventId: "EVfx0001", type: "message.received", apiVersion: "v3", occurredAt: d("2026-05-04T15:02:11.512Z"), resourceId: "ACmsg0001" },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0001",
        direction: "incoming",
        from: "+14155550123",
        to: ["+16505550100"],
        text: "Here are the photos of the leak 📷",
        status: "received",
        errorCode: null,
        errorMessage: null,
        createdAt: d("2026-05-04T15:02:11.304Z"),
        updatedAt: null,
        userId: "USagent01",
        phoneNumberId: "PNmain0001",
        conversationId: "CNconv0001",
        workspaceNumber: "+16505550100",
        participant: "+14155550123",
        participants: ["+14155550123"],
        group: false,
        media: [
          { url: "https://media.example.test/mms/leak-1.jpg", contentType: "image/jpeg", size: null, duration: null },
          { url: "https://media.example.test/mms/leak-2.png", contentType: "image/png", size: null, duration: null },
          { url: "https://media.example.test/mms/quote.pdf", contentType: "application/pdf", size: null, duration: null },
        ],
        contactIds: [],
        contactLookup: null,
        deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNconv0001?at=ACmsg0001",
      },
    },
  },
  "message-received-new-2026-03-30.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0050",
      type: "message.received",
      apiVersion: "2026-03-30",
      occurredAt: d("2026-05-06T10:00:00.000Z"),
      resourceId: "ACmsg0050",
    },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0050",
        direction: "incoming",
        from: "+17185550142",
        to: ["+16505550100"],
        text: "Hello from the new API",
        status: "received",
        errorCode: null,
        errorMessage: null,
        createdAt: d("2026-05-06T09:59:59.000Z"),
        updatedAt: null,
        userId: "USagent01",
        phoneNumberId: "PNmain0001",
        conversationId: "CNconv0050",
        workspaceNumber: "+16505550100",
        participant: "+17185550142",
        participants: ["+17185550142"],
        group: false,
        media: [],
        contactIds: [],
        contactLookup: "none",
        deepLink: null,
      },
    },
  },
  "message-sent.seed-only.json": {
    ok: true,
    envelope: { eventId: "EVfx0004", type: "message.sent", apiVersion: "v3", occurredAt: d("2026-05-04T15:04:58.300Z"), resourceId: "ACmsg0003" },
    event: { kind: "message", message: { ...outgoingMessage0003, status: "sent" } },
  },
  "token-validated.seed-only.json": {
    ok: true,
    envelope: { eventId: "EVfx0040", type: "token.validated", apiVersion: "v3", occurredAt: d("2026-05-04T15:00:00.000Z"), resourceId: null },
    event: { kind: "token.validated" },
  },
  "message-received-group-app-v3.json": {
    ok: true,
    envelope: { eventId: "EVfx0060", type: "message.received", apiVersion: "v3", occurredAt: d("2026-05-06T14:00:01.000Z"), resourceId: "ACmsg0060" },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0060",
        direction: "incoming",
        from: "+14155550123",
        to: ["+13105550177", "+16505550100"],
        text: "Both of us will be at the site at 8.",
        status: "received",
        errorCode: null,
        errorMessage: null,
        createdAt: d("2026-05-06T14:00:00.500Z"),
        updatedAt: null,
        userId: "USagent01",
        phoneNumberId: "PNmain0001",
        conversationId: "CNgroup0060",
        // Our number is not first: nothing in the payload says which recipient it is.
        workspaceNumber: null,
        participant: null,
        participants: ["+14155550123", "+13105550177", "+16505550100"],
        group: true,
        media: [],
        contactIds: [],
        contactLookup: null,
        deepLink: "https://my.openphone.com/inbox/PNmain0001/c/CNgroup0060?at=ACmsg0060",
      },
    },
  },
  "message-received-group-2026-03-30.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0061",
      type: "message.received",
      apiVersion: "2026-03-30",
      occurredAt: d("2026-05-06T14:05:00.000Z"),
      resourceId: "ACmsg0061",
    },
    event: {
      kind: "message",
      message: {
        id: "ACmsg0061",
        direction: "incoming",
        from: "+13105550177",
        to: ["+16505550100", "+14155550123"],
        text: "Can you send the invoice to both of us?",
        status: "received",
        errorCode: null,
        errorMessage: null,
        createdAt: d("2026-05-06T14:04:59.000Z"),
        updatedAt: null,
        userId: "USagent01",
        phoneNumberId: "PNmain0001",
        conversationId: "CNgroup0060",
        workspaceNumber: null,
        participant: null,
        participants: ["+13105550177", "+16505550100", "+14155550123"],
        group: true,
        media: [],
        contactIds: [],
        contactLookup: "unavailable",
        deepLink: "https://my.quo.com/inbox/PNmain0001/c/CNgroup0060?at=ACmsg0061",
      },
    },
  },
  "call-completed-published-sample-no-id.json": {
    ok: false,
    reason: "ignored",
    note: "no call id",
    envelope: { eventId: "EVfx0070", type: "call.completed", apiVersion: "v3", occurredAt: d("2026-05-06T15:00:00.000Z"), resourceId: null },
  },
  "call-recording-completed-published-sample-no-id.json": {
    ok: false,
    reason: "ignored",
    note: "no call id",
    envelope: {
      eventId: "EVfx0071",
      type: "call.recording.completed",
      apiVersion: "v3",
      occurredAt: d("2026-05-06T15:00:05.000Z"),
      resourceId: null,
    },
  },
  "contact-updated-fields-array.json": {
    ok: true,
    envelope: {
      eventId: "EVfx0031",
      type: "contact.updated",
      apiVersion: "v3",
      occurredAt: d("2026-05-06T16:00:00.000Z"),
      resourceId: "CTc0ntact000000000000002",
    },
    event: {
      kind: "contact.updated",
      contact: {
        id: "CTc0ntact000000000000002",
        firstName: "Priya",
        lastName: "Shah",
        company: null,
        phoneNumbers: ["+13105550177"],
        updatedAt: d("2026-05-06T16:00:00.000Z"),
      },
    },
  },
  "unknown-type.json": {
    ok: false,
    reason: "unknown_type",
    envelope: { eventId: "EVfx0041", type: "task.created", apiVersion: "v3", occurredAt: d("2026-05-04T15:00:01.000Z"), resourceId: "TKtask0001" },
  },
};

describe("fixtures", () => {
  const files = fs.readdirSync(EVENTS_DIR).filter((f) => f.endsWith(".json")).sort();

  it("has an expectation for every fixture file and a file for every expectation", () => {
    expect(files).toEqual(Object.keys(FIXTURE_EXPECTATIONS).sort());
  });

  it.each(files)("%s", (file) => {
    const raw = fs.readFileSync(path.join(EVENTS_DIR, file), "utf8");
    expect(normalizeEvent(raw)).toStrictEqual(FIXTURE_EXPECTATIONS[file]);
  });
});

// ---------------------------------------------------------------------------------------------
// Every accepted type reaches the right kind.

const minimalPayloads = {
  message: appMessage(),
  call: appCall(),
  recording: { id: "CRrecT1", callId: "ACcallT1", url: "https://media.example.test/r.mp3" },
  summary: { callId: "ACcallT1", status: "completed", summary: ["s"], nextSteps: [] },
  transcript: { callId: "ACcallT1", status: "completed", duration: 1, dialogue: [] },
  contact: { id: "CTcontactT1" },
} satisfies Record<string, JsonObject>;

describe("event type table", () => {
  it.each([
    ["message.received", minimalPayloads.message, { kind: "message", status: "received" }],
    ["message.delivered", minimalPayloads.message, { kind: "message", status: "delivered" }],
    ["message.sent", minimalPayloads.message, { kind: "message", status: "sent" }],
    ["message.failed", minimalPayloads.message, { kind: "message", status: "failed" }],
    ["message.undelivered", minimalPayloads.message, { kind: "message", status: "undelivered" }],
    ["call.ringing", minimalPayloads.call, { kind: "call", phase: "ringing" }],
    ["call.started", minimalPayloads.call, { kind: "call", phase: "ringing" }],
    ["call.answered", minimalPayloads.call, { kind: "call", phase: "answered" }],
    ["call.forwarded", minimalPayloads.call, { kind: "call", phase: "forwarded" }],
    ["call.missed", minimalPayloads.call, { kind: "call", phase: "missed" }],
    ["call.completed", minimalPayloads.call, { kind: "call", phase: "completed" }],
    ["call.recording.completed", minimalPayloads.recording, { kind: "call.recording" }],
    ["call.voicemail.completed", minimalPayloads.recording, { kind: "call.voicemail" }],
    ["call.summary.completed", minimalPayloads.summary, { kind: "call.summary" }],
    ["callSummary", minimalPayloads.summary, { kind: "call.summary" }],
    ["call_summary.created", minimalPayloads.summary, { kind: "call.summary" }],
    ["call_summary.updated", minimalPayloads.summary, { kind: "call.summary" }],
    ["call.transcript.completed", minimalPayloads.transcript, { kind: "call.transcript" }],
    ["callTranscript", minimalPayloads.transcript, { kind: "call.transcript" }],
    ["call_transcript.created", minimalPayloads.transcript, { kind: "call.transcript" }],
    ["call_transcript.updated", minimalPayloads.transcript, { kind: "call.transcript" }],
    ["contact.updated", minimalPayloads.contact, { kind: "contact.updated" }],
    ["contact.deleted", minimalPayloads.contact, { kind: "contact.deleted" }],
    ["token.validated", { object: "token" }, { kind: "token.validated" }],
  ] as const)("%s", (type, payload, expected) => {
    expect(isKnownEventType(type)).toBe(true);
    const event = okEvent(normalizeEvent(legacyEvent(type, payload)));
    const { status, ...rest } = expected as { status?: string; kind: string };
    expect(event).toMatchObject(rest);
    if (status !== undefined && event.kind === "message") expect(event.message.status).toBe(status);
  });

  it("lists exactly the accepted types", () => {
    expect([...KNOWN_EVENT_TYPES].sort()).toEqual(
      [
        "message.received", "message.delivered", "message.sent", "message.failed", "message.undelivered",
        "call.ringing", "call.started", "call.answered", "call.forwarded", "call.missed", "call.completed", "call.menu.selected",
        "call.recording.completed", "call.voicemail.completed",
        "call.summary.completed", "callSummary", "call_summary.created", "call_summary.updated",
        "call.transcript.completed", "callTranscript", "call_transcript.created", "call_transcript.updated",
        "contact.updated", "contact.deleted", "token.validated",
      ].sort(),
    );
  });

  it.each(["task.created", "message.deleted", "constructor", "__proto__", "toString", "hasOwnProperty", "MESSAGE.RECEIVED"])(
    "%s is an unknown type with its envelope",
    (type) => {
      expect(normalizeEvent(legacyEvent(type, { id: "XXthing1" }))).toStrictEqual({
        ok: false,
        reason: "unknown_type",
        envelope: { eventId: "EVtest0001", type, apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "XXthing1" },
      });
    },
  );

  it("an unknown type in the 2026-03-30 envelope is unknown too, not invalid", () => {
    expect(normalizeEvent(resourceEvent("user.created", { id: "USnew1" }))).toMatchObject({
      ok: false,
      reason: "unknown_type",
      envelope: { eventId: "EVtest0002", apiVersion: "2026-03-30", resourceId: "USnew1" },
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Messages

describe("messages", () => {
  it("splits a comma-joined `to`: an outgoing group message keeps every recipient and no single participant", () => {
    const message = messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ to: "+14155550123, +12125550188,, " }))));
    expect(message.to).toEqual(["+14155550123", "+12125550188"]);
    expect(message.workspaceNumber).toBe("+16505550100");
    expect(message).toMatchObject({ group: true, participant: null, participants: ["+14155550123", "+12125550188"] });
  });

  it("an incoming group message does not take its first recipient as our number", () => {
    const message = messageOf(
      normalizeEvent(legacyEvent("message.received", appMessage({ direction: "incoming", from: "+14155550123", to: "+13105550177,+16505550100" }))),
    );
    expect(message).toMatchObject({
      workspaceNumber: null,
      participant: null,
      group: true,
      // Our own number is among them; the projection drops it by the phone-number id.
      participants: ["+14155550123", "+13105550177", "+16505550100"],
    });
  });

  it("takes `to` as an array (v4)", () => {
    const message = messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ to: ["+14155550123", " +12125550188 "] }))));
    expect(message.to).toEqual(["+14155550123", "+12125550188"]);
  });

  it("prefers `text` over `body`, and falls back to body", () => {
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ body: "old", text: "new" })))).text).toBe("new");
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ body: "old" })))).text).toBe("old");
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ body: null })))).text).toBeNull();
  });

  it("turns seed-style media_urls into media with a content type guessed from the extension", () => {
    const message = messageOf(
      normalizeEvent(
        legacyEvent(
          "message.received",
          appMessage({
            direction: "incoming",
            media: [{ url: "https://m.test/a.jpg", type: "image/jpeg", duration: null }],
            media_urls: ["https://m.test/a.jpg", "https://m.test/b.PNG?sig=abc", "https://m.test/c.blob", "https://m.test/download"],
          }),
        ),
      ),
    );
    expect(message.media).toEqual([
      { url: "https://m.test/a.jpg", contentType: "image/jpeg", size: null, duration: null },
      { url: "https://m.test/b.PNG?sig=abc", contentType: "image/png", size: null, duration: null },
      { url: "https://m.test/c.blob", contentType: null, size: null, duration: null },
      { url: "https://m.test/download", contentType: null, size: null, duration: null },
    ]);
  });

  it("keeps media duration and size", () => {
    const message = messageOf(
      normalizeEvent(legacyEvent("message.received", appMessage({ media: [{ url: "https://m.test/v", type: "audio/amr", duration: 4.5, size: 1024 }] }))),
    );
    expect(message.media).toEqual([{ url: "https://m.test/v", contentType: "audio/amr", size: 1024, duration: 4.5 }]);
  });

  it("message.undelivered in the 2026-03-30 envelope carries the error object, numbers from the context", () => {
    const result = normalizeEvent(
      resourceEvent(
        "message.undelivered",
        {
          id: "ACmsgU1",
          direction: "outgoing",
          text: "Reminder",
          status: "undelivered",
          error: { code: 30007, message: "Carrier filtered the message" },
          createdAt: "2026-05-06T09:00:00.000Z",
          updatedAt: "2026-05-06T09:00:03.000Z",
        },
        {
          phoneNumberId: "PNmain0001",
          conversationId: "CNconv0009",
          userId: "USagent02",
          contacts: { ids: ["CTcontact9"], lookupStatus: "found" },
          senderIdentifier: "+16505550100",
          recipientIdentifiers: ["+13125550199"],
        },
      ),
    );
    expect(result).toStrictEqual({
      ok: true,
      envelope: { eventId: "EVtest0002", type: "message.undelivered", apiVersion: "2026-03-30", occurredAt: d("2026-05-06T10:00:00.000Z"), resourceId: "ACmsgU1" },
      event: {
        kind: "message",
        message: {
          id: "ACmsgU1",
          direction: "outgoing",
          from: "+16505550100",
          to: ["+13125550199"],
          text: "Reminder",
          status: "undelivered",
          errorCode: "30007",
          errorMessage: "Carrier filtered the message",
          createdAt: d("2026-05-06T09:00:00.000Z"),
          updatedAt: d("2026-05-06T09:00:03.000Z"),
          userId: "USagent02",
          phoneNumberId: "PNmain0001",
          conversationId: "CNconv0009",
          workspaceNumber: "+16505550100",
          participant: "+13125550199",
          participants: ["+13125550199"],
          group: false,
          media: [],
          contactIds: ["CTcontact9"],
          // Not one of matched/none/unavailable: read as "not said".
          contactLookup: null,
          deepLink: null,
        },
      },
    });
  });

  it("reads errorCode/errorMessage fields, which win over an error object", () => {
    const message = messageOf(
      normalizeEvent(
        legacyEvent("message.failed", appMessage({ errorCode: "E1", errorMessage: "top", error: { code: "E2", message: "nested" } })),
      ),
    );
    expect([message.errorCode, message.errorMessage]).toEqual(["E1", "top"]);
    const fromString = messageOf(normalizeEvent(legacyEvent("message.failed", appMessage({ error: "Landline" }))));
    expect([fromString.errorCode, fromString.errorMessage]).toEqual([null, "Landline"]);
  });

  it("status follows the event type, not a lagging embedded status", () => {
    expect(messageOf(normalizeEvent(legacyEvent("message.delivered", appMessage({ status: "sent" })))).status).toBe("delivered");
  });

  it("infers the direction from the type when the payload has none", () => {
    const received = messageOf(normalizeEvent(legacyEvent("message.received", appMessage({ direction: undefined, from: "+14155550123", to: "+16505550100" }))));
    expect([received.direction, received.workspaceNumber, received.participant]).toEqual(["incoming", "+16505550100", "+14155550123"]);
    const sent = messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ direction: undefined }))));
    expect(sent.direction).toBe("outgoing");
  });

  it("falls back to the envelope time when the message has no createdAt", () => {
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ createdAt: undefined })))).createdAt).toEqual(d("2026-05-04T12:00:00.000Z"));
  });

  it("ignores extra fields OpenPhone may add", () => {
    const message = messageOf(
      normalizeEvent(legacyEvent("message.sent", appMessage({ brandNewField: { nested: [1, 2, 3] }, tags: ["a"] }), { extra: true })),
    );
    expect(message.id).toBe("ACmsgT1");
  });
});

// ---------------------------------------------------------------------------------------------
// Calls

describe("calls", () => {
  it("call.answered (v4 shape) is answered, still in progress", () => {
    const result = normalizeEvent(
      legacyEvent("call.answered", v4Call({ status: "in-progress", completedAt: null, duration: null, answeredBy: "USagent02", direction: "incoming" }), {
        apiVersion: "v4",
      }),
    );
    expect(okEvent(result)).toMatchObject({ kind: "call", phase: "answered" });
    const call = callOf(result);
    expect(call).toMatchObject({ outcome: "answered", answeredBy: "USagent02", duration: null, participant: "+13105550177", workspaceNumber: null });
  });

  it("call.answered without answeredAt is still answered", () => {
    expect(callOf(normalizeEvent(legacyEvent("call.answered", appCall({ answeredAt: null, completedAt: null })))).outcome).toBe("answered");
  });

  it("call.forwarded is forwarded, with both ends", () => {
    const call = callOf(
      normalizeEvent(
        legacyEvent("call.forwarded", v4Call({ direction: "incoming", forwardedFrom: "+16505550100", forwardedTo: "+19175550111", answeredAt: null, completedAt: null, duration: null })),
      ),
    );
    expect(call).toMatchObject({ outcome: "forwarded", forwardedFrom: "+16505550100", forwardedTo: "+19175550111" });
  });

  it("a completed call with forwardedTo set is forwarded only when nobody answered it", () => {
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ forwardedTo: "+19175550111", answeredAt: null })))).outcome).toBe("forwarded");
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ forwardedTo: "+19175550111" })))).outcome).toBe("answered");
  });

  it("call.ringing carrying a forwardedTo user id is ringing, not forwarded", () => {
    const call = callOf(normalizeEvent(legacyEvent("call.ringing", v4Call({ status: "ringing", answeredAt: null, completedAt: null, forwardedTo: "USagent02" }))));
    expect(call).toMatchObject({ outcome: "ringing", forwardedTo: "USagent02" });
  });

  it("call.missed is missed", () => {
    const result = normalizeEvent(legacyEvent("call.missed", appCall({ answeredAt: null, completedAt: "2026-05-04T11:50:30.000Z" })));
    expect(okEvent(result)).toMatchObject({ kind: "call", phase: "missed" });
    expect(callOf(result)).toMatchObject({ outcome: "missed", duration: 0 });
  });

  it("an incoming call.completed without answeredAt is missed", () => {
    expect(callOf(normalizeEvent(legacyEvent("call.completed", appCall({ answeredAt: null })))).outcome).toBe("missed");
  });

  it("an outgoing call that completed unanswered is also missed (nobody picked up)", () => {
    const call = callOf(
      normalizeEvent(legacyEvent("call.completed", appCall({ direction: "outgoing", from: "+16505550100", to: "+14155550123", answeredAt: null }))),
    );
    expect(call).toMatchObject({ outcome: "missed", workspaceNumber: "+16505550100", participant: "+14155550123", participants: ["+14155550123"] });
  });

  it("v4 duration is taken as given, even when the timestamps say otherwise", () => {
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: 200 })))).duration).toBe(200);
  });

  it("duration is derived when absent: answer to hang-up, rounded", () => {
    // 09:27:05.000 → 09:30:11.600 is 186.6 s.
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: undefined, completedAt: "2026-05-05T09:30:11.600Z" })))).duration).toBe(187);
    expect(callOf(normalizeEvent(legacyEvent("call.completed", appCall()))).duration).toBe(60);
  });

  it("a fractional call duration is stored as whole seconds; absurd durations and sizes are invalid, not a failed write", () => {
    // Found by the reliability fuzzer: 1.2e19 s reached the INTEGER column and the write failed (500, retried for a day).
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: 125.6 })))).duration).toBe(126);
    expect(expectInvalid(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: 12345678901234567000 })))).error).toMatch(/duration/);
    expect(expectInvalid(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: 2 ** 31 })))).error).toMatch(/duration/);
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: 2 ** 31 - 1 })))).duration).toBe(2 ** 31 - 1);
    const media = (size: number) => appMessage({ media: [{ url: "https://m.test/a.jpg", type: "image/jpeg", size }] });
    expect(expectInvalid(normalizeEvent(legacyEvent("message.received", media(2 ** 31)))).error).toMatch(/size/);
    expect(messageOf(normalizeEvent(legacyEvent("message.received", media(2 ** 31 - 1)))).media[0]!.size).toBe(2 ** 31 - 1);
    // Timestamps centuries apart give no derived duration rather than one that cannot be stored.
    expect(deriveCallDuration(d("0001-01-01T00:00:00Z"), d("9999-01-01T00:00:00Z"))).toBeNull();
    expect(deriveCallDuration(d("2026-01-01T00:00:00Z"), d("2026-01-01T01:00:00Z"))).toBe(3600);
  });

  it("duration is 0 for a call that ended unanswered and null while it is going", () => {
    expect(callOf(normalizeEvent(legacyEvent("call.completed", v4Call({ duration: null, answeredAt: null })))).duration).toBe(0);
    expect(callOf(normalizeEvent(legacyEvent("call.ringing", v4Call({ duration: null, answeredAt: null, completedAt: null })))).duration).toBeNull();
  });

  it("media[] on a completed app call are its recordings", () => {
    const call = callOf(
      normalizeEvent(legacyEvent("call.completed", appCall({ media: [{ url: "https://m.test/r1.mp3", type: "audio/mpeg", duration: 30 }, { url: "https://m.test/r2.wav" }] }))),
    );
    expect(call.recordings).toEqual([
      { id: null, url: "https://m.test/r1.mp3", contentType: "audio/mpeg", size: null, duration: 30 },
      { id: null, url: "https://m.test/r2.wav", contentType: "audio/wav", size: null, duration: null },
    ]);
  });

  it("a call in the 2026-03-30 envelope takes numbers and ids from the context", () => {
    const call = callOf(
      normalizeEvent(
        resourceEvent(
          "call.completed",
          { id: "ACcallN1", direction: "incoming", status: "unanswered", createdAt: "2026-05-06T09:00:00.000Z", answeredAt: null, completedAt: "2026-05-06T09:00:20.000Z" },
          {
            phoneNumberId: "PNmain0001",
            userId: "USagent01",
            participants: { workspace: ["+16505550100"], external: ["+17185550142"], resolution: "available" },
            contacts: { ids: ["CTx"], lookupStatus: "matched" },
          },
        ),
      ),
    );
    expect(call).toMatchObject({
      from: "+17185550142",
      to: "+16505550100",
      workspaceNumber: "+16505550100",
      participant: "+17185550142",
      phoneNumberId: "PNmain0001",
      userId: "USagent01",
      contactIds: ["CTx"],
      contactLookup: "matched",
      outcome: "missed",
      duration: 0,
    });
  });

  it("a 2026-03-30 call whose participants are unavailable has no caller rather than a wrong one", () => {
    const call = callOf(
      normalizeEvent(
        resourceEvent(
          "call.completed",
          { id: "ACcallN2", direction: "incoming", status: "answered", createdAt: "2026-05-06T09:00:00.000Z", hasVoicemail: false },
          { phoneNumberId: "PNmain0001", participants: { workspace: [], external: [], resolution: "unavailable" }, contacts: { ids: [], lookupStatus: "unavailable" } },
        ),
      ),
    );
    expect(call).toMatchObject({ from: null, to: null, participant: null, participants: [], workspaceNumber: null, contactLookup: "unavailable", outcome: "answered" });
  });

  it.each([
    ["abandoned", false, "missed"],
    ["unanswered", false, "missed"],
    ["unanswered", true, "voicemail"],
    ["forwarded", false, "forwarded"],
    ["ai-handled", false, "answered"],
    ["failed", false, "missed"],
  ])("2026-03-30 call.completed status %s (hasVoicemail %s) is %s", (status, hasVoicemail, outcome) => {
    const resource = { id: "ACcallN3", direction: "incoming", status, createdAt: "2026-05-06T09:00:00.000Z", answeredAt: null, completedAt: "2026-05-06T09:00:30.000Z", duration: null, hasVoicemail };
    expect(callOf(normalizeEvent(resourceEvent("call.completed", resource, {}))).outcome).toBe(outcome);
  });

  it("links.quo is kept only when it is an https link on an OpenPhone or Quo host", () => {
    const message = (quo: string | null) =>
      messageOf(normalizeEvent(resourceEvent("message.received", { id: "ACmsgL1", text: "x", createdAt: "2026-05-06T09:00:00.000Z" }, {}, {}, quo)));
    expect(message("https://my.quo.com/inbox/PN1/c/CN1?at=AC1").deepLink).toBe("https://my.quo.com/inbox/PN1/c/CN1?at=AC1");
    expect(message("https://app.openphone.com/x").deepLink).toBe("https://app.openphone.com/x");
    expect(message("javascript:alert(1)").deepLink).toBeNull();
    expect(message("http://my.quo.com/inbox").deepLink).toBeNull();
    expect(message("https://my.quo.com.evil.test/inbox").deepLink).toBeNull();
    expect(message("https://user:pw@my.quo.com/").deepLink).toBeNull();
    expect(message(null).deepLink).toBeNull();
  });

  it("call.voicemail.completed with a call object", () => {
    const result = normalizeEvent(
      legacyEvent("call.voicemail.completed", appCall({ answeredAt: null, voicemail: { url: "https://m.test/vm.mp3", type: "audio/mpeg", duration: 12 } })),
    );
    expect(okEvent(result)).toMatchObject({
      kind: "call.voicemail",
      callId: "ACcallT1",
      call: { id: "ACcallT1", outcome: "voicemail" },
      voicemail: { url: "https://m.test/vm.mp3", contentType: "audio/mpeg", size: null, duration: 12 },
    });
    expect(result.ok && result.envelope.resourceId).toBe("ACcallT1");
  });

  it("call.voicemail.completed with a bare voicemail object", () => {
    expect(okEvent(normalizeEvent(legacyEvent("call.voicemail.completed", { callId: "ACcallT1", url: "https://m.test/vm.ogg", duration: 8 })))).toStrictEqual({
      kind: "call.voicemail",
      callId: "ACcallT1",
      call: null,
      voicemail: { id: null, url: "https://m.test/vm.ogg", contentType: "audio/ogg", size: null, duration: 8, transcript: null },
    });
  });

  it("call.voicemail.completed whose call has no voicemail is invalid", () => {
    const result = expectInvalid(normalizeEvent(legacyEvent("call.voicemail.completed", appCall())));
    expect(result.error).toContain("a voicemail needs a recording or a transcript");
    expect(result.envelope).toMatchObject({ eventId: "EVtest0001", resourceId: "ACcallT1" });
  });

  it("a 2026-03-30 voicemail still processing (no transcript, no URL yet) is invalid; with only a transcript it attaches", () => {
    const resource = { id: "ACvm1", voicemailId: "VM1", callId: "ACcallV1", direction: "incoming", duration: 9, from: "+14155550123", to: "+16505550100", createdAt: "2026-05-06T09:01:00.000Z" };
    expectInvalid(normalizeEvent(resourceEvent("call.voicemail.completed", { ...resource, transcript: null, recordingUrl: null })));
    const event = okEvent(normalizeEvent(resourceEvent("call.voicemail.completed", { ...resource, transcript: "Call me back", recordingUrl: null })));
    expect(event).toMatchObject({
      kind: "call.voicemail",
      callId: "ACcallV1",
      call: { id: "ACcallV1", from: "+14155550123", to: "+16505550100", participant: "+14155550123", outcome: "voicemail", hasVoicemail: true },
      voicemail: { id: "VM1", url: null, transcript: "Call me back", duration: 9 },
    });
  });

  it("a 2026-03-30 voicemail whose source call is unresolved stands as its own call", () => {
    const event = okEvent(
      normalizeEvent(resourceEvent("call.voicemail.completed", { id: "ACvm2", callId: null, recordingUrl: "https://m.test/vm2.mp3", createdAt: "2026-05-06T09:01:00.000Z" })),
    );
    expect(event).toMatchObject({ kind: "call.voicemail", callId: "ACvm2", voicemail: { url: "https://m.test/vm2.mp3", contentType: "audio/mpeg" } });
  });
});

describe("deriveCallDuration", () => {
  const at = d("2026-05-04T11:59:00Z");

  it("deriveCallDuration", () => {
    expect(deriveCallDuration(null, null)).toBeNull();
    expect(deriveCallDuration(at, null)).toBeNull();
    expect(deriveCallDuration(null, d("2026-05-04T12:00:00Z"))).toBe(0);
    expect(deriveCallDuration(at, d("2026-05-04T12:00:00.499Z"))).toBe(60);
    expect(deriveCallDuration(d("2026-05-04T12:00:01Z"), d("2026-05-04T12:00:00Z"))).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// Recording, summary, transcript, contact

describe("call artefacts", () => {
  it("call_transcript.updated normalises like the others, with a null external speaker", () => {
    expect(
      normalizeEvent(
        legacyEvent("call_transcript.updated", {
          callId: "ACcallT1",
          status: "completed",
          duration: 61.5,
          dialogue: [
            { content: "Hi", start: 0, end: 1.25, identifier: "+14155550123", userId: null },
            { content: "Hello", start: 1.5, end: 2, userId: "USagent01" },
          ],
        }),
      ),
    ).toStrictEqual({
      ok: true,
      envelope: { eventId: "EVtest0001", type: "call_transcript.updated", apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "ACcallT1" },
      event: {
        kind: "call.transcript",
        transcript: {
          callId: "ACcallT1",
          status: "completed",
          duration: 61.5,
          createdAt: null,
          dialogue: [
            { identifier: "+14155550123", userId: null, start: 0, end: 1.25, content: "Hi" },
            { identifier: null, userId: "USagent01", start: 1.5, end: 2, content: "Hello" },
          ],
        },
      },
    });
  });

  it("a transcript segment without numeric start is invalid", () => {
    const result = expectInvalid(normalizeEvent(legacyEvent("callTranscript", { callId: "ACcallT1", status: "completed", dialogue: [{ content: "x", start: "0", end: 1 }] })));
    expect(result.error).toContain("data.object.dialogue[0].start");
  });

  it("call_summary.updated with no next steps and no sentiment", () => {
    expect(okEvent(normalizeEvent(legacyEvent("call_summary.updated", { callId: "ACcallT1", status: "completed", summary: ["one"] })))).toStrictEqual({
      kind: "call.summary",
      summary: { callId: "ACcallT1", status: "completed", summary: ["one"], nextSteps: [], sentiment: null, answeredBy: null },
    });
  });

  it("a recording without a url is invalid", () => {
    expectInvalid(normalizeEvent(legacyEvent("call.recording.completed", { id: "CRx", callId: "ACcallT1" })));
  });
});

describe("contacts", () => {
  it("collects E.164 numbers from default fields, a phoneNumbers list and custom fields, without duplicates", () => {
    const event = okEvent(
      normalizeEvent(
        legacyEvent("contact.updated", {
          id: "6824dfb69aee85c132b7aa01",
          firstName: "Sam",
          lastName: null,
          company: null,
          defaultFields: { phoneNumbers: [{ name: "mobile", value: "+14155550123" }, { name: "bad", value: "415-555-0123" }, { value: null }] },
          phoneNumbers: ["+12125550188", { value: "+14155550123" }],
          fields: {
            "Work phone": " +13105550177 ",
            Numbers: ["+16505550100", "nope", { value: "+19175550111" }],
            Extra: { value: "+447911123456" },
            Age: 42,
            "Too short": "+12345",
            "Too long": "+1234567890123456",
            Note: "call +14155550999 later",
          },
          updatedAt: "2026-05-04T15:30:00.000Z",
        }),
      ),
    );
    expect(event).toStrictEqual({
      kind: "contact.updated",
      contact: {
        id: "6824dfb69aee85c132b7aa01",
        firstName: "Sam",
        lastName: null,
        company: null,
        phoneNumbers: ["+14155550123", "+12125550188", "+13105550177", "+16505550100", "+19175550111", "+447911123456"],
        updatedAt: d("2026-05-04T15:30:00.000Z"),
      },
    });
  });

  it("contact.deleted with only an id", () => {
    expect(normalizeEvent(legacyEvent("contact.deleted", { id: "CTgone1", object: "contact" }))).toStrictEqual({
      ok: true,
      envelope: { eventId: "EVtest0001", type: "contact.deleted", apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "CTgone1" },
      event: {
        kind: "contact.deleted",
        contact: { id: "CTgone1", firstName: null, lastName: null, company: null, phoneNumbers: [], updatedAt: null },
      },
    });
  });

  it("a contact with a numeric name is invalid", () => {
    const result = expectInvalid(normalizeEvent(legacyEvent("contact.updated", { id: "CT1", firstName: 7 })));
    expect(result.error).toContain("data.object.firstName");
  });
});

// ---------------------------------------------------------------------------------------------
// Envelopes and hostile input

describe("envelopes", () => {
  it("token.validated needs no payload", () => {
    expect(okEvent(normalizeEvent(legacyEvent("token.validated", undefined)))).toEqual({ kind: "token.validated" });
  });

  it.each([
    ["legacy apiVersion v5", legacyEvent("message.sent", appMessage(), { apiVersion: "v5" }), "apiVersion"],
    ["legacy without object", legacyEvent("message.sent", appMessage(), { object: undefined }), "object"],
    ["legacy object not event", legacyEvent("message.sent", appMessage(), { object: "message" }), "object"],
    ["future dated apiVersion", resourceEvent("message.received", appMessage(), {}, { apiVersion: "2027-01-01" }), "apiVersion"],
    ["missing id", legacyEvent("message.sent", appMessage(), { id: undefined }), "id"],
    ["empty id", legacyEvent("message.sent", appMessage(), { id: "" }), "id"],
    ["missing type", legacyEvent("message.sent", appMessage(), { type: undefined }), "type"],
    ["missing createdAt", legacyEvent("message.sent", appMessage(), { createdAt: undefined }), "createdAt"],
    ["missing data", legacyEvent("message.sent", appMessage(), { data: undefined }), "data"],
    ["numeric id", legacyEvent("message.sent", appMessage(), { id: 12345 }), "id"],
    ["numeric type", legacyEvent("message.sent", appMessage(), { type: 7 }), "type"],
    ["epoch createdAt", legacyEvent("message.sent", appMessage(), { createdAt: 1777906929800 }), "createdAt"],
    ["impossible date", legacyEvent("message.sent", appMessage(), { createdAt: "2026-02-30T00:00:00Z" }), "createdAt"],
    ["date without zone", legacyEvent("message.sent", appMessage(), { createdAt: "2026-05-04T12:00:00" }), "createdAt"],
    ["prose date", legacyEvent("message.sent", appMessage(), { createdAt: "yesterday" }), "createdAt"],
    ["context with a numeric id", resourceEvent("message.received", appMessage(), { phoneNumberId: 1 }), "data.context.phoneNumberId"],
  ])("%s is invalid", (_label, raw, mentioned) => {
    expect(expectInvalid(normalizeEvent(raw)).error).toContain(mentioned);
  });

  it("an invalid envelope keeps whatever could be read", () => {
    expect(normalizeEvent(legacyEvent("message.sent", appMessage(), { apiVersion: "v9" }))).toStrictEqual({
      ok: false,
      reason: "invalid",
      error: 'apiVersion: Invalid option: expected one of "v2"|"v3"|"v4"',
      envelope: { eventId: "EVtest0001", type: "message.sent", apiVersion: "v9", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "ACmsgT1" },
    });
  });

  it("an invalid payload keeps the full envelope", () => {
    expect(normalizeEvent(legacyEvent("call.completed", appCall({ answeredAt: "not a date" })))).toStrictEqual({
      ok: false,
      reason: "invalid",
      error: "data.object.answeredAt: Invalid ISO datetime",
      envelope: { eventId: "EVtest0001", type: "call.completed", apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "ACcallT1" },
    });
  });

  it.each([
    ["message id is a number", legacyEvent("message.sent", appMessage({ id: 42 })), "data.object.id"],
    ["to is a number", legacyEvent("message.sent", appMessage({ to: 14155550123 })), "data.object.to"],
    ["from is an object", legacyEvent("message.sent", appMessage({ from: { n: 1 } })), "data.object.from"],
    ["direction unknown", legacyEvent("message.sent", appMessage({ direction: "sideways" })), "data.object.direction"],
    ["media without url", legacyEvent("message.sent", appMessage({ media: [{ type: "image/png" }] })), "data.object.media[0].url"],
    ["payload is a string", legacyEvent("message.sent", "hello"), "data.object"],
    ["payload missing", legacyEvent("call.completed", undefined), "data.object"],
    ["payload is an array", legacyEvent("call.summary.completed", [1, 2]), "data.object"],
    ["call duration negative", legacyEvent("call.completed", v4Call({ duration: -1 })), "data.object.duration"],
    ["resource payload path", resourceEvent("message.received", { id: 5 }), "data.resource.id"],
  ])("%s is invalid and says where", (_label, raw, mentioned) => {
    expect(expectInvalid(normalizeEvent(raw)).error).toContain(mentioned);
  });
});

describe("media URLs are checked at ingest", () => {
  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["file:", "file:///etc/passwd"],
    ["data:", "data:text/html,<b>x</b>"],
    ["gopher:", "gopher://127.0.0.1:6379/_INFO"],
    ["credentials", "https://user:pass@media.example.test/a.jpg"],
    ["relative", "/demo/a.jpg"],
  ])("a message whose media URL is %s is stored as invalid", (_label, url) => {
    const raw = legacyEvent("message.received", appMessage({ media: [{ url, type: "image/jpeg" }] }));
    expect(expectInvalid(normalizeEvent(raw)).error).toMatch(/url/i);
  });

  it("https and a local http demo URL pass", () => {
    for (const url of ["https://media.example.test/a.jpg", "http://localhost:3000/demo/a.jpg"]) {
      const result = normalizeEvent(legacyEvent("message.received", appMessage({ media: [{ url, type: "image/jpeg" }] })));
      expect(result.ok).toBe(true);
    }
  });
});

describe("hostile input never throws", () => {
  it.each([
    ["empty string", ""],
    ["plain text", "hello"],
    ["truncated JSON", '{"id":"EV1","type":'],
    ["BOM and JSON", '\ufeff{"id":"EV1"}'],
    ["900 KiB of garbage", "x".repeat(900 * 1024)],
  ])("not JSON: %s", (_label, raw) => {
    const result = expectInvalid(normalizeEvent(raw));
    expect(result.error).toMatch(/^Body is not valid JSON/);
    expect(result.envelope).toEqual({});
  });

  it.each([
    ["array", "[]"],
    ["array of events", `[${legacyEvent("message.sent", appMessage())}]`],
    ["number", "42"],
    ["null", "null"],
    ["string", '"message.received"'],
    ["boolean", "true"],
  ])("JSON that is not an object: %s", (_label, raw) => {
    const result = expectInvalid(normalizeEvent(raw));
    expect(result.error).toMatch(/^Body must be a JSON object/);
    expect(result.envelope).toEqual({});
  });

  function nested(depth: number, leaf: Json): Json {
    let value = leaf;
    for (let i = 0; i < depth; i++) value = { a: value };
    return value;
  }

  it("50-level nested objects: ignored as an extra field, invalid as the payload", () => {
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ deep: nested(50, "x") })))).id).toBe("ACmsgT1");
    expectInvalid(normalizeEvent(legacyEvent("message.sent", nested(50, "x"))));
    expectInvalid(normalizeEvent(legacyEvent("message.sent", appMessage({ id: nested(50, "x") }))));
    expectInvalid(normalizeEvent(JSON.stringify(nested(50, null))));
  });

  it("extremely deep nesting", () => {
    const depth = 100_000;
    expect(() => normalizeEvent(`${"[".repeat(depth)}${"]".repeat(depth)}`)).not.toThrow();
    expect(normalizeEvent(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`).ok).toBe(false);
  });

  it("900 KiB strings: fine as message text, invalid as ids, and never echoed in full", () => {
    const huge = "é".repeat(450 * 1024);
    expect(messageOf(normalizeEvent(legacyEvent("message.sent", appMessage({ body: huge })))).text).toBe(huge);

    const hugeId = expectInvalid(normalizeEvent(legacyEvent("message.sent", appMessage(), { id: huge })));
    expect(hugeId.envelope.eventId).toBeUndefined();
    const hugeType = expectInvalid(normalizeEvent(legacyEvent(huge, appMessage())));
    expect(hugeType.envelope.type).toBeUndefined();
    const hugeMessageId = expectInvalid(normalizeEvent(legacyEvent("message.sent", appMessage({ id: huge }))));
    expect(hugeMessageId.envelope).toEqual({ eventId: "EVtest0001", type: "message.sent", apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z") });
    expectInvalid(normalizeEvent(legacyEvent("message.sent", appMessage({ createdAt: huge }))));
  });

  it("keeps the error short when everything is wrong", () => {
    const everythingWrong = Object.fromEntries(["id", "from", "to", "direction", "body", "text", "media", "createdAt", "userId", "phoneNumberId"].map((k) => [k, { wrong: [k] }]));
    const result = expectInvalid(normalizeEvent(legacyEvent("message.sent", everythingWrong)));
    expect(result.error).toContain("and 5 more");
  });

  it("prototype-pollution keys neither pollute nor confuse", () => {
    const raw = JSON.stringify({
      id: "EVproto",
      object: "event",
      apiVersion: "v3",
      createdAt: "2026-05-04T12:00:00.000Z",
      type: "contact.updated",
      data: { object: { id: "CTproto", fields: { Phone: "+14155550123" } } },
    })
      .replace('{"id":"EVproto"', '{"__proto__":{"polluted":"top","type":"call.completed"},"constructor":{"prototype":{"polluted":"ctor"}},"id":"EVproto"')
      .replace('"fields":{', '"__proto__":{"firstName":"Mallory","polluted":"payload"},"fields":{"__proto__":{"x":"+19999999999"},"constructor":"+18885550100",');
    expect(raw).toContain('"__proto__":{"polluted":"top"');
    expect(normalizeEvent(raw)).toStrictEqual({
      ok: true,
      envelope: { eventId: "EVproto", type: "contact.updated", apiVersion: "v3", occurredAt: d("2026-05-04T12:00:00.000Z"), resourceId: "CTproto" },
      event: {
        kind: "contact.updated",
        contact: { id: "CTproto", firstName: null, lastName: null, company: null, phoneNumbers: ["+18885550100", "+14155550123"], updatedAt: null },
      },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    expect(Object.prototype).not.toHaveProperty("firstName");
  });

  it("__proto__ cannot supply fields that are missing", () => {
    const raw = legacyEvent("message.sent", appMessage({ errorCode: undefined })).replace('"id":"ACmsgT1"', '"__proto__":{"errorCode":{"evil":true}},"id":"ACmsgT1"');
    expect(messageOf(normalizeEvent(raw)).errorCode).toBeNull();
    const noId = '{"__proto__":{"id":"EVx","type":"message.sent"},"object":"event"}';
    expectInvalid(normalizeEvent(noId));
  });

  it("survives a few thousand random JSON values", () => {
    // Deterministic PRNG so a failure can be replayed.
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const keys = ["id", "type", "object", "apiVersion", "createdAt", "data", "resource", "context", "callId", "to", "from", "__proto__", "media", "dialogue"];
    const leaves: Json[] = [null, true, 0, -1, 1.5, "", "event", "v3", "2026-03-30", "message.received", "call.completed", "callTranscript", "2026-05-04T12:00:00Z", "+14155550123", [], {}];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const value = (depth: number): Json => {
      const r = random();
      if (depth > 4 || r < 0.4) return pick(leaves);
      if (r < 0.55) return Array.from({ length: Math.floor(random() * 3) }, () => value(depth + 1));
      const out: JsonObject = {};
      for (let i = 0; i < 1 + Math.floor(random() * 6); i++) out[pick(keys)] = value(depth + 1);
      return out;
    };
    for (let i = 0; i < 3000; i++) {
      const envelope: JsonObject = {
        id: pick(["EV1", 1, null, ""]),
        object: pick(["event", undefined]),
        apiVersion: pick(["v3", "v4", "2026-03-30", undefined]),
        createdAt: pick(["2026-05-04T12:00:00Z", "nope", undefined]),
        type: pick([...KNOWN_EVENT_TYPES, "x.y", 3]),
        data: pick([{ object: value(0) }, { resource: value(0), context: value(0) }, value(0)]),
      };
      const raw = random() < 0.9 ? JSON.stringify(envelope) : JSON.stringify(value(0));
      const result = normalizeEvent(raw);
      expect(typeof result.ok).toBe("boolean");
      if (!result.ok && result.reason === "invalid") expect(result.error.length).toBeLessThanOrEqual(500);
    }
  });
});

describe("guessContentType", () => {
  it.each([
    ["https://m.test/a.jpeg", "image/jpeg"],
    ["https://m.test/a.GIF", "image/gif"],
    ["https://m.test/card.vcf#x", "text/vcard"],
    ["https://m.test/clip.mp4?token=a.b", "video/mp4"],
    ["https://m.test/a.tar.gz", null],
    ["https://m.test/folder.jpg/file", null],
    ["", null],
  ])("%s → %s", (url, expected) => {
    expect(guessContentType(url)).toBe(expected);
  });
});
