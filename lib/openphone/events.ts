import { z } from "zod";
import { deriveCallOutcome, type CallPhase } from "./call-lifecycle";
import type {
  CallOutcome,
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

export const mediaSchema = z.looseObject({
  url: z.string().min(1),
  type: z.string().nullish(),
  duration: z.number().nonnegative().nullish(),
  size: z.number().int().nonnegative().nullish(),
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

/** Who and what a 2026-03-30 resource is about; messages carry their numbers here, not on the resource. */
export const resourceContextSchema = z.looseObject({
  orgId: idSchema.nullish(),
  phoneNumberId: idSchema.nullish(),
  conversationId: idSchema.nullish(),
  userId: idSchema.nullish(),
  contacts: z.looseObject({ ids: z.array(idSchema).nullish() }).nullish(),
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
});
export type MessagePayload = z.infer<typeof messagePayloadSchema>;

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
  voicemail: mediaSchema.nullish(),
  createdAt: timestampSchema.nullish(),
  updatedAt: timestampSchema.nullish(),
  answeredAt: timestampSchema.nullish(),
  completedAt: timestampSchema.nullish(),
  /** Seconds; only API (v4) payloads carry it. */
  duration: z.number().nonnegative().nullish(),
  userId: idSchema.nullish(),
  answeredBy: idSchema.nullish(),
  initiatedBy: idSchema.nullish(),
  forwardedFrom: z.string().nullish(),
  forwardedTo: z.string().nullish(),
  phoneNumberId: idSchema.nullish(),
  conversationId: idSchema.nullish(),
  contactIds: z.array(idSchema).nullish(),
});
export type CallPayload = z.infer<typeof callPayloadSchema>;

/** A recording or voicemail sent on its own: `{ id: "CR…", callId, url, duration, size }` (the seed's shape). */
export const callMediaPayloadSchema = z.looseObject({
  id: idSchema.nullish(),
  callId: idSchema,
  url: z.string().min(1),
  type: z.string().nullish(),
  duration: z.number().nonnegative().nullish(),
  size: z.number().int().nonnegative().nullish(),
});
export type CallMediaPayload = z.infer<typeof callMediaPayloadSchema>;

export const callSummaryPayloadSchema = z.looseObject({
  callId: idSchema,
  status: z.string(),
  summary: z.array(z.string()).nullish(),
  nextSteps: z.array(z.string()).nullish(),
  /** Only the seed's call_summary.* events carry it. */
  sentiment: z.string().nullish(),
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
  status: z.string(),
  duration: z.number().nonnegative().nullish(),
  createdAt: timestampSchema.nullish(),
  dialogue: z.array(transcriptSegmentSchema).nullish(),
});
export type CallTranscriptPayload = z.infer<typeof callTranscriptPayloadSchema>;

const contactPhoneNumberSchema = z.looseObject({ name: z.string().nullish(), value: z.string().nullish() });

export const contactPayloadSchema = z.looseObject({
  id: idSchema,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  /** Custom fields keyed by their label; values are whatever the workspace defined. Scanned for phone numbers. */
  fields: z.record(z.string(), z.unknown()).nullish(),
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
  | { family: "call"; phase: CallPhase }
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
  ["call.forwarded", { family: "call", phase: "forwarded" }],
  ["call.missed", { family: "call", phase: "missed" }],
  ["call.completed", { family: "call", phase: "completed" }],
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

type Source = { payload: unknown; context: ResourceContext | null; payloadPath: string; occurredAt: Date };
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

function normalize(rawBody: string): NormalizeResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
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
    source = { payload: data.resource, context: data.context ?? null, payloadPath: "data.resource", occurredAt: createdAt };
  } else {
    const parsed = legacyEnvelopeSchema.safeParse(json);
    if (!parsed.success) return invalid(formatIssues(parsed.error, ""), partial);
    const { id, type, apiVersion, createdAt, data } = parsed.data;
    base = { eventId: id, type, apiVersion, occurredAt: createdAt };
    source = { payload: data.object, context: null, payloadPath: "data.object", occurredAt: createdAt };
  }

  const route = EVENT_ROUTES.get(base.type);
  if (route === undefined) {
    return { ok: false, reason: "unknown_type", envelope: { ...base, resourceId: guessResourceId(source.payload) } };
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
        const call = toCall(payload, source.context, route.phase);
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
        const call = toCall(payload, source.context, null);
        return {
          event: { kind: "call.recording", callId: call.id, call, recordings: call.recordings },
          resourceId: call.id,
        };
      });
    case "call.voicemail":
      if (hasOwnString(source.payload, "callId")) {
        return parsePayload(callMediaPayloadSchema, source, (payload) => ({
          event: { kind: "call.voicemail", callId: payload.callId, call: null, voicemail: toMedia(payload) },
          resourceId: payload.callId,
        }));
      }
      return parsePayload(callPayloadSchema, source, (payload) => {
        const call = toCall(payload, source.context, null);
        if (call.voicemail === null) return `${source.payloadPath}.voicemail: a voicemail event must carry a voicemail`;
        return {
          event: { kind: "call.voicemail", callId: call.id, call, voicemail: call.voicemail },
          resourceId: call.id,
        };
      });
    case "call.summary":
      return parsePayload(callSummaryPayloadSchema, source, (payload) => {
        const summary: NormalizedSummary = {
          callId: payload.callId,
          status: payload.status,
          summary: payload.summary ?? [],
          nextSteps: payload.nextSteps ?? [],
          sentiment: payload.sentiment ?? null,
        };
        return { event: { kind: "call.summary", summary }, resourceId: summary.callId };
      });
    case "call.transcript":
      return parsePayload(callTranscriptPayloadSchema, source, (payload) => {
        const transcript: NormalizedTranscript = {
          callId: payload.callId,
          status: payload.status,
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
    phoneNumberId: context?.phoneNumberId ?? payload.phoneNumberId ?? null,
    conversationId: context?.conversationId ?? payload.conversationId ?? null,
    workspaceNumber: direction === "incoming" ? (to[0] ?? null) : from,
    participant: direction === "incoming" ? from : (to[0] ?? null),
    media,
    contactIds: context?.contacts?.ids ?? payload.contactIds ?? [],
  };
}

function toCall(payload: CallPayload, context: ResourceContext | null, phase: CallPhase | null): NormalizedCall {
  const direction = payload.direction ?? null;
  const from = cleanNumber(context?.senderIdentifier ?? payload.from);
  const to = splitRecipients(context?.recipientIdentifiers ?? payload.to)[0] ?? null;
  const listed = (payload.participants ?? []).map(cleanNumber).filter((n): n is string => n !== null);
  const counterpart = direction === "incoming" ? from : direction === "outgoing" ? to : null;
  const participant = counterpart ?? listed[0] ?? null;
  const answeredAt = payload.answeredAt ?? null;
  const completedAt = payload.completedAt ?? null;
  const forwardedTo = payload.forwardedTo ?? null;
  const voicemail = payload.voicemail ? toMedia(payload.voicemail) : null;
  const status = payload.status ?? null;
  return {
    id: payload.id,
    direction,
    status,
    outcome: deriveCallOutcome({ phase, direction, status, answeredAt, completedAt, forwardedTo, hasVoicemail: voicemail !== null }),
    from,
    to,
    // App payloads have no participants list; the external party is the same thing.
    participants: listed.length > 0 ? listed : participant !== null ? [participant] : [],
    // API (v4) calls name only the external participants, so the workspace number is unknown there.
    workspaceNumber: direction === "incoming" ? to : direction === "outgoing" ? from : null,
    participant,
    createdAt: payload.createdAt ?? null,
    updatedAt: payload.updatedAt ?? null,
    answeredAt,
    completedAt,
    duration: payload.duration ?? deriveCallDuration(answeredAt, completedAt),
    userId: context?.userId ?? payload.userId ?? null,
    answeredBy: payload.answeredBy ?? null,
    initiatedBy: payload.initiatedBy ?? null,
    forwardedFrom: payload.forwardedFrom ?? null,
    forwardedTo,
    phoneNumberId: context?.phoneNumberId ?? payload.phoneNumberId ?? null,
    conversationId: context?.conversationId ?? payload.conversationId ?? null,
    voicemail,
    recordings: (payload.media ?? []).map((m) => ({ id: null, ...toMedia(m) })),
    contactIds: context?.contacts?.ids ?? payload.contactIds ?? [],
  };
}

/**
 * App payloads carry no duration: seconds from answer to hang-up; 0 for a call that ended
 * unanswered; null while the call is still going.
 */
export function deriveCallDuration(answeredAt: Date | null, completedAt: Date | null): number | null {
  if (completedAt === null) return null;
  if (answeredAt === null) return 0;
  return Math.max(0, Math.round((completedAt.getTime() - answeredAt.getTime()) / 1000));
}

function toContact(payload: ContactPayload): NormalizedContact {
  const found: string[] = [];
  for (const entry of payload.defaultFields?.phoneNumbers ?? []) found.push(...phoneNumbersIn(entry.value));
  for (const entry of payload.phoneNumbers ?? []) found.push(...phoneNumbersIn(typeof entry === "string" ? entry : entry.value));
  for (const value of Object.values(payload.fields ?? {})) found.push(...phoneNumbersIn(value));
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
