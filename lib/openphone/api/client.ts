import { z } from "zod";
import { sharedRateLimiter, type RateLimiter } from "./rate-limiter";
import {
  call2026Schema,
  createdWebhook2026Schema,
  cursorPageSchema,
  dataSchema,
  deliveryDetailSchema,
  deliverySummarySchema,
  legacyCallSchema,
  legacyConversationSchema,
  legacyPageSchema,
  legacyPhoneNumberSchema,
  legacySummarySchema,
  legacyTranscriptSchema,
  legacyWebhookSchema,
  messageSchema,
  phoneNumber2026Schema,
  recordingSchema,
  rotatedKeySchema,
  testEventSchema,
  transcript2026Schema,
  userSchema,
  voicemailSchema,
  webhook2026Schema,
  type WebhookFamily,
  type WebhookStatus,
} from "./schemas";
import { API_VERSION_2026, createTransport, type Transport } from "./transport";

/** v1 has one create endpoint per event family. */
export const LEGACY_FAMILY_PATHS: Record<WebhookFamily, string> = {
  messages: "/v1/webhooks/messages",
  calls: "/v1/webhooks/calls",
  summaries: "/v1/webhooks/call-summaries",
  transcripts: "/v1/webhooks/call-transcripts",
};

export type CreateWebhookInput = {
  url: string;
  events: string[];
  /** PN… ids, or ["*"] for every number (the default). */
  resourceIds?: string[];
  label?: string | null;
  status?: WebhookStatus;
};

export type LegacyListQuery = {
  phoneNumberId: string;
  participants: string[];
  maxResults?: number;
  createdAfter?: string;
  createdBefore?: string;
  pageToken?: string;
};

export type CursorQuery = { limit?: number; after?: string };

export type OpenPhoneClientOptions = {
  apiKey: string;
  baseUrl: string;
  timeoutMs?: number;
  maxRetries?: number;
  backoffMs?: number;
  maxRetryAfterMs?: number;
  /** Defaults to the process-wide limiter of this API key (10 requests/second). */
  limiter?: RateLimiter;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
};

export type OpenPhoneClient = ReturnType<typeof createOpenPhoneClient>;

const enc = encodeURIComponent;

/** The only code that talks to OpenPhone's REST API, for both API generations. */
export function createOpenPhoneClient(options: OpenPhoneClientOptions) {
  const request: Transport = createTransport({
    apiKey: options.apiKey,
    baseUrl: options.baseUrl,
    limiter: options.limiter ?? sharedRateLimiter(options.apiKey),
    timeoutMs: options.timeoutMs ?? 10_000,
    maxRetries: options.maxRetries ?? 3,
    backoffMs: options.backoffMs ?? 250,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 10_000,
    fetch: options.fetch ?? fetch,
    sleep: options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
    random: options.random ?? Math.random,
  });
  const v = API_VERSION_2026;

  const legacy = {
    listWebhooks: async () =>
      (await request({ operation: "list webhooks", method: "GET", path: "/v1/webhooks", schema: dataSchema(z.array(legacyWebhookSchema)) })).data,
    getWebhook: async (id: string) =>
      (await request({ operation: "get webhook", method: "GET", path: `/v1/webhooks/${enc(id)}`, schema: dataSchema(legacyWebhookSchema) })).data,
    createWebhook: async (family: WebhookFamily, input: CreateWebhookInput) =>
      (
        await request({
          operation: "create webhook",
          method: "POST",
          path: LEGACY_FAMILY_PATHS[family],
          body: { ...input, resourceIds: input.resourceIds ?? ["*"] },
          schema: dataSchema(legacyWebhookSchema),
        })
      ).data,
    deleteWebhook: (id: string) => request({ operation: "delete webhook", method: "DELETE", path: `/v1/webhooks/${enc(id)}`, schema: null }),
    listPhoneNumbers: async (query: { userId?: string } = {}) =>
      (await request({ operation: "list phone numbers", method: "GET", path: "/v1/phone-numbers", query, schema: dataSchema(z.array(legacyPhoneNumberSchema)) }))
        .data,
    listUsers: (query: { maxResults?: number; pageToken?: string } = {}) =>
      request({ operation: "list users", method: "GET", path: "/v1/users", query, schema: legacyPageSchema(userSchema) }),
    getUser: async (id: string) =>
      (await request({ operation: "get user", method: "GET", path: `/v1/users/${enc(id)}`, schema: dataSchema(userSchema) })).data,
    listConversations: (query: { phoneNumbers?: string[]; maxResults?: number; pageToken?: string; updatedAfter?: string } = {}) =>
      request({
        operation: "list conversations",
        method: "GET",
        path: "/v1/conversations",
        query: { ...query, phoneNumbers: undefined, "phoneNumbers[]": query.phoneNumbers },
        schema: legacyPageSchema(legacyConversationSchema),
      }),
    listMessages: (query: LegacyListQuery) =>
      request({ operation: "list messages", method: "GET", path: "/v1/messages", query: legacyListQuery(query), schema: legacyPageSchema(messageSchema) }),
    getMessage: async (id: string) =>
      (await request({ operation: "get message", method: "GET", path: `/v1/messages/${enc(id)}`, schema: dataSchema(messageSchema) })).data,
    listCalls: (query: LegacyListQuery) =>
      request({ operation: "list calls", method: "GET", path: "/v1/calls", query: legacyListQuery(query), schema: legacyPageSchema(legacyCallSchema) }),
    getCall: async (id: string) =>
      (await request({ operation: "get call", method: "GET", path: `/v1/calls/${enc(id)}`, schema: dataSchema(legacyCallSchema) })).data,
    getCallRecordings: async (callId: string) =>
      (
        await request({
          operation: "get call recordings",
          method: "GET",
          path: `/v1/call-recordings/${enc(callId)}`,
          schema: dataSchema(z.array(recordingSchema)),
        })
      ).data,
    getCallSummary: async (callId: string) =>
      (await request({ operation: "get call summary", method: "GET", path: `/v1/call-summaries/${enc(callId)}`, schema: dataSchema(legacySummarySchema) }))
        .data,
    getCallTranscript: async (callId: string) =>
      (
        await request({
          operation: "get call transcript",
          method: "GET",
          path: `/v1/call-transcripts/${enc(callId)}`,
          schema: dataSchema(legacyTranscriptSchema),
        })
      ).data,
    getCallVoicemails: async (callId: string) =>
      (
        await request({
          operation: "get call voicemails",
          method: "GET",
          path: `/v1/call-voicemails/${enc(callId)}`,
          schema: dataSchema(voicemailSchema),
        })
      ).data,
  };

  const v2026 = {
    listWebhooks: async () =>
      (await request({ operation: "list webhooks", method: "GET", path: "/webhooks", version: v, schema: dataSchema(z.array(webhook2026Schema)) })).data,
    getWebhook: async (id: string) =>
      (await request({ operation: "get webhook", method: "GET", path: `/webhooks/${enc(id)}`, version: v, schema: dataSchema(webhook2026Schema) })).data,
    createWebhook: async (input: CreateWebhookInput) =>
      (
        await request({
          operation: "create webhook",
          method: "POST",
          path: "/webhooks",
          version: v,
          body: { ...input, resourceIds: input.resourceIds ?? ["*"] },
          schema: dataSchema(createdWebhook2026Schema),
        })
      ).data,
    updateWebhook: async (id: string, patch: Partial<CreateWebhookInput>) =>
      (
        await request({
          operation: "update webhook",
          method: "PATCH",
          path: `/webhooks/${enc(id)}`,
          version: v,
          body: patch,
          schema: dataSchema(webhook2026Schema),
        })
      ).data,
    deleteWebhook: (id: string) =>
      request({ operation: "delete webhook", method: "DELETE", path: `/webhooks/${enc(id)}`, version: v, schema: null }),
    rotateSecret: async (id: string) =>
      (await request({ operation: "rotate webhook secret", method: "POST", path: `/webhooks/${enc(id)}/rotate`, version: v, schema: rotatedKeySchema })).data
        .key,
    sendTestEvent: (id: string, eventType: string) =>
      request({
        operation: "send test event",
        method: "POST",
        path: `/webhooks/${enc(id)}/events/test`,
        version: v,
        body: { eventType },
        schema: testEventSchema,
      }),
    listDeliveries: (id: string, query: CursorQuery & { status?: string; createdAfter?: string; createdBefore?: string } = {}) =>
      request({
        operation: "list webhook deliveries",
        method: "GET",
        path: `/webhooks/${enc(id)}/events`,
        version: v,
        query,
        schema: cursorPageSchema(deliverySummarySchema),
      }),
    getDelivery: async (id: string, deliveryId: string) =>
      (
        await request({
          operation: "get webhook delivery",
          method: "GET",
          path: `/webhooks/${enc(id)}/events/${enc(deliveryId)}`,
          version: v,
          schema: dataSchema(deliveryDetailSchema),
        })
      ).data,
    retryDelivery: (id: string, deliveryId: string) =>
      request({
        operation: "retry webhook delivery",
        method: "POST",
        path: `/webhooks/${enc(id)}/events/${enc(deliveryId)}/retry`,
        version: v,
        schema: null,
      }),
    listPhoneNumbers: (query: CursorQuery = {}) =>
      request({ operation: "list phone numbers", method: "GET", path: "/phone-numbers", version: v, query, schema: cursorPageSchema(phoneNumber2026Schema) }),
    listUsers: (query: CursorQuery = {}) =>
      request({ operation: "list users", method: "GET", path: "/users", version: v, query, schema: cursorPageSchema(userSchema) }),
    listConversations: (query: CursorQuery & { phoneNumberId?: string } = {}) =>
      request({
        operation: "list conversations",
        method: "GET",
        path: "/conversations",
        version: v,
        query,
        schema: cursorPageSchema(legacyConversationSchema),
      }),
    listMessages: (query: CursorQuery & { phoneNumberId?: string } = {}) =>
      request({ operation: "list messages", method: "GET", path: "/messages", version: v, query, schema: cursorPageSchema(messageSchema) }),
    getMessage: async (id: string) =>
      (await request({ operation: "get message", method: "GET", path: `/messages/${enc(id)}`, version: v, schema: dataSchema(messageSchema) })).data,
    listCalls: (query: CursorQuery & { phoneNumberId?: string } = {}) =>
      request({ operation: "list calls", method: "GET", path: "/calls", version: v, query, schema: cursorPageSchema(call2026Schema) }),
    getCall: async (id: string) =>
      (await request({ operation: "get call", method: "GET", path: `/calls/${enc(id)}`, version: v, schema: dataSchema(call2026Schema) })).data,
    listCallRecordings: (callId: string, query: CursorQuery = {}) =>
      request({
        operation: "list call recordings",
        method: "GET",
        path: `/calls/${enc(callId)}/recordings`,
        version: v,
        query,
        schema: cursorPageSchema(recordingSchema),
      }),
    listCallTranscripts: (callId: string, query: CursorQuery = {}) =>
      request({
        operation: "list call transcripts",
        method: "GET",
        path: `/calls/${enc(callId)}/transcripts`,
        version: v,
        query,
        schema: cursorPageSchema(transcript2026Schema),
      }),
  };

  return { legacy, v2026 };
}

function legacyListQuery(q: LegacyListQuery) {
  return {
    phoneNumberId: q.phoneNumberId,
    "participants[]": q.participants,
    maxResults: q.maxResults,
    createdAfter: q.createdAfter,
    createdBefore: q.createdBefore,
    pageToken: q.pageToken,
  };
}


