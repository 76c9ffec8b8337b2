/**
 * Builders of OpenPhone webhook payloads in every shape OpenPhone sends: the legacy app shape
 * (v3: `body`, string `to`, `from`/`to` calls), the API shape (v4: `text`, array `to`,
 * `participants`) and the 2026-03-30 shape (`data.resource` + `data.context`). Used by the tests
 * and by the simulator, so a demo exercises exactly what the tests do.
 */
export type PayloadShape = "app" | "api" | "new";
export type JsonObject = Record<string, unknown>;

let counter = 0;
/** A fresh id with OpenPhone's prefix convention (EV…, AC…). */
export function fakeId(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36).padStart(4, "0")}${Math.random().toString(36).slice(2, 6)}`;
}

type EnvelopeOptions = { eventId?: string; eventCreatedAt?: Date; shape?: PayloadShape };

function envelope(type: string, object: JsonObject, options: EnvelopeOptions, context?: JsonObject): JsonObject {
  const shape = options.shape ?? "app";
  const createdAt = (options.eventCreatedAt ?? new Date()).toISOString();
  const id = options.eventId ?? fakeId("EV");
  if (shape === "new") {
    return { id, apiVersion: "2026-03-30", createdAt, type, data: { resource: object, context: context ?? {}, links: { quo: null } } };
  }
  return { id, object: "event", apiVersion: shape === "api" ? "v4" : "v3", createdAt, type, data: { object } };
}

export type MediaInput = { url: string; type?: string; duration?: number; size?: number };

export type MessageInput = EnvelopeOptions & {
  type?: string;
  id?: string;
  direction?: "incoming" | "outgoing";
  /** The workspace number (PN… id and its E.164). */
  phoneNumberId?: string;
  workspaceNumber?: string;
  /** The external party. */
  participant?: string;
  text?: string;
  media?: MediaInput[];
  status?: string;
  createdAt?: Date;
  userId?: string | null;
  conversationId?: string;
  errorCode?: string;
};

export function messageEvent(input: MessageInput = {}): JsonObject {
  const type = input.type ?? "message.received";
  const direction = input.direction ?? (type === "message.received" ? "incoming" : "outgoing");
  const workspace = input.workspaceNumber ?? "+16505550100";
  const participant = input.participant ?? "+14155550123";
  const from = direction === "incoming" ? participant : workspace;
  const to = direction === "incoming" ? workspace : participant;
  const status = input.status ?? type.split(".")[1] ?? "received";
  const common: JsonObject = {
    id: input.id ?? fakeId("AC"),
    object: "message",
    direction,
    status,
    createdAt: (input.createdAt ?? new Date()).toISOString(),
    userId: input.userId === undefined ? "USagent01" : input.userId,
    phoneNumberId: input.phoneNumberId ?? "PNmain0001",
    ...(input.errorCode ? { errorCode: input.errorCode } : {}),
  };
  const media = input.media ?? [];
  const shape = input.shape ?? "app";
  if (shape === "app") {
    return envelope(type, { ...common, from, to, body: input.text ?? "", media, conversationId: input.conversationId ?? null }, input);
  }
  if (shape === "api") {
    return envelope(type, { ...common, from, to: [to], text: input.text ?? "", media, contactIds: [] }, input);
  }
  const { phoneNumberId, userId, ...resource } = common;
  return envelope(type, { ...resource, text: input.text ?? "", media }, input, {
    orgId: "ORorg0001",
    phoneNumberId,
    userId,
    conversationId: input.conversationId ?? null,
    contacts: { ids: [], lookupStatus: "none" },
    senderIdentifier: from,
    recipientIdentifiers: [to],
  });
}

export type CallInput = EnvelopeOptions & {
  type?: string;
  id?: string;
  direction?: "incoming" | "outgoing";
  phoneNumberId?: string;
  workspaceNumber?: string;
  participant?: string;
  status?: string;
  createdAt?: Date;
  answeredAt?: Date | null;
  completedAt?: Date | null;
  userId?: string | null;
  conversationId?: string;
  voicemail?: MediaInput | null;
  media?: MediaInput[];
  forwardedTo?: string | null;
};

export function callEvent(input: CallInput = {}): JsonObject {
  const type = input.type ?? "call.completed";
  const direction = input.direction ?? "incoming";
  const workspace = input.workspaceNumber ?? "+16505550100";
  const participant = input.participant ?? "+14155550123";
  const createdAt = input.createdAt ?? new Date(Date.now() - 120_000);
  const answeredAt = input.answeredAt === undefined ? new Date(createdAt.getTime() + 5_000) : input.answeredAt;
  const completedAt =
    input.completedAt === undefined ? (type === "call.completed" ? new Date(createdAt.getTime() + 95_000) : null) : input.completedAt;
  const status = input.status ?? (type === "call.ringing" ? "ringing" : completedAt ? "completed" : "in-progress");
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const common: JsonObject = {
    id: input.id ?? fakeId("AC"),
    object: "call",
    direction,
    status,
    createdAt: createdAt.toISOString(),
    answeredAt: iso(answeredAt),
    completedAt: iso(completedAt),
    userId: input.userId === undefined ? "USagent01" : input.userId,
    phoneNumberId: input.phoneNumberId ?? "PNmain0001",
  };
  const shape = input.shape ?? "app";
  if (shape === "app") {
    return envelope(
      type,
      {
        ...common,
        from: direction === "incoming" ? participant : workspace,
        to: direction === "incoming" ? workspace : participant,
        media: input.media ?? [],
        voicemail: input.voicemail ?? null,
        conversationId: input.conversationId ?? null,
        ...(input.forwardedTo ? { forwardedTo: input.forwardedTo } : {}),
      },
      input,
    );
  }
  const duration = answeredAt && completedAt ? Math.round((completedAt.getTime() - answeredAt.getTime()) / 1000) : 0;
  const api: JsonObject = {
    ...common,
    participants: [participant],
    answeredBy: answeredAt ? common.userId : null,
    initiatedBy: direction === "outgoing" ? common.userId : null,
    forwardedFrom: null,
    forwardedTo: input.forwardedTo ?? null,
    updatedAt: iso(completedAt ?? answeredAt ?? createdAt),
    duration,
    contactIds: [],
    ...(input.voicemail ? { voicemail: input.voicemail } : {}),
  };
  if (shape === "api") return envelope(type, api, input);
  const { phoneNumberId, userId, ...resource } = api;
  return envelope(type, resource, input, {
    orgId: "ORorg0001",
    phoneNumberId,
    userId,
    conversationId: input.conversationId ?? null,
    contacts: { ids: [], lookupStatus: "none" },
  });
}

export type RecordingInput = EnvelopeOptions & {
  callId: string;
  recordingId?: string;
  url?: string;
  duration?: number;
  size?: number;
  contentType?: string;
};

/** call.recording.completed in the seed's flat shape `{ id, callId, url, duration, size }`. */
export function recordingEvent(input: RecordingInput): JsonObject {
  return envelope(
    "call.recording.completed",
    {
      id: input.recordingId ?? fakeId("CR"),
      callId: input.callId,
      url: input.url ?? `https://media.example.test/rec/${input.callId}.mp3`,
      ...(input.contentType ? { type: input.contentType } : {}),
      duration: input.duration ?? 60,
      size: input.size ?? 480_000,
    },
    input,
  );
}

export type VoicemailInput = EnvelopeOptions & {
  callId: string;
  url: string;
  duration?: number;
  size?: number;
  contentType?: string;
};

/** call.voicemail.completed as a bare voicemail `{ callId, url, type, duration, size }` (the recording's seed shape). */
export function voicemailEvent(input: VoicemailInput): JsonObject {
  return envelope(
    "call.voicemail.completed",
    {
      callId: input.callId,
      url: input.url,
      type: input.contentType ?? "audio/mpeg",
      ...(input.duration !== undefined ? { duration: input.duration } : {}),
      ...(input.size !== undefined ? { size: input.size } : {}),
    },
    input,
  );
}

export type SummaryInput = EnvelopeOptions & {
  type?: string;
  callId: string;
  summary?: string[];
  nextSteps?: string[];
  sentiment?: string;
  status?: string;
};

export function summaryEvent(input: SummaryInput): JsonObject {
  return envelope(
    input.type ?? "call.summary.completed",
    {
      callId: input.callId,
      object: "callSummary",
      status: input.status ?? "completed",
      summary: input.summary ?? ["Caller asked for a quote."],
      nextSteps: input.nextSteps ?? ["Send the quote."],
      ...(input.sentiment ? { sentiment: input.sentiment } : {}),
    },
    input,
  );
}

export type DialogueInput = { content: string; start: number; end: number; identifier: string; userId: string | null };

export type TranscriptInput = EnvelopeOptions & {
  type?: string;
  callId: string;
  dialogue?: DialogueInput[];
  duration?: number;
  createdAt?: Date;
  status?: string;
};

export function transcriptEvent(input: TranscriptInput): JsonObject {
  const createdAt = input.createdAt ?? input.eventCreatedAt ?? new Date();
  return envelope(
    input.type ?? "call.transcript.completed",
    {
      callId: input.callId,
      object: "callTranscript",
      createdAt: createdAt.toISOString(),
      duration: input.duration ?? 60,
      status: input.status ?? "completed",
      dialogue: input.dialogue ?? [
        { content: "Hello, how can I help?", start: 0.4, end: 2.1, identifier: "+16505550100", userId: "USagent01" },
        { content: "I need a quote for a new roof.", start: 2.5, end: 4.9, identifier: "+14155550123", userId: null },
      ],
    },
    input,
  );
}

export type ContactInput = EnvelopeOptions & {
  type?: "contact.updated" | "contact.deleted";
  id?: string;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  phone?: string;
  updatedAt?: Date;
};

export function contactEvent(input: ContactInput = {}): JsonObject {
  const updatedAt = input.updatedAt ?? input.eventCreatedAt ?? new Date();
  return envelope(
    input.type ?? "contact.updated",
    {
      id: input.id ?? fakeId("CT"),
      object: "contact",
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      company: input.company ?? null,
      fields: input.phone ? { Phone: input.phone } : {},
      notes: [],
      createdAt: updatedAt.toISOString(),
      updatedAt: updatedAt.toISOString(),
      userId: "USagent01",
    },
    input,
  );
}

export function tokenValidatedEvent(options: EnvelopeOptions = {}): JsonObject {
  return envelope("token.validated", { object: "token", status: "valid" }, options);
}
