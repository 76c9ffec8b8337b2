/**
 * The one internal shape of every accepted OpenPhone event, whatever envelope (legacy v2/v3/v4
 * or 2026-03-30) and payload shape it arrived in. Produced by normalizeEvent() in events.ts;
 * consumed by the projections in lib/projections/. Times are Date objects; phone numbers E.164 strings.
 */

export type Direction = "incoming" | "outgoing";
export type MessageStatus = "queued" | "received" | "sent" | "delivered" | "failed" | "undelivered";
export type CallOutcome = "ringing" | "in_progress" | "answered" | "missed" | "voicemail" | "forwarded";

export type Envelope = {
  /** EV… id of the event (legacy and new envelopes both carry one). */
  eventId: string;
  /** The `type` exactly as received. */
  type: string;
  apiVersion: string;
  /** Envelope createdAt. */
  occurredAt: Date;
  /** The OpenPhone id of the resource the event is about (AC…, CT…), for the event log. */
  resourceId: string | null;
};

export type NormalizedMedia = {
  url: string;
  contentType: string | null;
  size: number | null;
  duration: number | null;
};

export type NormalizedMessage = {
  id: string;
  direction: Direction;
  from: string | null;
  to: string[];
  text: string | null;
  status: MessageStatus;
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
  /** The resource's own last-change time when given; status ordering falls back to rank. */
  updatedAt: Date | null;
  userId: string | null;
  phoneNumberId: string | null;
  conversationId: string | null;
  /** The workspace number's E.164 (to for incoming, from for outgoing) when known. */
  workspaceNumber: string | null;
  /** The external party's E.164 (from for incoming, first of to for outgoing) when known. */
  participant: string | null;
  media: NormalizedMedia[];
  contactIds: string[];
};

export type NormalizedCall = {
  id: string;
  direction: Direction | null;
  /** Raw status string from OpenPhone (ringing, in-progress, completed, …). */
  status: string | null;
  /** Derived: missed = incoming with answeredAt null once completed, even though status says completed. */
  outcome: CallOutcome | null;
  from: string | null;
  to: string | null;
  participants: string[];
  workspaceNumber: string | null;
  participant: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  answeredAt: Date | null;
  completedAt: Date | null;
  /** Seconds; derived from timestamps when OpenPhone does not send it. */
  duration: number | null;
  userId: string | null;
  answeredBy: string | null;
  initiatedBy: string | null;
  forwardedFrom: string | null;
  forwardedTo: string | null;
  phoneNumberId: string | null;
  conversationId: string | null;
  voicemail: NormalizedMedia | null;
  /** Recording segments carried in media[] (app shape). */
  recordings: NormalizedRecording[];
  contactIds: string[];
};

export type NormalizedRecording = NormalizedMedia & {
  /** CR… id when the payload has one (the seed's shape). */
  id: string | null;
};

export type NormalizedSummary = {
  callId: string;
  status: string;
  summary: string[];
  nextSteps: string[];
  sentiment: string | null;
};

export type NormalizedTranscriptSegment = {
  identifier: string | null;
  userId: string | null;
  /** Float seconds from call start. */
  start: number;
  end: number;
  content: string;
};

export type NormalizedTranscript = {
  callId: string;
  status: string;
  duration: number | null;
  createdAt: Date | null;
  dialogue: NormalizedTranscriptSegment[];
};

export type NormalizedContact = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  /** E.164 numbers found on the contact (default fields and custom phone fields). */
  phoneNumbers: string[];
  updatedAt: Date | null;
};

export type NormalizedEvent =
  | { kind: "message"; message: NormalizedMessage }
  | { kind: "call"; phase: "ringing" | "answered" | "forwarded" | "missed" | "completed"; call: NormalizedCall }
  /** call.recording.completed: either a whole call (app shape) or only { callId, recording } (seed shape). */
  | { kind: "call.recording"; callId: string; call: NormalizedCall | null; recordings: NormalizedRecording[] }
  | { kind: "call.voicemail"; callId: string; call: NormalizedCall | null; voicemail: NormalizedMedia }
  | { kind: "call.summary"; summary: NormalizedSummary }
  | { kind: "call.transcript"; transcript: NormalizedTranscript }
  | { kind: "contact.updated"; contact: NormalizedContact }
  | { kind: "contact.deleted"; contact: NormalizedContact }
  | { kind: "token.validated" };

export type NormalizeResult =
  | { ok: true; envelope: Envelope; event: NormalizedEvent }
  /** A well-formed envelope of a type we do not handle: stored as ignored. */
  | { ok: false; reason: "unknown_type"; envelope: Envelope }
  /** Not JSON, not an object, or fails the schema: stored as invalid with the error. */
  | { ok: false; reason: "invalid"; error: string; envelope: Partial<Envelope> };
