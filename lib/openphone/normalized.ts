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

/**
 * What OpenPhone's contact lookup said about the ids in `contactIds` (2026-03-30 `context.contacts`):
 * `matched` (ids filled), `none` (looked, found nothing), `unavailable` (could not look: the ids are
 * unknown, not empty). Null when the payload says nothing (legacy payloads).
 */
export type ContactLookup = "matched" | "none" | "unavailable";

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
  /**
   * The workspace number's E.164 when the payload says it unambiguously (to of a 1:1 incoming
   * message, from of an outgoing one). Null for an incoming group message: which recipient is ours
   * is only known from the phone-number id.
   */
  workspaceNumber: string | null;
  /** The external party of a 1:1 message; null for a group message (see `participants`). */
  participant: string | null;
  /**
   * Every external party. For an incoming group message whose workspace number is unknown this
   * also holds our own number: the projection drops it by the phone-number id.
   */
  participants: string[];
  /** More than one external party (several recipients). */
  group: boolean;
  media: NormalizedMedia[];
  contactIds: string[];
  contactLookup: ContactLookup | null;
  /** Deep link into the OpenPhone (Quo) app (https on an OpenPhone/Quo host only), or null. */
  deepLink: string | null;
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
  /** Every external party (2026-03-30: `context.participants.external`; API v4: `participants`). */
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
  /** The workspace user (US…) who answered: v4 `answeredBy`, 2026-03-30 `answeredByUserId`. */
  answeredBy: string | null;
  initiatedBy: string | null;
  forwardedFrom: string | null;
  /** A number or a workspace user id (US…). */
  forwardedTo: string | null;
  phoneNumberId: string | null;
  conversationId: string | null;
  /** 2026-03-30 `call.completed` says so (the voicemail itself follows as `call.voicemail.completed`), or a voicemail is attached. */
  hasVoicemail: boolean;
  voicemail: NormalizedVoicemail | null;
  /** Recording segments: media[] (app shape) or recordings[] (2026-03-30). */
  recordings: NormalizedRecording[];
  contactIds: string[];
  contactLookup: ContactLookup | null;
  deepLink: string | null;
};

export type NormalizedVoicemail = {
  /** VM… id (2026-03-30) when given. */
  id: string | null;
  /** Null while OpenPhone has no recording URL for it yet. */
  url: string | null;
  contentType: string | null;
  size: number | null;
  duration: number | null;
  /** OpenPhone's transcription of the voicemail; null while it is processing or when not sent. */
  transcript: string | null;
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
  /** Only the original integration document's payloads carry it; no real payload does. */
  sentiment: string | null;
  /** 2026-03-30 `answeredByUserId`. */
  answeredBy: string | null;
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
  /** call.voicemail.completed: attached to its call by call id (2026-03-30 `resource.callId`). */
  | { kind: "call.voicemail"; callId: string; call: NormalizedCall | null; voicemail: NormalizedVoicemail }
  | { kind: "call.summary"; summary: NormalizedSummary }
  | { kind: "call.transcript"; transcript: NormalizedTranscript }
  | { kind: "contact.updated"; contact: NormalizedContact }
  | { kind: "contact.deleted"; contact: NormalizedContact }
  | { kind: "token.validated" };

export type NormalizeResult =
  | { ok: true; envelope: Envelope; event: NormalizedEvent }
  /** A well-formed envelope of a type we do not handle: stored as ignored. */
  | { ok: false; reason: "unknown_type"; envelope: Envelope }
  /**
   * A known type we deliberately do not apply, stored as ignored with `note`: OpenPhone's own
   * published sample calls (what "send test" delivers) carry no call id.
   */
  | { ok: false; reason: "ignored"; note: string; envelope: Envelope }
  /** Not JSON, not an object, or fails the schema: stored as invalid with the error. */
  | { ok: false; reason: "invalid"; error: string; envelope: Partial<Envelope> };
