import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/openphone/events";
import {
  callEvent,
  contactEvent,
  messageEvent,
  recordingEvent,
  summaryEvent,
  transcriptEvent,
  voicemailEvent,
  type JsonObject,
} from "@/lib/simulator/payloads";

/**
 * The simulator's 2026-03-30 factory must emit what OpenPhone sends, not what is convenient: the
 * same resource and context keys, event by event, as the example payloads in events-2026/.
 */
const DIR = path.resolve(import.meta.dirname, "../fixtures/openphone/events-2026");
const fixture = (file: string): JsonObject => JSON.parse(fs.readFileSync(path.join(DIR, file), "utf8")) as JsonObject;
const keysOf = (value: unknown) => Object.keys(value as object).sort();
const data = (event: JsonObject) => event.data as { resource: JsonObject; context: JsonObject; links: JsonObject };

const parties = { phoneNumberId: "PNmain0001", workspaceNumber: "+16505550100", participant: "+14155550123", conversationId: "CNconv0001" };
const at = new Date("2026-05-06T10:00:00.000Z");
const call = { ...parties, id: "ACcallF1", shape: "new" as const, createdAt: at, conversationId: "CNconv0001" };

const cases: [string, JsonObject][] = [
  ["message.received.json", messageEvent({ ...parties, type: "message.received", shape: "new", media: [{ url: "https://m.test/a.jpg", type: "image/jpeg" }] })],
  ["message.delivered.json", messageEvent({ ...parties, type: "message.delivered", shape: "new" })],
  ["message.failed.json", messageEvent({ ...parties, type: "message.failed", shape: "new" })],
  ["message.undelivered.json", messageEvent({ ...parties, type: "message.undelivered", shape: "new", errorCode: "30007" })],
  ["call.ringing.json", callEvent({ ...call, type: "call.ringing", answeredAt: null })],
  ["call.answered.json", callEvent({ ...call, type: "call.answered" })],
  ["call.completed.answered.json", callEvent({ ...call, type: "call.completed" })],
  ["call.completed.missed-voicemail.json", callEvent({ ...call, type: "call.completed", answeredAt: null, hasVoicemail: true })],
  ["call.missed.json", callEvent({ ...call, type: "call.missed", answeredAt: null })],
  ["call.forwarded.json", callEvent({ ...call, type: "call.forwarded", answeredAt: null, forwardedTo: "+14155550199" })],
  ["call.menu.selected.json", callEvent({ ...call, type: "call.menu.selected", answeredAt: null })],
  [
    "call.recording.completed.json",
    recordingEvent({ callId: "ACcallF1", shape: "new", parties, call: { createdAt: at, answeredAt: at, completedAt: new Date(at.getTime() + 60_000) } }),
  ],
  ["call.voicemail.completed.json", voicemailEvent({ callId: "ACcallF1", url: "https://m.test/vm.mp3", duration: 12, transcript: "Call me", shape: "new", parties })],
  ["call.summary.completed.json", summaryEvent({ callId: "ACcallF1", shape: "new", parties, sentiment: "positive" })],
  ["call.transcript.completed.json", transcriptEvent({ callId: "ACcallF1", shape: "new", parties })],
  ["contact.updated.json", contactEvent({ id: "CTf1", firstName: "Dana", phone: "+14155550123", shape: "new" })],
];

describe("2026-03-30 payload factory", () => {
  it.each(cases)("%s: same envelope, resource and context keys as the example", (file, built) => {
    const expected = fixture(file);
    expect(keysOf(built)).toEqual(keysOf(expected));
    expect(built.type).toBe(expected.type);
    expect(keysOf(data(built).resource)).toEqual(keysOf(data(expected).resource));
    expect(keysOf(data(built).context)).toEqual(keysOf(data(expected).context));
    expect(keysOf(data(built).links)).toEqual(["quo"]);
  });

  it.each(cases.filter(([file]) => file.startsWith("call.") || file.startsWith("message.")))(
    "%s: normalises with its caller, workspace number and conversation",
    (file, built) => {
      const result = normalizeEvent(JSON.stringify(built));
      if (!result.ok) throw new Error(`${file}: ${JSON.stringify(result)}`);
      const event = result.event;
      if (event.kind === "call.summary" || event.kind === "call.transcript") return expect(data(built).context.participants).toBeDefined();
      const subject = event.kind === "message" ? event.message : "call" in event ? event.call : null;
      expect(subject, file).toMatchObject({ participant: "+14155550123", workspaceNumber: "+16505550100", phoneNumberId: "PNmain0001", conversationId: "CNconv0001" });
    },
  );

  it("never puts numbers on a 2026 call resource, and summaries carry no sentiment", () => {
    for (const [file, built] of cases.filter(([f]) => f.startsWith("call."))) {
      const resource = data(built).resource;
      expect(resource, file).not.toHaveProperty("participants");
      expect(resource, file).not.toHaveProperty("phoneNumberId");
      expect(resource, file).not.toHaveProperty("object");
    }
    expect(data(summaryEvent({ callId: "ACx", shape: "new", sentiment: "positive" })).resource).not.toHaveProperty("sentiment");
  });

  it("a 2026 missed call with a voicemail normalises as voicemail; answered calls name who answered", () => {
    const missed = normalizeEvent(JSON.stringify(callEvent({ ...call, type: "call.completed", answeredAt: null, hasVoicemail: true })));
    expect(missed).toMatchObject({ ok: true, event: { call: { outcome: "voicemail", hasVoicemail: true } } });
    const answered = normalizeEvent(JSON.stringify(callEvent({ ...call, type: "call.answered", userId: "USagent07" })));
    expect(answered).toMatchObject({ ok: true, event: { call: { outcome: "answered", answeredBy: "USagent07" } } });
  });
});
