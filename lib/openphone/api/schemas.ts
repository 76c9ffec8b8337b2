import { z } from "zod";

/**
 * Answers of OpenPhone's REST API, validated at the boundary. Fields the app does not read are
 * dropped; nullable/optional follows the docs (design §5, openphone-2026.md C and D).
 */
const ts = z.string();
const opt = <T extends z.ZodType>(t: T) => t.nullish().transform((v) => v ?? null);

// ---- shared event families ----

export const WEBHOOK_FAMILIES = ["messages", "calls", "summaries", "transcripts"] as const;
export const webhookFamilySchema = z.enum(WEBHOOK_FAMILIES);
export type WebhookFamily = z.infer<typeof webhookFamilySchema>;

export const webhookStatusSchema = z.enum(["enabled", "disabled"]);
export type WebhookStatus = z.infer<typeof webhookStatusSchema>;

// ---- legacy /v1 ----

export const legacyWebhookSchema = z.object({
  id: z.string().min(1),
  userId: opt(z.string()),
  orgId: opt(z.string()),
  label: opt(z.string()),
  status: webhookStatusSchema,
  url: z.string(),
  /** The webhook's signing secret: OpenPhone returns it in create answers (and, for v1, in reads). */
  key: opt(z.string()),
  createdAt: ts,
  updatedAt: opt(ts),
  deletedAt: opt(ts),
  events: z.array(z.string()),
  resourceIds: z.array(z.string()).nullish().transform((v) => v ?? ["*"]),
});
export type LegacyWebhook = z.infer<typeof legacyWebhookSchema>;

export const legacyPhoneNumberSchema = z.object({
  id: z.string(),
  groupId: opt(z.string()),
  name: opt(z.string()),
  number: opt(z.string()),
  formattedNumber: opt(z.string()),
  symbol: opt(z.string()),
  createdAt: opt(ts),
  updatedAt: opt(ts),
  users: z
    .array(z.object({ id: z.string(), email: opt(z.string()), firstName: opt(z.string()), lastName: opt(z.string()) }))
    .nullish()
    .transform((v) => v ?? []),
});
export type LegacyPhoneNumber = z.infer<typeof legacyPhoneNumberSchema>;

export const userSchema = z.object({
  id: z.string(),
  email: opt(z.string()),
  firstName: opt(z.string()),
  lastName: opt(z.string()),
  role: opt(z.string()),
  pictureUrl: opt(z.string()),
  createdAt: opt(ts),
  updatedAt: opt(ts),
});
export type OpenPhoneUser = z.infer<typeof userSchema>;

export const legacyConversationSchema = z.object({
  id: z.string(),
  phoneNumberId: opt(z.string()),
  participants: z.array(z.string()),
  name: opt(z.string()),
  assignedTo: opt(z.string()),
  lastActivityAt: opt(ts),
  lastActivityId: opt(z.string()),
  createdAt: opt(ts),
  updatedAt: opt(ts),
  deletedAt: opt(ts),
});
export type Conversation = z.infer<typeof legacyConversationSchema>;

const mediaSchema = z.object({ url: z.string(), type: opt(z.string()) });

export const messageSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  text: opt(z.string()),
  direction: z.enum(["incoming", "outgoing"]),
  status: opt(z.string()),
  conversationId: opt(z.string()),
  phoneNumberId: opt(z.string()),
  userId: opt(z.string()),
  media: z.array(mediaSchema).nullish().transform((v) => v ?? []),
  createdAt: ts,
  updatedAt: opt(ts),
});
export type OpenPhoneMessage = z.infer<typeof messageSchema>;

export const legacyCallSchema = z.object({
  id: z.string(),
  phoneNumberId: opt(z.string()),
  userId: opt(z.string()),
  direction: z.enum(["incoming", "outgoing"]),
  status: opt(z.string()),
  participants: z.array(z.string()),
  answeredAt: opt(ts),
  answeredBy: opt(z.string()),
  initiatedBy: opt(z.string()),
  completedAt: opt(ts),
  duration: opt(z.number()),
  createdAt: ts,
  updatedAt: opt(ts),
});
export type LegacyCall = z.infer<typeof legacyCallSchema>;

export const recordingSchema = z.object({
  id: z.string(),
  status: opt(z.string()),
  startTime: opt(ts),
  duration: opt(z.number()),
  url: opt(z.string()),
  type: opt(z.string()),
});
export type CallRecording = z.infer<typeof recordingSchema>;

export const legacySummarySchema = z.object({
  callId: z.string(),
  status: opt(z.string()),
  summary: z.array(z.string()).nullish().transform((v) => v ?? []),
  nextSteps: z.array(z.string()).nullish().transform((v) => v ?? []),
});
export type LegacyCallSummary = z.infer<typeof legacySummarySchema>;

const dialogueSchema = z.object({
  content: z.string(),
  start: z.number(),
  end: z.number(),
  identifier: opt(z.string()),
  userId: opt(z.string()),
});

export const legacyTranscriptSchema = z.object({
  callId: z.string(),
  status: opt(z.string()),
  duration: opt(z.number()),
  createdAt: opt(ts),
  dialogue: z.array(dialogueSchema).nullish().transform((v) => v ?? []),
});
export type LegacyCallTranscript = z.infer<typeof legacyTranscriptSchema>;

export const voicemailSchema = z.object({
  id: opt(z.string()),
  status: opt(z.string()),
  duration: opt(z.number()),
  recordingUrl: opt(z.string()),
  transcript: opt(z.string()),
});
export type CallVoicemail = z.infer<typeof voicemailSchema>;

/** v1 lists: `{ data, totalItems, nextPageToken }`. */
export const legacyPageSchema = <T extends z.ZodType>(item: T) =>
  z.object({ data: z.array(item), totalItems: opt(z.number()), nextPageToken: opt(z.string()) });
export type LegacyPage<T> = { data: T[]; totalItems: number | null; nextPageToken: string | null };

export const dataSchema = <T extends z.ZodType>(item: T) => z.object({ data: item });

// ---- 2026-03-30 ----

export const webhook2026Schema = z.object({
  id: z.string().min(1),
  orgId: opt(z.string()),
  label: opt(z.string()),
  status: webhookStatusSchema,
  url: z.string(),
  apiVersion: opt(z.string()),
  events: z.array(z.string()),
  resourceIds: z.array(z.string()).nullish().transform((v) => v ?? ["*"]),
  createdAt: ts,
  updatedAt: opt(ts),
});
export type Webhook2026 = z.infer<typeof webhook2026Schema>;

/** Create answers add the signing secret (`whsec_…`); list/get/update never return it. */
export const createdWebhook2026Schema = webhook2026Schema.extend({ key: z.string().min(1) });
export type CreatedWebhook2026 = z.infer<typeof createdWebhook2026Schema>;

export const rotatedKeySchema = z.object({ data: z.object({ key: z.string().min(1) }) });

export const deliveryStatusSchema = z.enum(["success", "pending", "sending", "failed"]);

export const deliverySummarySchema = z.object({
  id: z.string(),
  eventType: z.string(),
  status: deliveryStatusSchema,
  nextAttemptAt: opt(ts),
  createdAt: ts,
});
export type WebhookDeliverySummary = z.infer<typeof deliverySummarySchema>;

export const deliveryAttemptSchema = z.object({
  id: z.string(),
  timestamp: ts,
  status: deliveryStatusSchema,
  responseStatusCode: z.number().int(),
  responseBody: opt(z.string()),
  responseDurationMs: opt(z.number()),
  triggerType: z.enum(["scheduled", "manual"]),
  url: z.string(),
});
export type WebhookDeliveryAttempt = z.infer<typeof deliveryAttemptSchema>;

export const deliveryDetailSchema = z.object({
  id: z.string(),
  eventType: z.string(),
  createdAt: ts,
  requestBody: z.unknown(),
  attempts: z.array(deliveryAttemptSchema),
});
export type WebhookDeliveryDetail = z.infer<typeof deliveryDetailSchema>;

/** The test endpoint answers with the bare envelope it sends (not wrapped in `data`). */
export const testEventSchema = z.object({
  id: z.string(),
  apiVersion: z.string(),
  type: z.string(),
  createdAt: ts,
  data: z.unknown(),
});
export type TestEvent = z.infer<typeof testEventSchema>;

/** 2026 lists: `{ data, nextCursor }` (null on the last page). */
export const cursorPageSchema = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: opt(z.string()) });
export type CursorPage<T> = { data: T[]; nextCursor: string | null };

export const phoneNumber2026Schema = z.object({
  id: z.string(),
  groupId: opt(z.string()),
  name: opt(z.string()),
  phoneNumber: opt(z.string()),
  formattedNumber: opt(z.string()),
  symbol: opt(z.string()),
  createdAt: opt(ts),
  updatedAt: opt(ts),
});
export type PhoneNumber2026 = z.infer<typeof phoneNumber2026Schema>;

export const call2026Schema = z.object({
  id: z.string(),
  phoneNumberId: opt(z.string()),
  actorId: opt(z.string()),
  direction: z.enum(["incoming", "outgoing"]),
  status: opt(z.string()),
  participants: z
    .array(z.object({ phoneNumber: z.string(), actorId: opt(z.string()) }))
    .nullish()
    .transform((v) => v ?? []),
  answeredAt: opt(ts),
  answeredBy: opt(z.string()),
  initiatedBy: opt(z.string()),
  completedAt: opt(ts),
  duration: opt(z.number()),
  forwardedFrom: opt(z.string()),
  forwardedTo: opt(z.string()),
  summary: opt(
    z.object({
      status: opt(z.string()),
      summary: z.array(z.string()).nullish().transform((v) => v ?? []),
      nextSteps: z.array(z.string()).nullish().transform((v) => v ?? []),
      title: opt(z.string()),
    }),
  ),
  voicemail: opt(voicemailSchema),
  createdAt: ts,
  updatedAt: opt(ts),
});
export type Call2026 = z.infer<typeof call2026Schema>;

export const transcript2026Schema = z.object({
  recordingId: opt(z.string()),
  status: opt(z.string()),
  startTime: opt(ts),
  createdAt: opt(ts),
  duration: opt(z.number()),
  dialogue: z
    .array(z.object({ content: z.string(), start: z.number(), end: z.number(), identifier: opt(z.string()), actorId: opt(z.string()) }))
    .nullish()
    .transform((v) => v ?? []),
});
export type CallTranscript2026 = z.infer<typeof transcript2026Schema>;
