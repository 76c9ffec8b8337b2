/**
 * Builders of OpenPhone webhook payloads in every shape OpenPhone sends: the legacy app shape
 * (v3: `body`, string `to`, `from`/`to` calls), the API shape (v4: `text`, array `to`,
 * `participants`) and the 2026-03-30 shape (`data.resource` + `data.context` + `data.links`, as in
 * shared/openphone-2026.md and tests/fixtures/openphone/events-2026/: call numbers only in
 * `context.participants`, per-event resources, voicemails as their own event). Used by the tests
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

function envelope(type: string, object: JsonObject, options: EnvelopeOptions, context?: JsonObject, quoLink: string | null = null): JsonObject {
  const shape = options.shape ?? "app";
  const createdAt = (options.eventCreatedAt ?? new Date()).toISOString();
  const id = options.eventId ?? fakeId("EV");
  if (shape === "new") {
    return { id, apiVersion: "2026-03-30", createdAt, type, data: { resource: object, context: context ?? {}, links: { quo: quoLink } } };
  }
  return { id, object: "event", apiVersion: shape === "api" ? "v4" : "v3", createdAt, type, data: { object } };
}

/** The numbers and ids around a 2026-03-30 call or message (its `context`). */
export type CallParties = {
  direction?: "incoming" | "outgoing";
  phoneNumberId?: string;
  workspaceNumber?: string;
  participant?: string;
  conversationId?: string | null;
  userId?: string | null;
  contactIds?: string[];
};

const ORG_ID = "ORorg0001";

function callContext(parties: CallParties, options: { narrow?: boolean } = {}): JsonObject {
  return {
    orgId: ORG_ID,
    phoneNumberId: parties.phoneNumberId ?? "PNmain0001",
    conversationId: parties.conversationId ?? null,
    userId: parties.userId === undefined ? "USagent01" : parties.userId,
    // call.ringing has a narrower context: no contact lookup, no number type.
    ...(options.narrow ? {} : { phoneNumberType: "shared", contacts: contactLookup(parties.contactIds) }),
    participants: {
      workspace: [parties.workspaceNumber ?? "+16505550100"],
      external: [parties.participant ?? "+14155550123"],
      resolution: "available",
    },
  };
}

function contactLookup(ids: string[] | undefined): JsonObject {
  return ids && ids.length > 0 ? { ids, lookupStatus: "matched" } : { ids: [], lookupStatus: "none" };
}

/** `links.quo`: the inbox deep link OpenPhone's sample uses (`/inbox/<PN>/c/<CN>?at=<activity>`). */
function inboxLink(phoneNumberId: string, conversationId: string | null | undefined, activityId: string): string | null {
  return conversationId ? `https://my.quo.com/inbox/${phoneNumberId}/c/${conversationId}?at=${activityId}` : null;
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
  /** 2026-03-30: the OpenPhone contact ids of the lookup (`context.contacts`). */
  contactIds?: string[];
  /** 2026-03-30: every recipient (a group message); default the one counterpart. */
  recipients?: string[];
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
  // 2026-03-30: the numbers live in the context; message.failed carries no media.
  const phoneNumberId = input.phoneNumberId ?? "PNmain0001";
  const resource: JsonObject = {
    id: common.id,
    direction,
    text: input.text ?? "",
    ...(type === "message.failed" ? {} : { media }),
    status,
    ...(type === "message.failed" || type === "message.undelivered" ? { errorCode: input.errorCode ?? null } : {}),
    createdAt: common.createdAt,
  };
  return envelope(
    type,
    resource,
    input,
    {
      orgId: ORG_ID,
      phoneNumberId,
      conversationId: input.conversationId ?? null,
      userId: common.userId,
      contacts: contactLookup(input.contactIds),
      senderIdentifier: from,
      recipientIdentifiers: input.recipients ?? [to],
    },
    inboxLink(phoneNumberId, input.conversationId, String(common.id)),
  );
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
  /** 2026-03-30 `call.completed`: a separate `call.voicemail.completed` follows. */
  hasVoicemail?: boolean;
  contactIds?: string[];
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
  return newCallEvent(type, input, { id: String(common.id), direction, workspace, participant, createdAt, answeredAt, completedAt });
}

/**
 * A 2026-03-30 call event: each type has its own resource (shared/openphone-2026.md §A.3), and the
 * numbers are only in `context.participants`.
 */
function newCallEvent(
  type: string,
  input: CallInput,
  call: { id: string; direction: "incoming" | "outgoing"; workspace: string; participant: string; createdAt: Date; answeredAt: Date | null; completedAt: Date | null },
): JsonObject {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  const parties: CallParties = {
    direction: call.direction,
    phoneNumberId: input.phoneNumberId,
    workspaceNumber: call.workspace,
    participant: call.participant,
    conversationId: input.conversationId ?? null,
    userId: input.userId,
    contactIds: input.contactIds,
  };
  const phoneNumberId = input.phoneNumberId ?? "PNmain0001";
  const link = inboxLink(phoneNumberId, input.conversationId, call.id);
  const userId = input.userId === undefined ? "USagent01" : input.userId;
  const { id, direction, createdAt, answeredAt, completedAt } = call;
  const updatedAt = completedAt ?? answeredAt ?? createdAt;
  const duration = answeredAt && completedAt ? Math.round((completedAt.getTime() - answeredAt.getTime()) / 1000) : null;
  const lifecycle = { id, direction, createdAt: iso(createdAt), answeredAt: iso(answeredAt), completedAt: iso(completedAt), updatedAt: iso(updatedAt), duration };
  switch (type) {
    case "call.voicemail.completed": {
      const vm = input.voicemail ?? { url: `https://media.example.test/vm/${id}.mp3` };
      return voicemailEvent({ ...input, callId: id, url: vm.url, duration: vm.duration, contentType: vm.type, parties });
    }
    case "call.ringing":
    case "call.started":
      // 2026-03-30 has no call.started: call.ringing fires for outgoing calls too.
      return envelope("call.ringing", { id, direction, createdAt: iso(createdAt), updatedAt: iso(createdAt) }, input, callContext(parties, { narrow: true }), link);
    case "call.answered":
      return envelope(
        type,
        { id, direction, createdAt: iso(createdAt), answeredAt: iso(answeredAt ?? updatedAt), answeredByUserId: userId, updatedAt: iso(answeredAt ?? updatedAt) },
        input,
        callContext(parties),
        link,
      );
    case "call.missed":
      // Minimal by design: fetch the call for detail.
      return envelope(type, { id, createdAt: iso(createdAt), updatedAt: iso(updatedAt) }, input, callContext(parties), link);
    case "call.forwarded":
      return envelope(
        type,
        { id, createdAt: iso(createdAt), updatedAt: iso(updatedAt), forwardedFrom: call.workspace, forwardedTo: input.forwardedTo ?? null },
        input,
        callContext(parties),
        link,
      );
    case "call.menu.selected":
      return envelope(
        type,
        { id, createdAt: iso(createdAt), updatedAt: iso(updatedAt), phoneMenuSelection: "1", phoneMenuSelectionName: "Sales", statusReason: "phone-menu-dial" },
        input,
        callContext(parties),
        link,
      );
    case "call.recording.completed":
      return envelope(
        type,
        {
          ...lifecycle,
          recordings: (input.media ?? []).map((m, index) => ({
            id: `CR${id.slice(2)}${index}`,
            duration: m.duration ?? duration,
            startTime: iso(answeredAt ?? createdAt),
            type: m.type ?? "audio/mpeg",
            url: m.url,
          })),
        },
        input,
        callContext(parties),
        link,
      );
    default: {
      const hasVoicemail = input.hasVoicemail === true || Boolean(input.voicemail);
      const status = answeredAt ? "answered" : input.forwardedTo ? "forwarded" : "unanswered";
      return envelope(type, { ...lifecycle, status, hasVoicemail }, input, callContext(parties), link);
    }
  }
}

export type RecordingInput = EnvelopeOptions & {
  callId: string;
  recordingId?: string;
  url?: string;
  duration?: number;
  size?: number;
  contentType?: string;
  /** 2026-03-30: who the call was between (the context). */
  parties?: CallParties;
  /** 2026-03-30: the call's own times, repeated on the recording event. */
  call?: { createdAt: Date; answeredAt: Date | null; completedAt: Date | null };
};

/**
 * call.recording.completed: in the 2026-03-30 shape the call with `recordings[]`; otherwise the
 * seed's flat `{ id, callId, url, duration, size }`.
 */
export function recordingEvent(input: RecordingInput): JsonObject {
  if (input.shape === "new") {
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    const call = input.call;
    const duration = call?.answeredAt && call.completedAt ? Math.round((call.completedAt.getTime() - call.answeredAt.getTime()) / 1000) : null;
    const parties = input.parties ?? {};
    return envelope(
      "call.recording.completed",
      {
        id: input.callId,
        direction: parties.direction ?? "incoming",
        createdAt: iso(call?.createdAt),
        answeredAt: iso(call?.answeredAt),
        completedAt: iso(call?.completedAt),
        updatedAt: iso(input.eventCreatedAt ?? new Date()),
        duration,
        recordings: [
          {
            id: input.recordingId ?? fakeId("CR"),
            duration: input.duration ?? 60,
            startTime: iso(call?.answeredAt ?? call?.createdAt),
            type: input.contentType ?? "audio/mpeg",
            url: input.url ?? `https://media.example.test/rec/${input.callId}.mp3`,
          },
        ],
      },
      input,
      callContext(parties),
      inboxLink(parties.phoneNumberId ?? "PNmain0001", parties.conversationId, input.callId),
    );
  }
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
  /** 2026-03-30: OpenPhone's transcription of the voicemail. */
  transcript?: string | null;
  parties?: CallParties;
};

/**
 * call.voicemail.completed: in the 2026-03-30 shape its own activity naming its call
 * (`{ id, voicemailId, callId, from, to, transcript, recordingUrl, … }`); otherwise a bare
 * voicemail `{ callId, url, type, duration, size }` (the recording's seed shape).
 */
export function voicemailEvent(input: VoicemailInput): JsonObject {
  if (input.shape === "new") {
    const parties = input.parties ?? {};
    const direction = parties.direction ?? "incoming";
    const workspace = parties.workspaceNumber ?? "+16505550100";
    const external = parties.participant ?? "+14155550123";
    const at = (input.eventCreatedAt ?? new Date()).toISOString();
    // The voicemail is an activity of its own; stable ids derived from the call keep reruns idempotent.
    const activityId = `AC${input.callId.slice(2)}v`;
    return envelope(
      "call.voicemail.completed",
      {
        id: activityId,
        voicemailId: `VM${input.callId.slice(2)}`,
        callId: input.callId,
        direction,
        duration: input.duration ?? null,
        from: direction === "incoming" ? external : workspace,
        to: direction === "incoming" ? workspace : external,
        transcript: input.transcript ?? null,
        recordingUrl: input.url,
        createdAt: at,
        updatedAt: at,
      },
      input,
      callContext(parties),
      inboxLink(parties.phoneNumberId ?? "PNmain0001", parties.conversationId, activityId),
    );
  }
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
  parties?: CallParties;
};

export function summaryEvent(input: SummaryInput): JsonObject {
  if (input.shape === "new") {
    // 2026-03-30: processingStatus, no resource id, and (as in every real payload) no sentiment.
    const parties = input.parties ?? {};
    return envelope(
      input.type ?? "call.summary.completed",
      {
        callId: input.callId,
        processingStatus: input.status ?? "completed",
        summary: input.summary ?? ["Caller asked for a quote."],
        nextSteps: input.nextSteps ?? ["Send the quote."],
        fromPhoneNumber: parties.direction === "outgoing" ? (parties.workspaceNumber ?? null) : (parties.participant ?? null),
        handledByAiAgent: false,
        answeredByUserId: parties.userId ?? null,
        jobs: [],
      },
      input,
      callContext(parties),
      inboxLink(parties.phoneNumberId ?? "PNmain0001", parties.conversationId, input.callId),
    );
  }
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
  parties?: CallParties;
};

export function transcriptEvent(input: TranscriptInput): JsonObject {
  const createdAt = input.createdAt ?? input.eventCreatedAt ?? new Date();
  if (input.shape === "new") {
    const parties = input.parties ?? {};
    return envelope(
      input.type ?? "call.transcript.completed",
      {
        callId: input.callId,
        createdAt: createdAt.toISOString(),
        duration: input.duration ?? 60,
        processingStatus: input.status ?? "completed",
        dialogue: (input.dialogue ?? []).map((s) => ({ userId: s.userId, identifier: s.userId ? null : s.identifier, content: s.content, start: s.start, end: s.end })),
      },
      input,
      callContext(parties),
      inboxLink(parties.phoneNumberId ?? "PNmain0001", parties.conversationId, input.callId),
    );
  }
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
  if (input.shape === "new") {
    const id = input.id ?? fakeId("CT");
    return envelope(
      input.type ?? "contact.updated",
      {
        id,
        firstName: input.firstName ?? null,
        lastName: input.lastName ?? null,
        company: input.company ?? null,
        role: null,
        location: null,
        source: null,
        externalId: null,
        emails: [],
        phoneNumbers: input.phone ? [{ value: input.phone, type: "phone-number" }] : [],
        customFields: [],
        createdAt: updatedAt.toISOString(),
        updatedAt: updatedAt.toISOString(),
      },
      input,
      { orgId: ORG_ID, userId: "USagent01", sharedWithIds: [] },
      input.type === "contact.deleted" ? null : `https://my.quo.com/contacts/${id}`,
    );
  }
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
