import { normalizeEvent } from "../openphone/events";
import type { CallRecording, CallVoicemail, LegacyCall, LegacyCallSummary, LegacyCallTranscript, OpenPhoneMessage } from "../openphone/api/schemas";
import type { Envelope, NormalizedEvent } from "../openphone/normalized";

/**
 * The REST API's objects are the API (v4) webhook payloads: a backfilled item is wrapped in the
 * webhook envelope OpenPhone would have sent and goes through the receiver's own normaliser
 * (lib/openphone/events.ts) and projections, so there is no second mapping to keep in step.
 * The envelope is never stored: the event log keeps only real deliveries.
 */
export type BackfillEvent = { event: NormalizedEvent; envelope: Envelope };

type Wrapped = { type: string; at: string; id: string; object: Record<string, unknown> };

function normalizeWrapped({ type, at, id, object }: Wrapped): BackfillEvent {
  const body = { id: `backfill:${type}:${id}`, object: "event", apiVersion: "v4", createdAt: at, type, data: { object } };
  const result = normalizeEvent(JSON.stringify(body));
  if (!result.ok) {
    const why = result.reason === "invalid" ? result.error : result.reason === "ignored" ? result.note : result.reason;
    throw new Error(`OpenPhone returned a ${type} item ${id} the receiver cannot read: ${why}`);
  }
  return { event: result.event, envelope: result.envelope };
}

/** The webhook type of a message in this status: incoming ones were received; outgoing ones by how far they got. */
export function messageEventType(message: Pick<OpenPhoneMessage, "direction" | "status">): string {
  if (message.direction === "incoming") return "message.received";
  switch (message.status) {
    case "delivered":
      return "message.delivered";
    case "failed":
      return "message.failed";
    case "undelivered":
      return "message.undelivered";
    default:
      return "message.sent";
  }
}

export function messageEvent(message: OpenPhoneMessage): BackfillEvent {
  return normalizeWrapped({ type: messageEventType(message), at: message.updatedAt ?? message.createdAt, id: message.id, object: { ...message } });
}

/** The webhook type of a call in this state; a finished call is `call.completed` (a missed one too: answeredAt null). */
export function callEventType(call: Pick<LegacyCall, "status" | "answeredAt" | "completedAt">): string {
  if (call.completedAt !== null) return "call.completed";
  if (call.status === "ringing") return "call.ringing";
  if (call.answeredAt !== null || call.status === "in-progress" || call.status === "answered") return "call.answered";
  return "call.completed";
}

function callTime(call: LegacyCall): string {
  return call.updatedAt ?? call.completedAt ?? call.createdAt;
}

export function callEvent(call: LegacyCall): BackfillEvent {
  return normalizeWrapped({ type: callEventType(call), at: callTime(call), id: call.id, object: { ...call } });
}

/** 2026-03-30 shape of `call.recording.completed`: the call with its `recordings[]`. */
export function recordingsEvent(call: LegacyCall, recordings: CallRecording[]): BackfillEvent {
  return normalizeWrapped({
    type: "call.recording.completed",
    at: callTime(call),
    id: call.id,
    object: { ...call, recordings: recordings.map((r) => ({ id: r.id, url: r.url, type: r.type, duration: r.duration, startTime: r.startTime })) },
  });
}

export function voicemailEvent(call: LegacyCall, voicemail: CallVoicemail): BackfillEvent {
  return normalizeWrapped({
    type: "call.voicemail.completed",
    at: callTime(call),
    id: call.id,
    object: { callId: call.id, voicemailId: voicemail.id, recordingUrl: voicemail.recordingUrl, duration: voicemail.duration, transcript: voicemail.transcript },
  });
}

export function summaryEvent(call: LegacyCall, summary: LegacyCallSummary): BackfillEvent {
  return normalizeWrapped({ type: "call.summary.completed", at: callTime(call), id: call.id, object: { ...summary, status: summary.status ?? "completed" } });
}

export function transcriptEvent(call: LegacyCall, transcript: LegacyCallTranscript): BackfillEvent {
  return normalizeWrapped({
    type: "call.transcript.completed",
    at: callTime(call),
    id: call.id,
    object: { ...transcript, status: transcript.status ?? "completed" },
  });
}

/** OpenPhone answers a summary/transcript request for a call without one with status `absent` (or in progress). */
export function hasContent(item: { status: string | null }): boolean {
  return item.status === null || item.status === "completed";
}
