import { z } from "zod";
import { isMediaUrlShape } from "../media/upstream-policy";
import { deriveCallOutcome, type CallPhase } from "./call-lifecycle";
import type {
  CallOutcome,
  ContactLookup,
  Direction,
  Envelope,
  MessageStatus,
  NormalizedCall,
  NormalizedContact,
  NormalizedEvent,
  NormalizedMedia,
  NormalizedMessage,
  NormalizedRecording,
  NormalizedSummary,
  NormalizedTranscript,
  NormalizedVoicemail,
  NormalizeResult,
} from "./normalized";

/**
 * Schemas for every OpenPhone webhook we accept, and normalizeEvent(): the one place where the
 * legacy (v2/v3/v4) and 2026-03-30 envelopes and their differing payload shapes become a
 * NormalizedEvent. Payload objects are loose (OpenPhone adding a field never breaks us); the
 * fields we rely on (ids, timestamps, numbers) are strict.
 */

// ---------------------------------------------------------------------------------------------
// Building blocks

/** OpenPhone ids are short (EV…, AC…, 24-hex); a cap keeps absurd input out of indexed columns. */
const idSchema = z.string().min(1).max(255);
const eventTypeSchema = z.string().min(1).max(100);
const directionSchema = z.enum(["incoming", "outgoing"]);
/** ISO 8601 with a zone (Z or ±hh:mm), as OpenPhone sends; anything else is an invalid event. */
const timestampSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const errorCodeSchema = z.union([z.string(), z.number()]);
/** `to` is a string (sometimes comma-joined) in app webhooks and an array in API webhooks. */
const recipientsSchema = z.union([z.string(), z.array(z.string())]);

/**
 * Seconds and byte sizes land in INTEGER columns on PostgreSQL (Call.duration and every size) or in
 * DOUBLE ones: a value past 2^31 − 1 (68 years, 2 GiB) is refused here as invalid rather than failing
 * the write with a 500 that OpenPhone would retry for a day (found by the reliability suite's fuzzer).
 */
const INT32_MAX = 2_147_483_647;
const secondsSchema = z.number().nonnegative().max(INT32_MAX);
const bytesSchema = z.number().int().nonnegative().max(INT32_MAX);

/** Media URLs are refused at ingest unless they are absolute http(s) URLs (javascript:, file:, data:, credentials). */
const mediaUrlSchema = z.string().min(1).refine(isMediaUrlShape, "must be an absolute http(s) URL without credentials");

export const mediaSchema = z.looseObject({
  url: mediaUrlSchema,
  type: z.string().nullish(),
  duration: secondsSchema.nullish(),
  size: bytesSchema.nullish(),
});
export type Media = z.infer<typeof mediaSchema>;

// ---------------------------------------------------------------------------------------------
// Envelopes

export const LEGACY_API_VERSIONS = ["v2", "v3", "v4"] as const;
export const RESOURCE_API_VERSION = "2026-03-30";

/** Envelope of app-created, /v1 (v2/v3) and API (v4) webhooks. */
export const legacyEnvelopeSchema = z.looseObject({
  id: idSchema,
  object: z.literal("event"),
  apiVersion: z.enum(LEGACY_API_VERSIONS),
  createdAt: timestampSchema,
  type: eventTypeSchema,
  data: z.looseObject({ object: z.unknown().optional() }),
});
export type LegacyEnvelope = z.infer<typeof legacyEnvelopeSchema>;

/**
 * Who and what a 2026-03-30 resource is about: messages carry their numbers here
 * (`senderIdentifier`/`recipientIdentifiers`), calls in `participants`; neither on the resource.
 * `orgId` is absent from OpenPhone's own sample, so nothing here is required.
 */
export const resourceContextSchema = z.looseObject({
  orgId: idSchema.nullish(),
  phoneNumberId: idSchema.nullish(),
  conversationId: idSchema.nullish(),
  userId: idSchema.nullish(),
  phoneNumberType: z.string().nullish(),
  /** lookupStatus: matched | none | unavailable (unknown, not "no contact"); other values read as unknown. */
  contacts: z.looseObject({ ids: z.array(idSchema).nullish(), lookupStatus: z.string().nullish() }).nullish(),
  /** Calls: our number(s) and the other side; empty arrays with resolution "unavailable" mean unknown. */
  participants: z
    .looseObject({
      workspace: z.array(z.string()).nullish(),
      external: z.array(z.string()).nullish(),
      resolution: z.string().nullish(),
    })
    .nullish(),
  senderIdentifier: z.string().nullish(),
  recipientIdentifiers: recipientsSchema.nullish(),
});
export type ResourceContext = z.infer<typeof resourceContextSchema>;

/** Envelope of 2026-03-30 API webhooks (signed with Standard Webhooks). */
export const resourceEnvelopeSchema = z.looseObject({
  id: idSchema,
  apiVersion: z.literal(RESOURCE_API_VERSION),
  createdAt: timestampSchema,
  type: eventTypeSchema,
  data: z.looseObject({
    resource: z.unknown().optional(),
    context: resourceContextSchema.nullish(),
    /** `quo`: deep link into the Quo app, null when there is none. */
    links: z.looseObject({ quo: z.string().nullish() }).nullish(),
  }),
});
export type ResourceEnvelope = z.infer<typeof resourceEnvelopeSchema>;

// ---------------------------------------------------------------------------------------------
// Payloads (data.object of legacy envelopes, data.resource of 2026-03-30 envelopes)

export const messagePayloadSchema = z.looseObject({
  id: idSchema,
  from: z.string().nullish(),
  to: recipientsSchema.nullish(),
  /** Absent on some payloads; the event type implies it then. */
  direction: directionSchema.nullish(),
  /** App webhooks (v2/v3). */
  body: z.string().nullish(),
  /** API (v4) and 2026-03-30 webhooks. */
  text: z.string().nullish(),
  media: z.array(mediaSchema).nullish(),
  /** The original integration document's shape: bare URLs, no content type. */
  media_urls: z.array(z.string().min(1)).nullish(),
  status: z.string().nullish(),
  errorCode: errorCodeSchema.nullish(),
  errorMessage: z.string().nullish(),
  error: z
    .union([z.string(), z.looseObject({ code: errorCodeSchema.nullish(), message: z.string().nullish() })])
    .nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
  userId: idSchema.nullish(),
  phoneNumberId: idSchema.nullish(),
  conversationId: idSchema.nullish(),
  contactIds: z.array(idSchema).nullish(),
  /** Legacy name of the deep link (2026-03-30: `data.links.quo`). */
  deepLink: z.string().nullish(),
});
export type MessagePayload = z.infer<typeof messagePayloadSchema>;

/** 2026-03-30 `call.recording.completed` `recordings[]`; `[]` means no metadata in this payload. */
const callRecordingSchema = z.looseObject({
  id: idSchema.nullish(),
  // "" = no URL yet (skipped when the recordings are read).
  url: z.union([mediaUrlSchema, z.literal("")]).nullish(),
  type: z.string().nullish(),
  duration: secondsSchema.nullish(),
  startTime: timestampSchema.nullish(),
});

export const callPayloadSchema = z.looseObject({
  id: idSchema,
  /** App shape (v2/v3): from/to numbers. */
  from: z.string().nullish(),
  to: recipientsSchema.nullish(),
  direction: directionSchema.nullish(),
  status: z.string().nullish(),
  /** API shape (v4): the external numbers. */
  participants: z.array(z.string()).nullish(),
  /** App shape: recording segments. */
  media: z.array(mediaSchema).nullish(),
  /** 2026-03-30 shape: recording segments. */
  recordings: z.array(callRecordingSchema).nullish(),
  voicemail: mediaSchema.nullish(),
  /** 2026-03-30 `call.completed`: a `call.voicemail.completed` follows. */
  hasVoicemail: z.boolean().nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
  answeredAt: timestampSchema.nullish(),
  completedAt: timestampSchema.nullish(),
  /** Seconds; API (v4) and 2026-03-30 payloads carry it (null there when the call never connected). Stored as whole seconds. */
  duration: secondsSchema.transform(Math.round).nullish(),
  userId: idSchema.nullish(),
  answeredBy: idSchema.nullish(),
  /** 2026-03-30 `call.answered` (and summaries). */
  answeredByUserId: idSchema.nullish(),
  initiatedBy: idSchema.nullish(),
  forwardedFrom: z.string().nullish(),
  forwardedTo: z.string().nullish(),
  phoneNumberId: idSchema.nullish(),
  conversationId: idSchema.nullish(),
  contactIds: z.array(idSchema).nullish(),
  deepLink: z.string().nullish(),
});
export type CallPayload = z.infer<typeof callPayloadSchema>;

/** A recording or voicemail sent on its own: `{ id: "CR…", callId, url, duration, size }` (the seed's shape). */
export const callMediaPayloadSchema = z.looseObject({
  id: idSchema.nullish(),
  callId: idSchema,
  url: mediaUrlSchema,
  type: z.string().nullish(),
  duration: secondsSchema.nullish(),
  size: bytesSchema.nullish(),
});
export type CallMediaPayload = z.infer<typeof callMediaPayloadSchema>;

/**
 * A voicemail sent on its own: the seed's `{ callId, url, type, duration, size }` or 2026-03-30's
 * `{ id (its own activity), voicemailId, callId?, direction, duration, from, to, transcript?,
 * recordingUrl?, createdAt, updatedAt }`.
 */
export const voicemailPayloadSchema = z.looseObject({
  id: idSchema.nullish(),
  voicemailId: idSchema.nullish(),
  /** The source call; null when OpenPhone could not resolve it. */
  callId: idSchema.nullish(),
  direction: directionSchema.nullish(),
  from: z.string().nullish(),
  to: recipientsSchema.nullish(),
  url: mediaUrlSchema.nullish(),
  recordingUrl: mediaUrlSchema.nullish(),
  type: z.string().nullish(),
  duration: secondsSchema.nullish(),
  size: bytesSchema.nullish(),
  transcript: z.string().nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
});
export type VoicemailPayload = z.infer<typeof voicemailPayloadSchema>;

export const callSummaryPayloadSchema = z.looseObject({
  callId: idSchema,
  /** Legacy payloads say `status`, 2026-03-30 ones `processingStatus`; one of them is required. */
  status: z.string().nullish(),
  processingStatus: z.string().nullish(),
  summary: z.array(z.string()).nullish(),
  nextSteps: z.array(z.string()).nullish(),
  /** Only the original integration document's call_summary.* events carry it; no real payload does. */
  sentiment: z.string().nullish(),
  answeredByUserId: idSchema.nullish(),
});
export type CallSummaryPayload = z.infer<typeof callSummaryPayloadSchema>;

export const transcriptSegmentSchema = z.looseObject({
  identifier: z.string().nullish(),
  /** Null for the external speaker. */
  userId: idSchema.nullish(),
  /** Float seconds from call start. */
  start: z.number(),
  end: z.number(),
  content: z.string(),
});
export type TranscriptSegment = z.infer<typeof transcriptSegmentSchema>;

export const callTranscriptPayloadSchema = z.looseObject({
  callId: idSchema,
  status: z.string().nullish(),
  processingStatus: z.string().nullish(),
  duration: secondsSchema.nullish(),
  createdAt: timestampSchema.nullish(),
  dialogue: z.array(transcriptSegmentSchema).nullish(),
});
export type CallTranscriptPayload = z.infer<typeof callTranscriptPayloadSchema>;

const contactPhoneNumberSchema = z.looseObject({ name: z.string().nullish(), value: z.string().nullish() });
/** An older captured shape lists custom fields as `[{ name, type, value }]` instead of a record. */
const contactFieldEntrySchema = z.looseObject({ name: z.string().nullish(), type: z.string().nullish(), value: z.unknown() });

export const contactPayloadSchema = z.looseObject({
  id: idSchema,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  /** Custom fields keyed by their label; values are whatever the workspace defined. Scanned for phone numbers. */
  fields: z.union([z.record(z.string(), z.unknown()), z.array(contactFieldEntrySchema)]).nullish(),
  /** 2026-03-30: `[{ name, key, type, value }]`. */
  customFields: z.array(contactFieldEntrySchema).nullish(),
  defaultFields: z.looseObject({ phoneNumbers: z.array(contactPhoneNumberSchema).nullish() }).nullish(),
  phoneNumbers: z.array(z.union([z.string(), contactPhoneNumberSchema])).nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
});
export type ContactPayload = z.infer<typeof contactPayloadSchema>;

// ---------------------------------------------------------------------------------------------
// Event types → handling

type EventRoute =
  | { family: "message"; status: MessageStatus; direction: Direction }
  /** `direction` when the event implies it (call.missed and call.forwarded are incoming only). */
  | { family: "call"; phase: CallPhase; direction?: Direction }
  | { family: "call.recording" }
  | { family: "call.voicemail" }
  | { family: "call.summary" }
  | { family: "call.transcript" }
  | { family: "contact"; deleted: boolean }
  | { family: "token.validated" };

// A Map, not an object literal: a type such as "constructor" or "__proto__" must not find a route.
const EVENT_ROUTES: ReadonlyMap<string, EventRoute> = new Map<string, EventRoute>([
  ["message.received", { family: "message", status: "received", direction: "incoming" }],
  ["message.sent", { family: "message", status: "sent", direction: "outgoing" }],
  ["message.delivered", { family: "message", status: "delivered", direction: "outgoing" }],
  ["message.failed", { family: "message", status: "failed", direction: "outgoing" }],
  ["message.undelivered", { family: "message", status: "undelivered", direction: "outgoing" }],
  ["call.ringing", { family: "call", phase: "ringing" }],
  ["call.started", { family: "call", phase: "ringing" }],
  ["call.answered", { family: "call", phase: "answered" }],
  ["call.forwarded", { family: "call", phase: "forwarded", direction: "incoming" }],
  ["call.missed", { family: "call", phase: "missed", direction: "incoming" }],
  ["call.completed", { family: "call", phase: "completed" }],
  // A caller picking a phone-menu option: the call is still going (menus answer incoming calls).
  ["call.menu.selected", { family: "call", phase: "ringing", direction: "incoming" }],
  ["call.recording.completed", { family: "call.recording" }],
  ["call.voicemail.completed", { family: "call.voicemail" }],
  // The API's own name, its quirky object name, and the seed's names all mean the same thing.
  ["call.summary.completed", { family: "call.summary" }],
  ["callSummary", { family: "call.summary" }],
  ["call_summary.created", { family: "call.summary" }],
  ["call_summary.updated", { family: "call.summary" }],
  ["call.transcript.completed", { family: "call.transcript" }],
  ["callTranscript", { family: "call.transcript" }],
  ["call_transcript.created", { family: "call.transcript" }],
  ["call_transcript.updated", { family: "call.transcript" }],
  ["contact.updated", { family: "contact", deleted: false }],
  ["contact.deleted", { family: "contact", deleted: true }],
  ["token.validated", { family: "token.validated" }],
]);

/** Every `type` normalizeEvent() maps to a NormalizedEvent; anything else is `unknown_type`. */
export const KNOWN_EVENT_TYPES: readonly string[] = [...EVENT_ROUTES.keys()];

export function isKnownEventType(type: string): boolean {
  return EVENT_ROUTES.has(type);
}

// ---------------------------------------------------------------------------------------------
// normalizeEvent

const MAX_ERROR_LENGTH = 500;
const MAX_ISSUES_REPORTED = 5;

type Source = {
  payload: unknown;
  context: ResourceContext | null;
  /** 2026-03-30 `data.links.quo`: undefined for legacy envelopes (the link is built from ids), null for "none". */
  quoLink: string | null | undefined;
  payloadPath: string;
  occurredAt: Date;
};
type FamilyResult = { ok: true; event: NormalizedEvent; resourceId: string | null } | { ok: false; error: string };

/**
 * Parses a raw webhook body into a NormalizedEvent. Pure and total: every input, however hostile,
 * yields a result (invalid bodies are stored with their error rather than retried forever).
 */
export function normalizeEvent(rawBody: string): NormalizeResult {
  try {
    return normalize(rawBody);
  } catch (error) {
    // Unreachable by design; a bug here must not turn into endless OpenPhone retries.
    return invalid(`Could not normalise the event: ${errorMessage(error)}`, {});
  }
}

const NUL_OR_SURROGATE = /[\u0000\uD800-\uDFFF]/;
const NUL_OR_LONE_SURROGATE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text both databases store as it is: U+0000 and lone surrogates (which a JSON escape such as
 * "\ud800" can produce) become U+FFFD, as invalid UTF-8 does. PostgreSQL text cannot hold U+0000
 * (SQLite truncates at it in places), and better-sqlite3 writes a lone surrogate as bytes that are
 * not UTF-8, so an event id would read back as something other than the id we acknowledged.
 */
export function storableText(text: string): string {
  return NUL_OR_SURROGATE.test(text) ? text.replace(NUL_OR_LONE_SURROGATE, "\uFFFD") : text;
}

function normalize(rawBody: string): NormalizeResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody, (_key, value: unknown) => (typeof value === "string" ? storableText(value) : value));
  } catch (error) {
    return invalid(`Body is not valid JSON: ${errorMessage(error)}`, {});
  }
  if (!isPlainObject(json)) return invalid(`Body must be a JSON object, got ${describeJson(json)}`, {});

  const partial = readPartialEnvelope(json);
  let base: Omit<Envelope, "resourceId">;
  let source: Source;
  if (looksLikeResourceEnvelope(json)) {
    const parsed = resourceEnvelopeSchema.safeParse(json);
    if (!parsed.success) return invalid(formatIssues(parsed.error, ""), partial);
    const { id, type, apiVersion, createdAt, data } = parsed.data;
    base = { eventId: id, type, apiVersion, occurredAt: createdAt };
    source = {
      payload: data.resource,
      context: data.context ?? null,
      quoLink: data.links?.quo ?? null,
      payloadPath: "data.resource",
      occurredAt: createdAt,
    };
  } else {
    const parsed = legacyEnvelopeSchema.safeParse(json);
    if (!parsed.success) return invalid(formatIssues(parsed.error, ""), partial);
    const { id, type, apiVersion, createdAt, data } = parsed.data;
    base = { eventId: id, type, apiVersion, occurredAt: createdAt };
    source = { payload: data.object, context: null, quoLink: undefined, payloadPath: "data.object", occurredAt: createdAt };
  }

  const route = EVENT_ROUTES.get(base.type);
  if (route === undefined) {
    return { ok: false, reason: "unknown_type", envelope: { ...base, resourceId: guessResourceId(source.payload) } };
  }
  if (route.family.startsWith("call") && lacksCallId(source.payload)) {
    // OpenPhone's published samples (what "send test" delivers) are call objects without an id.
    return { ok: false, reason: "ignored", note: "no call id", envelope: { ...base, resourceId: null } };
  }
  const result = normalizeFamily(route, source);
  if (!result.ok) return invalid(result.error, { ...base, ...optionalResourceId(source.payload) });
  return { ok: true, envelope: { ...base, resourceId: result.resourceId }, event: result.event };
}

function normalizeFamily(route: EventRoute, source: Source): FamilyResult {
  switch (route.family) {
    case "message":
      return parsePayload(messagePayloadSchema, source, (payload) => {
        const message = toMessage(payload, source, route);
        return { event: { kind: "message", message }, resourceId: message.id };
      });
    case "call":
      return parsePayload(callPayloadSchema, source, (payload) => {
        const call = toCall(payload, source, route.phase, route.direction ?? null);
        return { event: { kind: "call", phase: route.phase, call }, resourceId: call.id };
      });
    case "call.recording":
      if (hasOwnString(source.payload, "callId")) {
        return parsePayload(callMediaPayloadSchema, source, (payload) => ({
          event: {
            kind: "call.recording",
            callId: payload.callId,
            call: null,
            recordings: [{ id: payload.id ?? null, ...toMedia(payload) }],
          },
          resourceId: payload.callId,
        }));
      }
      return parsePayload(callPayloadSchema, source, (payload) => {
        const call = toCall(payload, source, null, null);
        return {
          event: { kind: "call.recording", callId: call.id, call, recordings: call.recordings },
          resourceId: call.id,
        };
      });
    case "call.voicemail":
      // App shape: the whole call with its `voicemail`; otherwise the voicemail on its own.
      if (isPlainObject(source.payload) && Object.hasOwn(source.payload, "voicemail") && source.payload.voicemail !== null) {
        return parsePayload(callPayloadSchema, source, (payload) => {
          const call = toCall(payload, source, null, null);
          if (call.voicemail === null) return `${source.payloadPath}.voicemail: a voicemail event must carry a voicemail`;
          return { event: { kind: "call.voicemail", callId: call.id, call, voicemail: call.voicemail }, resourceId: call.id };
        });
      }
      return parsePayload(voicemailPayloadSchema, source, (payload) => toVoicemailEvent(payload, source));
    case "call.summary":
      return parsePayload(callSummaryPayloadSchema, source, (payload) => {
        const status = payload.status ?? payload.processingStatus;
        if (!status) return `${source.payloadPath}.status: a summary needs a status or processingStatus`;
        const summary: NormalizedSummary = {
          callId: payload.callId,
          status,
          summary: payload.summary ?? [],
          nextSteps: payload.nextSteps ?? [],
          sentiment: payload.sentiment ?? null,
          answeredBy: payload.answeredByUserId ?? null,
        };
        return { event: { kind: "call.summary", summary }, resourceId: summary.callId };
      });
    case "call.transcript":
      return parsePayload(callTranscriptPayloadSchema, source, (payload) => {
        const status = payload.status ?? payload.processingStatus;
        if (!status) return `${source.payloadPath}.status: a transcript needs a status or processingStatus`;
        const transcript: NormalizedTranscript = {
          callId: payload.callId,
          status,
          duration: payload.duration ?? null,
          createdAt: payload.createdAt ?? null,
          dialogue: (payload.dialogue ?? []).map((segment) => ({
            identifier: segment.identifier ?? null,
            userId: segment.userId ?? null,
            start: segment.start,
            end: segment.end,
            content: segment.content,
          })),
        };
        return { event: { kind: "call.transcript", transcript }, resourceId: transcript.callId };
      });
    case "contact":
      return parsePayload(contactPayloadSchema, source, (payload) => {
        const contact = toContact(payload);
        const event: NormalizedEvent = route.deleted
          ? { kind: "contact.deleted", contact }
          : { kind: "contact.updated", contact };
        return { event, resourceId: contact.id };
      });
    case "token.validated":
      // A connectivity check: nothing in it is used, so nothing in it can make it invalid.
      return { ok: true, event: { kind: "token.validated" }, resourceId: null };
    default: {
      const unhandled: never = route;
      throw new Error(`Unhandled event family: ${JSON.stringify(unhandled)}`);
    }
  }
}

function parsePayload<T>(
  schema: z.ZodType<T>,
  source: Source,
  build: (payload: T) => { event: NormalizedEvent; resourceId: string | null } | string,
): FamilyResult {
  const parsed = schema.safeParse(source.payload);
  if (!parsed.success) return { ok: false, error: formatIssues(parsed.error, source.payloadPath) };
  const built = build(parsed.data);
  return typeof built === "string" ? { ok: false, error: truncate(built) } : { ok: true, ...built };
}

// ---------------------------------------------------------------------------------------------
// Payload → normalized shapes

function toMessage(payload: MessagePayload, source: Source, route: Extract<EventRoute, { family: "message" }>): NormalizedMessage {
  const context = source.context;
  const direction = payload.direction ?? route.direction;
  const from = cleanNumber(context?.senderIdentifier ?? payload.from);
  const to = splitRecipients(context?.recipientIdentifiers ?? payload.to);
  const errorObject = typeof payload.error === "object" ? payload.error : null;
  const errorCode = payload.errorCode ?? errorObject?.code ?? null;
  const media = dedupeByUrl([
    ...(payload.media ?? []).map(toMedia),
    ...(payload.media_urls ?? []).map((url) => toMedia({ url })),
  ]);
  // Several recipients make a group message. Which recipient of an incoming one is our number the
  // payload does not say (a comma-joined legacy `to` has no order guarantee): the phone-number id does.
  const group = to.length > 1;
  const workspaceNumber = direction === "incoming" ? (group ? null : (to[0] ?? null)) : from;
  const participants = uniqueNumbers(direction === "incoming" ? [from, ...(group ? to : [])] : to);
  const phoneNumberId = context?.phoneNumberId ?? payload.phoneNumberId ?? null;
  const conversationId = context?.conversationId ?? payload.conversationId ?? null;
  return {
    id: payload.id,
    direction,
    from,
    to,
    text: payload.text ?? payload.body ?? null,
    // The event type is the authority on what happened; the embedded status can lag behind it.
    status: route.status,
    errorCode: errorCode === null ? null : String(errorCode),
    errorMessage: payload.errorMessage ?? errorObject?.message ?? (typeof payload.error === "string" ? payload.error : null),
    // Some payloads omit createdAt; the event's own time is the closest thing we know.
    createdAt: payload.createdAt ?? source.occurredAt,
    updatedAt: payload.updatedAt ?? null,
    userId: context?.userId ?? payload.userId ?? null,
    phoneNumberId,
    conversationId,
    workspaceNumber,
    participant: group ? null : direction === "incoming" ? from : (to[0] ?? null),
    participants,
    group,
    media,
    contactIds: context?.contacts?.ids ?? payload.contactIds ?? [],
    contactLookup: toContactLookup(context?.contacts?.lookupStatus),
    deepLink: deepLinkOf(source, payload.deepLink, phoneNumberId, conversationId, payload.id),
  };
}

function toCall(payload: CallPayload, source: Source, phase: CallPhase | null, impliedDirection: Direction | null): NormalizedCall {
  const context = source.context;
  const direction = payload.direction ?? impliedDirection;
  // 2026-03-30 calls name their numbers only in context.participants (workspace = ours, external = the other side).
  const workspace = uniqueNumbers(context?.participants?.workspace ?? [])[0] ?? null;
  const external = uniqueNumbers(context?.participants?.external ?? []);
  const from = cleanNumber(payload.from) ?? (direction === "incoming" ? (external[0] ?? null) : direction === "outgoing" ? workspace : null);
  const to = splitRecipients(payload.to)[0] ?? (direction === "incoming" ? workspace : direction === "outgoing" ? (external[0] ?? null) : null);
  const listed = uniqueNumbers([...external, ...(payload.participants ?? [])]);
  const counterpart = direction === "incoming" ? from : direction === "outgoing" ? to : null;
  const participant = counterpart ?? listed[0] ?? null;
  const answeredAt = payload.answeredAt ?? null;
  const completedAt = payload.completedAt ?? null;
  const forwardedTo = cleanNumber(payload.forwardedTo);
  const voicemail = payload.voicemail ? { id: null, transcript: null, ...toMedia(payload.voicemail) } : null;
  const hasVoicemail = voicemail !== null || payload.hasVoicemail === true;
  const status = payload.status ?? null;
  const phoneNumberId = context?.phoneNumberId ?? payload.phoneNumberId ?? null;
  const conversationId = context?.conversationId ?? payload.conversationId ?? null;
  return {
    id: payload.id,
    direction,
    status,
    outcome: deriveCallOutcome({ phase, direction, status, answeredAt, completedAt, forwardedTo, hasVoicemail }),
    from,
    to,
    // App payloads have no participants list; the external party is the same thing.
    participants: listed.length > 0 ? listed : participant !== null ? [participant] : [],
    // API (v4) calls name only the external participants, so the workspace number is unknown there.
    workspaceNumber: workspace ?? (direction === "incoming" ? to : direction === "outgoing" ? from : null),
    participant,
    createdAt: payload.createdAt ?? null,
    updatedAt: payload.updatedAt ?? null,
    answeredAt,
    completedAt,
    duration: payload.duration ?? deriveCallDuration(answeredAt, completedAt),
    userId: context?.userId ?? payload.userId ?? null,
    answeredBy: payload.answeredBy ?? payload.answeredByUserId ?? null,
    initiatedBy: payload.initiatedBy ?? null,
    forwardedFrom: cleanNumber(payload.forwardedFrom),
    forwardedTo,
    phoneNumberId,
    conversationId,
    hasVoicemail,
    voicemail,
    recordings: [
      ...(payload.media ?? []).map((m) => ({ id: null, ...toMedia(m) })),
      ...(payload.recordings ?? []).flatMap((r) => (r.url ? [{ id: r.id ?? null, ...toMedia({ ...r, url: r.url }) }] : [])),
    ],
    contactIds: context?.contacts?.ids ?? payload.contactIds ?? [],
    contactLookup: toContactLookup(context?.contacts?.lookupStatus),
    deepLink: deepLinkOf(source, payload.deepLink, phoneNumberId, conversationId, payload.id),
  };
}

/**
 * A voicemail on its own. 2026-03-30 names its source call in `callId` (its own `id` is the
 * voicemail's activity); when OpenPhone could not resolve the call, the voicemail stands as its own
 * call under that id. Its numbers also describe the call, so a voicemail that arrives before its
 * call still links the caller.
 */
function toVoicemailEvent(payload: VoicemailPayload, source: Source): { event: NormalizedEvent; resourceId: string | null } | string {
  const callId = payload.callId ?? payload.id ?? null;
  if (callId === null) return `${source.payloadPath}.callId: a voicemail needs a call id`;
  const url = payload.recordingUrl ?? payload.url ?? null;
  const transcript = payload.transcript?.trim() ? payload.transcript : null;
  if (url === null && transcript === null) return `${source.payloadPath}.recordingUrl: a voicemail needs a recording or a transcript`;
  const voicemail: NormalizedVoicemail = {
    id: payload.voicemailId ?? null,
    url,
    contentType: payload.type ?? (url ? guessContentType(url) : null),
    size: payload.size ?? null,
    duration: payload.duration ?? null,
    transcript,
  };
  const describesCall = source.context !== null || payload.direction != null || payload.from != null;
  const call = describesCall
    ? toCall(
        {
          id: callId,
          direction: payload.direction,
          from: source.context?.participants ? null : payload.from,
          to: source.context?.participants ? null : payload.to,
          // The voicemail's own time places the call only until the call's own events say when it
          // started (they rank higher and overwrite it), so a call whose events were lost still shows.
          createdAt: payload.createdAt,
          hasVoicemail: true,
        },
        source,
        null,
        null,
      )
    : null;
  return { event: { kind: "call.voicemail", callId, call, voicemail }, resourceId: callId };
}

/** OpenPhone's published sample calls have neither `id` nor `callId`. */
function lacksCallId(payload: unknown): boolean {
  return isPlainObject(payload) && payload.id == null && payload.callId == null;
}

function uniqueNumbers(values: readonly (string | null | undefined)[]): string[] {
  return [...new Set(values.map(cleanNumber).filter((n): n is string => n !== null))];
}

function toContactLookup(value: string | null | undefined): ContactLookup | null {
  return value === "matched" || value === "none" || value === "unavailable" ? value : null;
}

const OPENPHONE_APP_ORIGIN = "https://my.openphone.com";

/**
 * The deep link into the OpenPhone (Quo) app: 2026-03-30 `links.quo`, a legacy `deepLink`, or for
 * legacy payloads built from the phone-number, conversation and activity ids. Only https links on
 * an OpenPhone or Quo host are kept: the link ends up in an href.
 */
function deepLinkOf(
  source: Source,
  payloadLink: string | null | undefined,
  phoneNumberId: string | null,
  conversationId: string | null,
  activityId: string,
): string | null {
  const given = source.quoLink !== undefined ? source.quoLink : payloadLink;
  if (given) return safeOpenPhoneUrl(given);
  if (source.quoLink !== undefined || !phoneNumberId || !conversationId) return null;
  const path = `/inbox/${encodeURIComponent(phoneNumberId)}/c/${encodeURIComponent(conversationId)}`;
  return `${OPENPHONE_APP_ORIGIN}${path}?at=${encodeURIComponent(activityId)}`;
}

/** Whether a deep link is one deepLinkOf() built from ids rather than one OpenPhone sent. */
export function isBuiltDeepLink(url: string): boolean {
  return url.startsWith(`${OPENPHONE_APP_ORIGIN}/inbox/`);
}

const OPENPHONE_HOSTS = ["openphone.com", "openphone.co", "quo.com"];

export function safeOpenPhoneUrl(value: string): string | null {
  if (value.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username !== "" || url.password !== "") return null;
  const host = url.hostname.toLowerCase();
  return OPENPHONE_HOSTS.some((h) => host === h || host.endsWith(`.${h}`)) ? url.toString() : null;
}

/**
 * App payloads carry no duration: seconds from answer to hang-up; 0 for a call that ended
 * unanswered; null while the call is still going.
 */
export function deriveCallDuration(answeredAt: Date | null, completedAt: Date | null): number | null {
  if (completedAt === null) return null;
  if (answeredAt === null) return 0;
  const seconds = Math.max(0, Math.round((completedAt.getTime() - answeredAt.getTime()) / 1000));
  // Timestamps centuries apart are nonsense, and would not fit the INTEGER column.
  return seconds <= INT32_MAX ? seconds : null;
}

function toContact(payload: ContactPayload): NormalizedContact {
  const found: string[] = [];
  for (const entry of payload.defaultFields?.phoneNumbers ?? []) found.push(...phoneNumbersIn(entry.value));
  for (const entry of payload.phoneNumbers ?? []) found.push(...phoneNumbersIn(typeof entry === "string" ? entry : entry.value));
  const fields = Array.isArray(payload.fields) ? payload.fields.map((field) => field.value) : Object.values(payload.fields ?? {});
  for (const value of fields) found.push(...phoneNumbersIn(value));
  for (const field of payload.customFields ?? []) found.push(...phoneNumbersIn(field.value));
  return {
    id: payload.id,
    firstName: payload.firstName ?? null,
    lastName: payload.lastName ?? null,
    company: payload.company ?? null,
    phoneNumbers: [...new Set(found)],
    updatedAt: payload.updatedAt ?? null,
  };
}

const E164 = /^\+\d{7,15}$/;

/** A custom field value may be a number, a list of numbers, or `{ value }` entries; only E.164 strings count. */
function phoneNumbersIn(value: unknown): string[] {
  if (typeof value === "string") {
    const trimmed = value.trim();
    return E164.test(trimmed) ? [trimmed] : [];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item: unknown) =>
      typeof item === "string" ? phoneNumbersIn(item) : isPlainObject(item) ? phoneNumbersIn(item.value) : [],
    );
  }
  if (isPlainObject(value)) return phoneNumbersIn(value.value);
  return [];
}

function toMedia(media: { url: string; type?: string | null; duration?: number | null; size?: number | null }): NormalizedMedia {
  return {
    url: media.url,
    contentType: media.type ?? guessContentType(media.url),
    size: media.size ?? null,
    duration: media.duration ?? null,
  };
}

const CONTENT_TYPES_BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["png", "image/png"],
  ["gif", "image/gif"],
  ["webp", "image/webp"],
  ["heic", "image/heic"],
  ["heif", "image/heif"],
  ["bmp", "image/bmp"],
  ["pdf", "application/pdf"],
  ["vcf", "text/vcard"],
  ["txt", "text/plain"],
  ["mp3", "audio/mpeg"],
  ["m4a", "audio/mp4"],
  ["wav", "audio/wav"],
  ["ogg", "audio/ogg"],
  ["amr", "audio/amr"],
  ["mp4", "video/mp4"],
  ["mov", "video/quicktime"],
  ["3gp", "video/3gpp"],
]);

/** Bare media URLs carry no content type; the file extension is the only hint. */
export function guessContentType(url: string): string | null {
  const match = /\.([A-Za-z0-9]{1,5})(?:[?#][^/]*)?$/.exec(url);
  const extension = match?.[1]?.toLowerCase();
  return extension === undefined ? null : (CONTENT_TYPES_BY_EXTENSION.get(extension) ?? null);
}

function dedupeByUrl(media: NormalizedMedia[]): NormalizedMedia[] {
  const seen = new Set<string>();
  return media.filter((m) => (seen.has(m.url) ? false : (seen.add(m.url), true)));
}

function cleanNumber(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? "";
  return trimmed === "" ? null : trimmed;
}

function splitRecipients(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  const parts = typeof value === "string" ? value.split(",") : value;
  return parts.map(cleanNumber).filter((n): n is string => n !== null);
}

// ---------------------------------------------------------------------------------------------
// Invalid input

function invalid(error: string, envelope: Partial<Envelope>): NormalizeResult {
  return { ok: false, reason: "invalid", error: truncate(error), envelope };
}

function looksLikeResourceEnvelope(json: Record<string, unknown>): boolean {
  if (typeof json.apiVersion === "string") return /^\d{4}-\d{2}-\d{2}$/.test(json.apiVersion);
  return json.object === undefined && isPlainObject(json.data) && Object.hasOwn(json.data, "resource");
}

/** Whatever of the envelope is readable, so an invalid event can still be found in the event log. */
function readPartialEnvelope(json: Record<string, unknown>): Partial<Envelope> {
  const partial: Partial<Envelope> = {};
  const eventId = idSchema.safeParse(json.id);
  if (eventId.success) partial.eventId = eventId.data;
  const type = eventTypeSchema.safeParse(json.type);
  if (type.success) partial.type = type.data;
  const apiVersion = z.string().min(1).max(32).safeParse(json.apiVersion);
  if (apiVersion.success) partial.apiVersion = apiVersion.data;
  const occurredAt = timestampSchema.safeParse(json.createdAt);
  if (occurredAt.success) partial.occurredAt = occurredAt.data;
  if (isPlainObject(json.data)) Object.assign(partial, optionalResourceId(json.data.object ?? json.data.resource));
  return partial;
}

function optionalResourceId(payload: unknown): Pick<Envelope, "resourceId"> | Record<string, never> {
  const resourceId = guessResourceId(payload);
  return resourceId === null ? {} : { resourceId };
}

/** callId first: recordings, summaries and transcripts are about the call, not their own id. */
function guessResourceId(payload: unknown): string | null {
  if (!isPlainObject(payload)) return null;
  for (const key of ["callId", "id"] as const) {
    const parsed = idSchema.safeParse(payload[key]);
    if (parsed.success) return parsed.data;
  }
  return null;
}

function formatIssues(error: z.ZodError, prefix: string): string {
  const lines = error.issues.slice(0, MAX_ISSUES_REPORTED).map((issue) => {
    const path = formatPath(prefix, issue.path);
    return path === "" ? issue.message : `${path}: ${issue.message}`;
  });
  const more = error.issues.length - MAX_ISSUES_REPORTED;
  if (more > 0) lines.push(`and ${more} more`);
  return truncate(lines.join("; "));
}

function formatPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out === "" ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

function truncate(text: string): string {
  return text.length <= MAX_ERROR_LENGTH ? text : `${text.slice(0, MAX_ERROR_LENGTH - 1)}…`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOwnString(value: unknown, key: string): boolean {
  return isPlainObject(value) && Object.hasOwn(value, key) && typeof value[key] === "string";
}
