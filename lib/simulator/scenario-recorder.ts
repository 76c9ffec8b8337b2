import type { SignatureStyle } from "./sign";
import { type Agent, type Person, type WorkspaceLine } from "./cast";
import {
  callEvent,
  contactEvent,
  messageEvent,
  recordingEvent,
  summaryEvent,
  tokenValidatedEvent,
  transcriptEvent,
  voicemailEvent,
  type CallParties,
  type DialogueInput,
  type JsonObject,
  type MediaInput,
  type PayloadShape,
} from "./payloads";
import { SeededRandom, stableId, type IdFactory } from "./random";

/** One webhook delivery as OpenPhone would send it: the exact body plus how to sign it. */
export type Delivery = {
  /** The exact JSON text to sign and POST (never re-serialised). */
  body: string;
  shape: PayloadShape;
  /** legacy (`openphone-signature`) for app/api shapes, standard (Standard Webhooks) for the 2026-03-30 shape. */
  style: SignatureStyle;
  /** What this delivery is, for progress output and debugging. */
  label: string;
  eventId: string;
  type: string;
  /** Standard Webhooks `webhook-id`: a redelivery reuses the original's. */
  deliveryId: string;
  /** A redelivery of an event already earlier in the list (the receiver should answer `duplicate`). */
  redelivery: boolean;
};

/** What a fresh database holds after every delivery of a scenario (rows per table). */
export type ExpectedCounts = {
  deliveries: number;
  /** Distinct event ids: WebhookEvent rows, and deliveries answered `processed`. */
  events: number;
  /** Deliveries answered `duplicate` on a fresh database. */
  duplicates: number;
  messages: number;
  mediaAttachments: number;
  calls: number;
  recordings: number;
  voicemails: number;
  summaries: number;
  transcripts: number;
  contacts: number;
  conversations: number;
  phoneNumbers: number;
  /** Timeline rows: every message plus every call known from a call event. */
  activities: number;
};

type Planned = { delivery: Delivery; arriveAt: number; seq: number };

/** When something happened (envelope createdAt) and when its webhook reaches us (the list order). */
export type Timing = { eventAt: number; arriveAt?: number };

export type MessageType = "message.received" | "message.sent" | "message.delivered" | "message.failed" | "message.undelivered";

export type MessageSpec = Timing & {
  type: MessageType;
  id: string;
  line: WorkspaceLine;
  person: Person;
  agent: Agent | null;
  text: string;
  media?: MediaInput[];
  /** When the message was written (the resource's createdAt). */
  createdAt: number;
  shape: PayloadShape;
  errorCode?: string;
  note?: string;
};

export type CallSpec = Timing & {
  type: string;
  id: string;
  line: WorkspaceLine;
  person: Person;
  direction: "incoming" | "outgoing";
  agent: Agent | null;
  createdAt: number;
  answeredAt: number | null;
  completedAt: number | null;
  shape: PayloadShape;
  voicemail?: MediaInput;
  /** Recording segments carried on the call object (app shape of call.recording.completed). */
  media?: MediaInput[];
  forwardedTo?: string;
  /** 2026-03-30 call.completed: a separate call.voicemail.completed follows. */
  hasVoicemail?: boolean;
  note?: string;
};

export type ArtifactSpec = Timing & { callId: string; shape: PayloadShape; note?: string };

/**
 * Collects a scenario's deliveries while tracking what they should leave in the database. The
 * tracking mirrors the projection's keys (message id, call id, customer number, number × customer,
 * recording id or URL), so the expected counts come from what the scenario meant to send.
 */
export class ScenarioRecorder {
  readonly #planned: Planned[] = [];
  readonly #shapeOverride: PayloadShape | undefined;
  #seq = 0;
  #ids: IdFactory;

  readonly #messages = new Set<string>();
  readonly #media = new Map<string, number>();
  readonly #calls = new Set<string>();
  readonly #callsWithDetails = new Set<string>();
  readonly #recordings = new Set<string>();
  readonly #voicemails = new Set<string>();
  readonly #summaries = new Set<string>();
  readonly #transcripts = new Set<string>();
  readonly #contacts = new Set<string>();
  readonly #conversations = new Set<string>();
  readonly #phoneNumbers = new Set<string>();
  /** Who each call is between and when it happened: 2026-03-30 artifacts repeat it in their context. */
  readonly #callParties = new Map<string, { parties: CallParties; times: { createdAt: Date; answeredAt: Date | null; completedAt: Date | null } }>();

  constructor(ids: IdFactory, shapeOverride?: PayloadShape) {
    this.#ids = ids;
    this.#shapeOverride = shapeOverride;
  }

  /** Ids of the events and resources of the scenario being built (one factory per repetition). */
  get ids(): IdFactory {
    return this.#ids;
  }

  useIds(ids: IdFactory): void {
    this.#ids = ids;
  }

  /** The shape a delivery gets: `--shape` when given, else what the scenario prefers. */
  shape(preferred: PayloadShape): PayloadShape {
    return this.#shapeOverride ?? preferred;
  }

  /** OpenPhone's conversation id of one workspace number × one customer. */
  conversationId(line: WorkspaceLine, person: Person): string {
    return stableId("CN", `${line.phoneNumberId}:${person.number}`);
  }

  message(spec: MessageSpec): string {
    const shape = this.shape(spec.shape);
    const direction = spec.type === "message.received" ? "incoming" : "outgoing";
    const eventId = this.#ids.next("EV");
    const body = messageEvent({
      type: spec.type,
      id: spec.id,
      direction,
      phoneNumberId: spec.line.phoneNumberId,
      workspaceNumber: spec.line.number,
      participant: spec.person.number,
      text: spec.text,
      media: spec.media ?? [],
      createdAt: new Date(spec.createdAt),
      userId: spec.agent?.userId ?? null,
      conversationId: this.conversationId(spec.line, spec.person),
      ...(spec.errorCode ? { errorCode: spec.errorCode } : {}),
      eventId,
      eventCreatedAt: new Date(spec.eventAt),
      shape,
    });
    this.#messages.add(spec.id);
    this.#media.set(spec.id, Math.max(this.#media.get(spec.id) ?? 0, spec.media?.length ?? 0));
    this.#party(spec.line, spec.person);
    const what = spec.media?.length ? `${direction === "incoming" ? "MMS from" : "MMS to"}` : direction === "incoming" ? "text from" : "text to";
    return this.#add(body, shape, spec, `${spec.type} ${spec.id.slice(0, 8)}… ${what} ${fullName(spec.person)}`);
  }

  call(spec: CallSpec): string {
    const shape = this.shape(spec.shape);
    const eventId = this.#ids.next("EV");
    const body = callEvent({
      type: spec.type,
      id: spec.id,
      direction: spec.direction,
      phoneNumberId: spec.line.phoneNumberId,
      workspaceNumber: spec.line.number,
      participant: spec.person.number,
      createdAt: new Date(spec.createdAt),
      answeredAt: spec.answeredAt === null ? null : new Date(spec.answeredAt),
      completedAt: spec.completedAt === null ? null : new Date(spec.completedAt),
      userId: spec.agent?.userId ?? null,
      conversationId: this.conversationId(spec.line, spec.person),
      voicemail: spec.voicemail ?? null,
      media: spec.media ?? [],
      forwardedTo: spec.forwardedTo ?? null,
      hasVoicemail: spec.hasVoicemail ?? false,
      eventId,
      eventCreatedAt: new Date(spec.eventAt),
      shape,
    });
    this.#callParties.set(spec.id, {
      parties: {
        direction: spec.direction,
        phoneNumberId: spec.line.phoneNumberId,
        workspaceNumber: spec.line.number,
        participant: spec.person.number,
        conversationId: this.conversationId(spec.line, spec.person),
        userId: spec.agent?.userId ?? null,
      },
      times: {
        createdAt: new Date(spec.createdAt),
        answeredAt: spec.answeredAt === null ? null : new Date(spec.answeredAt),
        completedAt: spec.completedAt === null ? null : new Date(spec.completedAt),
      },
    });
    this.#calls.add(spec.id);
    this.#callsWithDetails.add(spec.id);
    this.#party(spec.line, spec.person);
    if (spec.voicemail) this.#voicemails.add(spec.id);
    // Recording segments on a call object have no id of their own; the projection keys them by URL.
    // Only the app shape carries them (the API shape has no media[] on calls).
    if (shape === "app") for (const m of spec.media ?? []) this.#recordings.add(`${spec.id}|${m.url}`);
    // 2026-03-30 recordings[] entries have ids (see newCallEvent in payloads.ts).
    if (shape === "new" && spec.type === "call.recording.completed") {
      for (const [index] of (spec.media ?? []).entries()) this.#recordings.add(`${spec.id}|CR${spec.id.slice(2)}${index}`);
    }
    return this.#add(body, shape, spec, `${spec.type} ${spec.id.slice(0, 8)}… ${spec.direction} ${fullName(spec.person)}`);
  }

  /** call.recording.completed in the seed's flat shape `{ id: "CR…", callId, url, duration, size }`. */
  recording(spec: ArtifactSpec & { recordingId: string; url: string; duration: number; size: number; contentType: string }): string {
    const shape = this.shape(spec.shape);
    const body = recordingEvent({
      callId: spec.callId,
      recordingId: spec.recordingId,
      url: spec.url,
      duration: spec.duration,
      size: spec.size,
      contentType: spec.contentType,
      eventId: this.#ids.next("EV"),
      eventCreatedAt: new Date(spec.eventAt),
      shape,
      parties: this.#callParties.get(spec.callId)?.parties,
      call: this.#callParties.get(spec.callId)?.times,
    });
    this.#calls.add(spec.callId);
    this.#recordings.add(`${spec.callId}|${spec.recordingId}`);
    return this.#add(body, shape, spec, `call.recording.completed ${spec.callId.slice(0, 8)}…`);
  }

  /** call.voicemail.completed as a bare voicemail `{ callId, url, … }`. */
  voicemail(spec: ArtifactSpec & { url: string; duration: number; size: number; contentType: string; transcript?: string; eventId?: string }): string {
    const shape = this.shape(spec.shape);
    const body = voicemailEvent({
      callId: spec.callId,
      url: spec.url,
      duration: spec.duration,
      size: spec.size,
      contentType: spec.contentType,
      transcript: spec.transcript ?? null,
      eventId: spec.eventId ?? this.#ids.next("EV"),
      eventCreatedAt: new Date(spec.eventAt),
      shape,
      parties: this.#callParties.get(spec.callId)?.parties,
    });
    this.#calls.add(spec.callId);
    this.#voicemails.add(spec.callId);
    return this.#add(body, shape, spec, `call.voicemail.completed ${spec.callId.slice(0, 8)}…`);
  }

  summary(spec: ArtifactSpec & { type: string; summary: string[]; nextSteps: string[]; sentiment: string }): string {
    const shape = this.shape(spec.shape);
    const body = summaryEvent({
      type: spec.type,
      callId: spec.callId,
      summary: spec.summary,
      nextSteps: spec.nextSteps,
      sentiment: spec.sentiment,
      eventId: this.#ids.next("EV"),
      eventCreatedAt: new Date(spec.eventAt),
      shape,
      parties: this.#callParties.get(spec.callId)?.parties,
    });
    this.#calls.add(spec.callId);
    this.#summaries.add(spec.callId);
    return this.#add(body, shape, spec, `${spec.type} ${spec.callId.slice(0, 8)}…`);
  }

  transcript(spec: ArtifactSpec & { type: string; dialogue: DialogueInput[]; duration: number }): string {
    const shape = this.shape(spec.shape);
    const body = transcriptEvent({
      type: spec.type,
      callId: spec.callId,
      dialogue: spec.dialogue,
      duration: spec.duration,
      createdAt: new Date(spec.eventAt),
      eventId: this.#ids.next("EV"),
      eventCreatedAt: new Date(spec.eventAt),
      shape,
      parties: this.#callParties.get(spec.callId)?.parties,
    });
    this.#calls.add(spec.callId);
    this.#transcripts.add(spec.callId);
    return this.#add(body, shape, spec, `${spec.type} ${spec.callId.slice(0, 8)}… (${spec.dialogue.length} segments)`);
  }

  contact(spec: Timing & { type: "contact.updated" | "contact.deleted"; person: Person; shape: PayloadShape; note?: string }): string {
    const shape = this.shape(spec.shape);
    const deleted = spec.type === "contact.deleted";
    const body = contactEvent({
      type: spec.type,
      id: spec.person.contactId,
      firstName: deleted ? null : spec.person.firstName,
      lastName: deleted ? null : spec.person.lastName,
      company: deleted ? null : spec.person.company,
      phone: spec.person.number,
      updatedAt: new Date(spec.eventAt),
      eventId: this.#ids.next("EV"),
      eventCreatedAt: new Date(spec.eventAt),
      shape,
    });
    this.#contacts.add(spec.person.number);
    return this.#add(body, shape, spec, `${spec.type} ${fullName(spec.person)}${spec.person.company ? ` (${spec.person.company})` : ""}`);
  }

  token(spec: Timing & { shape: PayloadShape; note?: string }): string {
    const shape = this.shape(spec.shape);
    const body = tokenValidatedEvent({ eventId: this.#ids.next("EV"), eventCreatedAt: new Date(spec.eventAt), shape });
    return this.#add(body, shape, spec, "token.validated");
  }

  /**
   * The ordered deliveries: by arrival time, optionally shuffled, then with redeliveries of about
   * `duplicateRate` of them inserted a little later in the list (as OpenPhone's retries arrive).
   */
  finish(options: { randomSeed: string; shuffle: boolean; duplicateRate: number }): { deliveries: Delivery[]; expected: ExpectedCounts } {
    let originals = [...this.#planned].sort((a, b) => a.arriveAt - b.arriveAt || a.seq - b.seq).map((p) => p.delivery);
    // Which events are redelivered, and how much later, is chosen in arrival order, so shuffling
    // changes the order but not the set of deliveries.
    const random = new SeededRandom(`${options.randomSeed}:duplicates`);
    const gaps = new Map<Delivery, number>();
    for (const delivery of originals) {
      if (!random.chance(options.duplicateRate)) continue;
      // Sometimes right behind the original (a concurrent copy), usually a few deliveries later.
      gaps.set(delivery, random.chance(0.25) ? 0.5 : random.int(1, 12) + 0.5);
    }
    if (options.shuffle) originals = new SeededRandom(`${options.randomSeed}:shuffle`).shuffle(originals);

    const keyed: { delivery: Delivery; key: number }[] = originals.map((delivery, index) => ({ delivery, key: index }));
    for (const [index, delivery] of originals.entries()) {
      const gap = gaps.get(delivery);
      if (gap !== undefined) keyed.push({ delivery: { ...delivery, redelivery: true, label: `${delivery.label} (redelivery)` }, key: index + gap });
    }
    const deliveries = keyed.sort((a, b) => a.key - b.key).map((k) => k.delivery);

    const events = new Set(deliveries.map((d) => d.eventId)).size;
    let mediaAttachments = 0;
    for (const count of this.#media.values()) mediaAttachments += count;
    return {
      deliveries,
      expected: {
        deliveries: deliveries.length,
        events,
        duplicates: deliveries.length - events,
        messages: this.#messages.size,
        mediaAttachments,
        calls: this.#calls.size,
        recordings: this.#recordings.size,
        voicemails: this.#voicemails.size,
        summaries: this.#summaries.size,
        transcripts: this.#transcripts.size,
        contacts: this.#contacts.size,
        conversations: this.#conversations.size,
        phoneNumbers: this.#phoneNumbers.size,
        activities: this.#messages.size + this.#callsWithDetails.size,
      },
    };
  }

  #party(line: WorkspaceLine, person: Person): void {
    this.#phoneNumbers.add(line.phoneNumberId);
    this.#contacts.add(person.number);
    this.#conversations.add(`${line.phoneNumberId}|${person.number}`);
  }

  #add(body: JsonObject, shape: PayloadShape, timing: Timing & { note?: string }, label: string): string {
    const eventId = String(body.id);
    const delivery: Delivery = {
      body: JSON.stringify(body),
      shape,
      style: shape === "new" ? "standard" : "legacy",
      label: timing.note ? `${label} — ${timing.note}` : label,
      eventId,
      type: String(body.type),
      deliveryId: `msg_${eventId.slice(2, 26)}`,
      redelivery: false,
    };
    this.#planned.push({ delivery, arriveAt: timing.arriveAt ?? timing.eventAt + 1_000, seq: this.#seq++ });
    return eventId;
  }
}

export function fullName(person: Person): string {
  return `${person.firstName} ${person.lastName}`.trim();
}
