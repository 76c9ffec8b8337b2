import {
  BAY_ROOFING,
  agentByName,
  buildCustomers,
  mediaUrl,
  namedCustomer,
  type Agent,
  type Customers,
  type Person,
  type WorkspaceLine,
} from "./cast";
import { demoCalls, demoDocuments, demoImages, demoVoicemails, type DemoCallAudio, type DemoVoicemail } from "./demo-media";
import type { DialogueInput, MediaInput, PayloadShape } from "./payloads";
import { IdFactory, SeededRandom } from "./random";
import { ScenarioRecorder, type Delivery, type ExpectedCounts } from "./scenario-recorder";
import { DAYS, TEXT_THREADS, TIMES, UNDELIVERABLE_TEXTS, fillTemplate } from "./texts";

/**
 * Pure builders of simulated OpenPhone traffic. Each mode returns an ordered list of signed-ready
 * deliveries plus what they should leave in a fresh database:
 * - all:   one delivery of every event type we accept (real names and the seed's names)
 * - media: messages with an image, a PDF and several attachments at once
 * - ai:    the demo calls with their recordings, summaries and transcripts
 * - full:  a realistic day at Bay Roofing, with late, out-of-order and repeated deliveries
 * Ids depend only on the seed (never the clock), so sending a scenario twice adds nothing.
 */

export const SCENARIO_MODES = ["all", "media", "ai", "full"] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];

export const DEFAULT_SEED = "bay-roofing";
export const DEFAULT_FULL_DUPLICATE_RATE = 0.05;
/** Customers besides the ones the demo media name. */
const GENERIC_CUSTOMERS = 36;

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

export type ScenarioOptions = {
  /** The end of the simulated time: every timestamp lies before it. */
  now: Date;
  /** Base URL the app serves `/demo/…` from, so media URLs work offline (e.g. "http://localhost:3000"). */
  mediaBaseUrl: string;
  seed?: string;
  /** Every delivery in this shape; default: mixed for `full` (mostly app, some api and new), app otherwise. */
  shape?: PayloadShape;
  /** Send in a random (seeded) order instead of arrival order. */
  shuffle?: boolean;
  /** Share of deliveries sent twice; default 0.05 for `full`, 0 otherwise. */
  duplicates?: number;
  /** Build the scenario this many times, each with fresh ids (load testing); default 1. */
  count?: number;
};

export type Scenario = { mode: ScenarioMode; seed: string; deliveries: Delivery[]; expected: ExpectedCounts };

export function isScenarioMode(value: string): value is ScenarioMode {
  return (SCENARIO_MODES as readonly string[]).includes(value);
}

export function buildScenario(mode: ScenarioMode, options: ScenarioOptions): Scenario {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a positive integer");
  const duplicateRate = options.duplicates ?? (mode === "full" ? DEFAULT_FULL_DUPLICATE_RATE : 0);
  if (!(duplicateRate >= 0 && duplicateRate <= 1)) throw new Error("duplicates must be a rate between 0 and 1");

  const customers = buildCustomers(seed, GENERIC_CUSTOMERS);
  const rec = new ScenarioRecorder(new IdFactory(`${seed}:${mode}`), options.shape);
  for (let repetition = 0; repetition < count; repetition++) {
    const namespace = repetition === 0 ? `${seed}:${mode}` : `${seed}:${mode}:${repetition}`;
    rec.useIds(new IdFactory(namespace));
    // Each repetition is the same day with fresh ids: same content, same shapes.
    const ctx: Context = {
      rec,
      random: new SeededRandom(`${seed}:${mode}:content`),
      shapes: new SeededRandom(`${seed}:${mode}:shapes`),
      mixedShapes: mode === "full",
      now: options.now.getTime(),
      media: (path) => mediaUrl(options.mediaBaseUrl, path),
      customers,
    };
    BUILDERS[mode](ctx);
  }
  const { deliveries, expected } = rec.finish({ randomSeed: `${seed}:${mode}`, shuffle: options.shuffle ?? false, duplicateRate });
  return { mode, seed, deliveries, expected };
}

/** The start of the current minute: runs within one minute send byte-identical bodies. */
export function scenarioNow(clock: Date = new Date()): Date {
  return new Date(Math.floor(clock.getTime() / MINUTE) * MINUTE);
}

// ---------------------------------------------------------------------------------------------
// Building blocks

type Context = {
  rec: ScenarioRecorder;
  /** Content choices (who, what, when). */
  random: SeededRandom;
  /** Shape choices only, so `--shape` never changes which events (and ids) a scenario has. */
  shapes: SeededRandom;
  mixedShapes: boolean;
  now: number;
  media: (path: string) => string;
  customers: Customers;
};

const { dana, luis } = BAY_ROOFING.agents;
const { main, sales, service } = BAY_ROOFING.lines;

/** Mostly app webhooks, some API (v4) and some 2026-03-30 ones, as a workspace with several webhooks gets. */
function pickShape(ctx: Context): PayloadShape {
  if (!ctx.mixedShapes) return "app";
  const r = ctx.shapes.next();
  return r < 0.7 ? "app" : r < 0.85 ? "api" : "new";
}

/** A demo photo or PDF as an MMS attachment, served by the app itself. */
function demoAttachment(ctx: Context, key: string): MediaInput {
  const file = [...demoImages, ...demoDocuments].find((m) => m.key === key);
  if (!file) throw new Error(`No demo image or document ${key}`);
  return { url: ctx.media(file.path), type: file.contentType, size: file.size };
}

function demoCall(key: string): DemoCallAudio {
  const found = demoCalls.find((c) => c.key === key);
  if (!found) throw new Error(`No demo call ${key}`);
  return found;
}

function demoVoicemail(key: string): DemoVoicemail {
  const found = demoVoicemails.find((v) => v.key === key);
  if (!found) throw new Error(`No demo voicemail ${key}`);
  return found;
}

type TextSpec = {
  line: WorkspaceLine;
  person: Person;
  agent: Agent;
  direction: "in" | "out";
  text: string;
  media?: MediaInput[];
  at: number;
  shape: PayloadShape;
  /** Outgoing only: which progress events follow. Default: sent then delivered. */
  progress?: "sent+delivered" | "delivered" | "failed" | "undelivered";
  /** Outgoing only: message.sent arrives after message.delivered. */
  sentArrivesLate?: boolean;
};

/** One text or MMS with its webhook(s); returns the message id. */
function textMessage(ctx: Context, spec: TextSpec): string {
  const id = ctx.rec.ids.next("AC");
  const common = { id, line: spec.line, person: spec.person, text: spec.text, media: spec.media, createdAt: spec.at, shape: spec.shape };
  if (spec.direction === "in") {
    ctx.rec.message({ ...common, type: "message.received", agent: null, eventAt: spec.at + SECOND });
    return id;
  }
  const outgoing = { ...common, agent: spec.agent };
  const progress = spec.progress ?? "sent+delivered";
  if (progress === "delivered") {
    ctx.rec.message({ ...outgoing, type: "message.delivered", eventAt: spec.at + 3 * SECOND });
  } else if (progress === "sent+delivered") {
    const late = spec.sentArrivesLate === true;
    ctx.rec.message({
      ...outgoing,
      type: "message.sent",
      eventAt: spec.at + SECOND,
      arriveAt: late ? spec.at + 40 * SECOND : spec.at + 2 * SECOND,
      ...(late ? { note: "arrives after its message.delivered" } : {}),
    });
    ctx.rec.message({ ...outgoing, type: "message.delivered", eventAt: spec.at + 3 * SECOND });
  } else {
    ctx.rec.message({ ...outgoing, type: "message.sent", eventAt: spec.at + SECOND });
    ctx.rec.message({
      ...outgoing,
      type: progress === "failed" ? "message.failed" : "message.undelivered",
      eventAt: spec.at + 6 * SECOND,
      errorCode: progress === "failed" ? "30006" : "30003",
    });
  }
  return id;
}

type TextExtras = Pick<TextSpec, "media" | "progress" | "sentArrivesLate">;

/** Texts between one workspace number (and its agent) and one customer. */
function chat(ctx: Context, line: WorkspaceLine, person: Person, agent: Agent, shape: PayloadShape = "app") {
  const send = (direction: "in" | "out", text: string, at: number, extras: TextExtras = {}) =>
    textMessage(ctx, { line, person, agent, direction, text, at, shape, ...extras });
  return {
    in: (text: string, at: number, extras: TextExtras = {}) => send("in", text, at, extras),
    out: (text: string, at: number, extras: TextExtras = {}) => send("out", text, at, extras),
  };
}

/** Which workspace number each demo call happens on. */
const DEMO_CALL_LINES: Readonly<Record<string, WorkspaceLine>> = {
  "leak-inspection": main,
  "quote-accepted": sales,
  "late-crew-complaint": service,
  "schedule-change": main,
  "warranty-question": service,
};

function demoCallLine(demo: DemoCallAudio): WorkspaceLine {
  return DEMO_CALL_LINES[demo.key] ?? main;
}

type AiCallSpec = {
  demo: DemoCallAudio;
  person: Person;
  line: WorkspaceLine;
  agent: Agent;
  /** When the phone started ringing. */
  at: number;
  shape: PayloadShape;
  /** Which of the equivalent event names and recording shapes to use. */
  variant: number;
  /** Also send call.answered (new API name) between ringing and completion. */
  answeredEvent?: boolean;
  /** call.completed arrives after the summary and transcript (a retried delivery). */
  lateCompletion?: boolean;
  /** The summary arrives before the recording. */
  summaryFirst?: boolean;
};

const SUMMARY_TYPES = ["call.summary.completed", "callSummary", "call_summary.created"] as const;
const TRANSCRIPT_TYPES = ["call.transcript.completed", "callTranscript", "call_transcript.created"] as const;

/** The transcript of a demo call as OpenPhone sends it: agent = workspace number + US… id, customer = their number + null. */
export function demoDialogue(demo: DemoCallAudio, line: WorkspaceLine, agent: Agent, person: Person): DialogueInput[] {
  return demo.segments.map((segment) => ({
    content: segment.content,
    start: segment.start,
    end: segment.end,
    identifier: segment.speaker === "agent" ? line.number : person.number,
    userId: segment.speaker === "agent" ? agent.userId : null,
  }));
}

/** An answered demo call followed by its recording (the real demo audio), summary and transcript. */
function aiCall(ctx: Context, spec: AiCallSpec): string {
  const { demo, person, line, agent } = spec;
  const id = ctx.rec.ids.next("AC");
  const recordingId = ctx.rec.ids.next("CR");
  const answeredAt = spec.at + (demo.direction === "incoming" ? 6 : 9) * SECOND;
  const completedAt = answeredAt + Math.ceil(demo.duration) * SECOND;
  const call = {
    id,
    line,
    person,
    direction: demo.direction,
    agent,
    createdAt: spec.at,
    answeredAt,
    completedAt,
    shape: spec.shape,
  };
  ctx.rec.call({
    ...call,
    type: demo.direction === "incoming" ? "call.ringing" : "call.started",
    answeredAt: null,
    completedAt: null,
    eventAt: spec.at,
  });
  if (spec.answeredEvent) ctx.rec.call({ ...call, type: "call.answered", completedAt: null, eventAt: answeredAt });
  const recordingAt = completedAt + (spec.summaryFirst ? 6 * MINUTE : 50 * SECOND);
  const summaryAt = completedAt + 90 * SECOND;
  const transcriptAt = completedAt + 2 * MINUTE;
  ctx.rec.call({
    ...call,
    type: "call.completed",
    eventAt: completedAt + SECOND,
    ...(spec.lateCompletion ? { arriveAt: transcriptAt + 3 * MINUTE, note: "late: arrives after its summary and transcript" } : {}),
  });

  const audio = { url: ctx.media(demo.path), type: demo.contentType, duration: demo.duration };
  // The app shape sends a recording as the whole call with media[]; other shapes use the flat one.
  if (ctx.rec.shape(spec.shape) === "app" && spec.variant % 2 === 0) {
    ctx.rec.call({ ...call, type: "call.recording.completed", media: [audio], eventAt: recordingAt });
  } else {
    ctx.rec.recording({
      callId: id,
      recordingId,
      url: audio.url,
      duration: demo.duration,
      size: demo.size,
      contentType: demo.contentType,
      eventAt: recordingAt,
      shape: spec.shape,
    });
  }
  const legacyNames = ctx.rec.shape(spec.shape) === "app";
  ctx.rec.summary({
    type: legacyNames ? SUMMARY_TYPES[spec.variant % SUMMARY_TYPES.length]! : "call.summary.completed",
    callId: id,
    summary: demo.summary,
    nextSteps: demo.nextSteps,
    sentiment: demo.sentiment,
    eventAt: summaryAt,
    shape: spec.shape,
  });
  ctx.rec.transcript({
    type: legacyNames ? TRANSCRIPT_TYPES[spec.variant % TRANSCRIPT_TYPES.length]! : "call.transcript.completed",
    callId: id,
    dialogue: demoDialogue(demo, line, agent, person),
    duration: demo.duration,
    eventAt: transcriptAt,
    shape: spec.shape,
  });
  return id;
}

type PlainCallSpec = {
  person: Person;
  line: WorkspaceLine;
  agent: Agent;
  at: number;
  shape: PayloadShape;
};

/** An answered call without a recording (recording is off for short calls). */
function answeredCall(ctx: Context, spec: PlainCallSpec & { direction: "incoming" | "outgoing"; seconds: number; answeredEvent: boolean }): string {
  const id = ctx.rec.ids.next("AC");
  const answeredAt = spec.at + 7 * SECOND;
  const completedAt = answeredAt + spec.seconds * SECOND;
  const { line, person, agent, shape, direction } = spec;
  const call = { id, line, person, direction, agent, createdAt: spec.at, answeredAt, completedAt, shape };
  ctx.rec.call({ ...call, type: spec.direction === "incoming" ? "call.ringing" : "call.started", answeredAt: null, completedAt: null, eventAt: spec.at });
  if (spec.answeredEvent) ctx.rec.call({ ...call, type: "call.answered", completedAt: null, eventAt: answeredAt });
  ctx.rec.call({ ...call, type: "call.completed", eventAt: completedAt + SECOND });
  return id;
}

/** Nobody picked up: OpenPhone reports it as call.completed with answeredAt null (or call.missed, new API). */
function missedCall(ctx: Context, spec: PlainCallSpec & { direction: "incoming" | "outgoing"; missedEvent: boolean; lateRinging: boolean }): string {
  const id = ctx.rec.ids.next("AC");
  const completedAt = spec.at + 28 * SECOND;
  const { line, person, agent, shape, direction } = spec;
  const call = { id, line, person, direction, agent, createdAt: spec.at, answeredAt: null, shape };
  ctx.rec.call({
    ...call,
    type: spec.direction === "incoming" ? "call.ringing" : "call.started",
    completedAt: null,
    eventAt: spec.at,
    ...(spec.lateRinging ? { arriveAt: completedAt + 20 * SECOND, note: "late: arrives after the call ended" } : {}),
  });
  if (spec.missedEvent) ctx.rec.call({ ...call, type: "call.missed", completedAt, eventAt: completedAt });
  ctx.rec.call({ ...call, type: "call.completed", completedAt, eventAt: completedAt + SECOND });
  return id;
}

/** The main line forwards to Luis's mobile when the desk does not pick up. */
function forwardedCall(ctx: Context, spec: PlainCallSpec): string {
  const id = ctx.rec.ids.next("AC");
  const forwardedAt = spec.at + 20 * SECOND;
  const completedAt = forwardedAt + ctx.random.int(40, 240) * SECOND;
  const call = {
    id,
    line: spec.line,
    person: spec.person,
    direction: "incoming" as const,
    agent: spec.agent,
    createdAt: spec.at,
    answeredAt: null,
    shape: spec.shape,
  };
  ctx.rec.call({ ...call, type: "call.ringing", completedAt: null, eventAt: spec.at });
  ctx.rec.call({ ...call, type: "call.forwarded", completedAt: null, forwardedTo: BAY_ROOFING.forwardTarget, eventAt: forwardedAt });
  ctx.rec.call({ ...call, type: "call.completed", completedAt, forwardedTo: BAY_ROOFING.forwardTarget, eventAt: completedAt + SECOND });
  return id;
}

/** A missed call that left a voicemail: on the call.completed itself, or as a later call.voicemail.completed. */
function voicemailCall(ctx: Context, spec: PlainCallSpec & { voicemail: DemoVoicemail; separateEvent: boolean }): string {
  const id = ctx.rec.ids.next("AC");
  const vm = spec.voicemail;
  const completedAt = spec.at + (25 + Math.ceil(vm.duration)) * SECOND;
  const media = { url: ctx.media(vm.path), type: vm.contentType, duration: vm.duration };
  const { line, person, agent, shape } = spec;
  const call = { id, line, person, direction: "incoming" as const, agent, createdAt: spec.at, answeredAt: null, shape };
  ctx.rec.call({ ...call, type: "call.ringing", completedAt: null, eventAt: spec.at });
  // The 2026-03-30 API never puts the voicemail on the call: call.completed says hasVoicemail, the voicemail follows.
  const separate = spec.separateEvent || ctx.rec.shape(spec.shape) === "new";
  if (separate) {
    ctx.rec.call({ ...call, type: "call.completed", completedAt, hasVoicemail: true, eventAt: completedAt + SECOND });
    ctx.rec.voicemail({
      // Only the 2026 shape adds this event to a scenario; an id outside the sequence keeps every other id the same.
      ...(spec.separateEvent ? {} : { eventId: `EV${id.slice(2)}vm` }),
      callId: id,
      url: media.url,
      duration: vm.duration,
      size: vm.size,
      contentType: vm.contentType,
      transcript: vm.transcript,
      eventAt: completedAt + 45 * SECOND,
      shape: spec.shape,
    });
  } else {
    ctx.rec.call({ ...call, type: "call.completed", completedAt, voicemail: media, eventAt: completedAt + SECOND });
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// Modes

const BUILDERS: Record<ScenarioMode, (ctx: Context) => void> = { all: buildAll, media: buildMedia, ai: buildAi, full: buildFull };

/** One delivery of every accepted event type, real names and the seed's names alike. */
function buildAll(ctx: Context): void {
  const { rec } = ctx;
  const shape: PayloadShape = "app";
  const t0 = ctx.now - 60 * MINUTE;
  const marcus = namedCustomer(ctx.customers, "Marcus Webb");
  const priya = namedCustomer(ctx.customers, "Priya Shah");
  const [first, second, third, fourth] = ctx.customers.generic as [Person, Person, Person, Person];
  let clock = t0;
  const tick = (minutes = 1) => (clock += minutes * MINUTE);

  rec.token({ eventAt: clock, shape });
  const marcusChat = chat(ctx, main, marcus, dana, shape);
  marcusChat.in("Hi, is this Bay Roofing? I have a leak.", tick());
  marcusChat.out("Yes! Call us anytime, Marcus.", tick());
  // Failures on their own (the full scenario sends message.sent before them).
  for (const [type, who, errorCode, template] of [
    ["message.failed", first, "30006", UNDELIVERABLE_TEXTS[0]!],
    ["message.undelivered", second, "30003", UNDELIVERABLE_TEXTS[1]!],
  ] as const) {
    const createdAt = tick();
    rec.message({
      type,
      id: rec.ids.next("AC"),
      line: sales,
      person: who,
      agent: luis,
      text: fillTemplate(template, { first: who.firstName, agent: luis.name, day: "Thursday", time: "9 AM" }),
      createdAt,
      eventAt: createdAt + 5 * SECOND,
      shape,
      errorCode,
    });
  }

  // An incoming call with every lifecycle event; summaries and transcripts under every name.
  const leak = demoCall("leak-inspection");
  const leakId = rec.ids.next("AC");
  const ringAt = tick(2);
  const answeredAt = ringAt + 6 * SECOND;
  const completedAt = answeredAt + Math.ceil(leak.duration) * SECOND;
  const leakCall = { id: leakId, line: main, person: marcus, direction: "incoming" as const, agent: dana, createdAt: ringAt, answeredAt, completedAt, shape };
  rec.call({ ...leakCall, type: "call.ringing", answeredAt: null, completedAt: null, eventAt: ringAt });
  rec.call({ ...leakCall, type: "call.answered", completedAt: null, eventAt: answeredAt });
  rec.call({ ...leakCall, type: "call.completed", eventAt: completedAt + SECOND });
  rec.recording({
    callId: leakId,
    recordingId: rec.ids.next("CR"),
    url: ctx.media(leak.path),
    duration: leak.duration,
    size: leak.size,
    contentType: leak.contentType,
    eventAt: completedAt + 50 * SECOND,
    shape,
  });

  // An outgoing call whose end is only known from its recording (app shape: the whole call with media[]).
  const quote = demoCall("quote-accepted");
  const quoteId = rec.ids.next("AC");
  const dialAt = tick(5);
  const quoteAnsweredAt = dialAt + 9 * SECOND;
  const quoteCompletedAt = quoteAnsweredAt + Math.ceil(quote.duration) * SECOND;
  const quoteCall = {
    id: quoteId,
    line: sales,
    person: priya,
    direction: "outgoing" as const,
    agent: luis,
    createdAt: dialAt,
    answeredAt: quoteAnsweredAt,
    completedAt: quoteCompletedAt,
    shape,
  };
  rec.call({ ...quoteCall, type: "call.started", answeredAt: null, completedAt: null, eventAt: dialAt });
  rec.call({
    ...quoteCall,
    type: "call.recording.completed",
    media: [{ url: ctx.media(quote.path), type: quote.contentType, duration: quote.duration }],
    eventAt: quoteCompletedAt + 50 * SECOND,
  });

  const summaries: [string, string, DemoCallAudio][] = [
    ["call.summary.completed", leakId, leak],
    ["callSummary", quoteId, quote],
    ["call_summary.created", quoteId, quote],
    ["call_summary.updated", leakId, leak],
  ];
  for (const [type, callId, demo] of summaries) {
    rec.summary({ type, callId, summary: demo.summary, nextSteps: demo.nextSteps, sentiment: demo.sentiment, eventAt: tick(), shape });
  }
  const transcripts: [string, string, DemoCallAudio, WorkspaceLine, Agent, Person][] = [
    ["call.transcript.completed", leakId, leak, main, dana, marcus],
    ["callTranscript", quoteId, quote, sales, luis, priya],
    ["call_transcript.created", quoteId, quote, sales, luis, priya],
    ["call_transcript.updated", leakId, leak, main, dana, marcus],
  ];
  for (const [type, callId, demo, line, agent, person] of transcripts) {
    rec.transcript({ type, callId, dialogue: demoDialogue(demo, line, agent, person), duration: demo.duration, eventAt: tick(), shape });
  }

  const forwardedId = rec.ids.next("AC");
  const forwardAt = tick(3);
  // The caller picks a phone-menu option, then the call is forwarded.
  rec.call({
    id: forwardedId,
    type: "call.menu.selected",
    line: main,
    person: third,
    direction: "incoming",
    agent: dana,
    createdAt: forwardAt - 20 * SECOND,
    answeredAt: null,
    completedAt: null,
    eventAt: forwardAt - SECOND,
    shape,
  });
  rec.call({
    id: forwardedId,
    type: "call.forwarded",
    line: main,
    person: third,
    direction: "incoming",
    agent: dana,
    createdAt: forwardAt - 20 * SECOND,
    answeredAt: null,
    completedAt: null,
    forwardedTo: BAY_ROOFING.forwardTarget,
    eventAt: forwardAt,
    shape,
  });
  const missedAt = tick(3);
  rec.call({
    id: rec.ids.next("AC"),
    type: "call.missed",
    line: service,
    person: fourth,
    direction: "incoming",
    agent: dana,
    createdAt: missedAt - 30 * SECOND,
    answeredAt: null,
    completedAt: missedAt,
    eventAt: missedAt,
    shape,
  });
  const vm = demoVoicemail("vm-gutter-overflow");
  const helen = namedCustomer(ctx.customers, "Helen Park");
  const vmAt = tick(3);
  rec.call({
    id: rec.ids.next("AC"),
    type: "call.voicemail.completed",
    line: main,
    person: helen,
    direction: "incoming",
    agent: dana,
    createdAt: vmAt - 60 * SECOND,
    answeredAt: null,
    completedAt: vmAt - 10 * SECOND,
    voicemail: { url: ctx.media(vm.path), type: vm.contentType, duration: vm.duration },
    eventAt: vmAt,
    shape,
  });
  rec.contact({ type: "contact.updated", person: marcus, eventAt: tick(), shape });
  rec.contact({ type: "contact.deleted", person: second, eventAt: tick(), shape });
}

/** Messages with an image, a PDF, several attachments at once, and media without text. */
function buildMedia(ctx: Context): void {
  let clock = ctx.now - 30 * MINUTE;
  const tick = () => (clock += 2 * MINUTE);
  const person = (name: string) => namedCustomer(ctx.customers, name);
  const attach = (...keys: string[]) => ({ media: keys.map((key) => demoAttachment(ctx, key)) });

  chat(ctx, main, person("Marcus Webb"), dana).in("Here's the stain on the kitchen ceiling.", tick(), attach("ceiling-stain"));
  chat(ctx, service, person("Robert Nguyen"), dana).in("This is what the wind did to the roof.", tick(), attach("missing-shingles"));
  chat(ctx, sales, person("Priya Shah"), luis).out("Hi Priya, here's Quote #1042 for the shingle repair.", tick(), attach("quote-1042"));
  chat(ctx, service, ctx.customers.generic[0]!, dana).in(
    "Claim photos and the quote for the file, as discussed.",
    tick(),
    attach("missing-shingles", "gutter-overflow", "quote-1042"),
  );
  chat(ctx, main, person("Helen Park"), dana).in("", tick(), attach("gutter-overflow"));
}

/** Every demo call with its recording, summary and transcript, in order. */
function buildAi(ctx: Context): void {
  let clock = ctx.now - 90 * MINUTE;
  for (const [index, demo] of demoCalls.entries()) {
    const agent = agentByName(demo.agent);
    aiCall(ctx, {
      demo,
      person: namedCustomer(ctx.customers, demo.contact),
      line: demoCallLine(demo),
      agent,
      at: (clock += 15 * MINUTE),
      shape: "app",
      variant: index,
      answeredEvent: index % 2 === 1,
    });
  }
}

/**
 * A day at Bay Roofing over the ~10 hours before `now`: the demo calls with their texts and
 * photos, voicemails and callbacks, dozens of customers texting and calling, contact cards, and
 * the delivery quirks OpenPhone produces (late completions, transcripts first, sent after delivered).
 */
function buildFull(ctx: Context): void {
  const { rec, random } = ctx;
  const dayStart = ctx.now - 10 * HOUR;
  const latestStart = ctx.now - 25 * MINUTE;
  const at = (hours: number) => dayStart + hours * HOUR + random.int(0, 20) * MINUTE;
  const person = (name: string) => namedCustomer(ctx.customers, name);
  const attach = (...keys: string[]) => ({ media: keys.map((key) => demoAttachment(ctx, key)) });
  // One day and time per thread, so "Thursday at 1 PM" stays Thursday at 1 PM in the replies.
  const threadValues = (who: Person, agent: Agent) => ({ first: who.firstName, agent: agent.name, day: random.pick(DAYS), time: random.pick(TIMES) });
  const firstActivity = new Map<string, number>();
  const seen = (who: Person, time: number) => firstActivity.set(who.number, Math.min(firstActivity.get(who.number) ?? Infinity, time));

  rec.token({ eventAt: dayStart - 5 * MINUTE, shape: pickShape(ctx), note: "webhook created this morning" });

  // --- The demo calls and the texts around them.
  const marcus = person("Marcus Webb");
  const leakAt = at(1.2);
  seen(marcus, leakAt - MINUTE);
  const marcusChat = chat(ctx, main, marcus, dana);
  marcusChat.in("Here's the stain on the kitchen ceiling.", leakAt - MINUTE, attach("ceiling-stain"));
  aiCall(ctx, { demo: demoCall("leak-inspection"), person: marcus, line: main, agent: dana, at: leakAt, shape: "app", variant: 0 });
  marcusChat.out("Confirmed: roof leak inspection Thursday between 9 and 11 AM. Reply C to confirm.", leakAt + 6 * MINUTE, { sentArrivesLate: true });
  marcusChat.in("C", leakAt + 9 * MINUTE);

  const tom = person("Tom Alvarez");
  const crewAt = at(2.4);
  seen(tom, crewAt);
  aiCall(ctx, {
    demo: demoCall("late-crew-complaint"),
    person: tom,
    line: service,
    agent: dana,
    at: crewAt,
    shape: pickShape(ctx),
    variant: 1,
    answeredEvent: true,
    lateCompletion: true,
  });

  const priya = person("Priya Shah");
  const quoteAt = at(3.5);
  seen(priya, quoteAt);
  aiCall(ctx, { demo: demoCall("quote-accepted"), person: priya, line: sales, agent: luis, at: quoteAt, shape: "app", variant: 2 });
  const priyaChat = chat(ctx, sales, priya, luis);
  priyaChat.out("Hi Priya, here's Quote #1042 again. The deposit invoice is on its way by email.", quoteAt + 25 * MINUTE, attach("quote-1042"));
  priyaChat.in("Got it, thanks Luis!", quoteAt + 41 * MINUTE);

  const grace = person("Grace Kim");
  const scheduleAt = at(6);
  seen(grace, scheduleAt);
  aiCall(ctx, {
    demo: demoCall("schedule-change"),
    person: grace,
    line: main,
    agent: luis,
    at: scheduleAt,
    shape: pickShape(ctx),
    variant: 3,
    summaryFirst: true,
  });
  const graceChat = chat(ctx, main, grace, luis);
  graceChat.out(
    "Hi Grace, confirmed: your gutter replacement moved to Friday at 9 AM. The crew will call 30 minutes before arriving.",
    scheduleAt + 4 * MINUTE,
    { sentArrivesLate: true },
  );
  graceChat.in("Thank you!", scheduleAt + 7 * MINUTE);

  const robert = person("Robert Nguyen");
  const warrantyAt = at(8);
  seen(robert, warrantyAt - 3 * MINUTE);
  chat(ctx, service, robert, dana).in("Hi, this is what last week's wind did to the roof you replaced.", warrantyAt - 3 * MINUTE, attach("missing-shingles"));
  aiCall(ctx, {
    demo: demoCall("warranty-question"),
    person: robert,
    line: service,
    agent: dana,
    at: warrantyAt,
    shape: "app",
    variant: 4,
    lateCompletion: true,
    answeredEvent: true,
  });

  // --- Voicemails and what the team did about them.
  const helen = person("Helen Park");
  const helenAt = at(2);
  seen(helen, helenAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-gutter-overflow"), person: helen, line: main, agent: dana, at: helenAt, shape: "app", separateEvent: false });
  const helenChat = chat(ctx, main, helen, dana);
  helenChat.in("Here's a photo of the gutter I mentioned in my voicemail.", helenAt + 3 * MINUTE, attach("gutter-overflow"));
  helenChat.out("Thanks Helen! Dana here, I'll call you back this afternoon about the cleaning and estimate.", helenAt + 12 * MINUTE);

  const dave = person("Dave Ortiz");
  const daveAt = at(5);
  seen(dave, daveAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-quote-questions"), person: dave, line: sales, agent: luis, at: daveAt, shape: pickShape(ctx), separateEvent: true });
  const daveChat = chat(ctx, sales, dave, luis);
  daveChat.out("Hi Dave, got your voicemail about the skylight flashing. Free for a call at 3 today?", daveAt + 20 * MINUTE);
  daveChat.in("3 works.", daveAt + 31 * MINUTE);

  const linda = person("Linda Carter");
  const lindaAt = at(7.5);
  seen(linda, lindaAt);
  voicemailCall(ctx, { voicemail: demoVoicemail("vm-storm-damage"), person: linda, line: service, agent: dana, at: lindaAt, shape: "app", separateEvent: true });
  answeredCall(ctx, { person: linda, line: service, agent: dana, direction: "outgoing", seconds: 184, answeredEvent: false, at: lindaAt + 9 * MINUTE, shape: "app" });
  chat(ctx, service, linda, dana).out("Hi Linda, the crew will be there within the hour to tarp the hole near the ridge.", lindaAt + 16 * MINUTE);

  // --- Everyone else: texts, calls of every outcome, an adjuster's claim photos.
  const generic = random.shuffle(ctx.customers.generic);
  let nextCustomer = 0;
  const customer = () => generic[nextCustomer++ % generic.length]!;
  const lineAndAgent = (): [WorkspaceLine, Agent] => {
    const r = random.next();
    if (r < 0.6) return [main, random.chance(0.5) ? dana : luis];
    return r < 0.85 ? [sales, luis] : [service, dana];
  };
  const startTime = () => dayStart + random.int(0, Math.floor((latestStart - dayStart) / MINUTE)) * MINUTE + random.int(0, 59) * SECOND;

  const adjuster = customer();
  const claimAt = at(4.3);
  seen(adjuster, claimAt);
  const claimChat = chat(ctx, service, adjuster, dana);
  claimChat.in("Claim photos for 14 Birch Ct and the quote for the file, as discussed.", claimAt, attach("missing-shingles", "gutter-overflow", "quote-1042"));
  claimChat.out("Received all three, thank you. We'll send the inspection report by Friday.", claimAt + 14 * MINUTE);

  const threads = random.shuffle(TEXT_THREADS).slice(0, 14);
  for (const thread of [...threads, ...random.shuffle(TEXT_THREADS).slice(0, 4)]) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const conversation = chat(ctx, line, who, agent, pickShape(ctx));
    const values = threadValues(who, agent);
    let time = startTime();
    seen(who, time);
    for (const [direction, template] of thread.lines) {
      if (time > ctx.now - 2 * MINUTE) break;
      if (direction === "in") conversation.in(fillTemplate(template, values), time);
      else {
        const progress = random.chance(0.35) ? "delivered" : "sent+delivered";
        conversation.out(fillTemplate(template, values), time, { progress, sentArrivesLate: random.chance(0.3) });
      }
      time += (direction === "in" ? random.int(1, 8) : random.int(2, 30)) * MINUTE + random.int(0, 59) * SECOND;
    }
  }
  for (const [index, template] of UNDELIVERABLE_TEXTS.entries()) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    chat(ctx, sales, who, luis, pickShape(ctx)).out(fillTemplate(template, threadValues(who, luis)), time, { progress: index === 0 ? "failed" : "undelivered" });
  }

  for (let i = 0; i < 5; i++) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    const direction = random.chance(0.6) ? "incoming" : "outgoing";
    answeredCall(ctx, { person: who, line, agent, direction, seconds: random.int(35, 420), answeredEvent: random.chance(0.4), at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 5; i++) {
    const who = customer();
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    missedCall(ctx, { person: who, line, agent, direction: "incoming", missedEvent: i % 2 === 1, lateRinging: i === 2, at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 2; i++) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    missedCall(ctx, { person: who, line: sales, agent: luis, direction: "outgoing", missedEvent: false, lateRinging: false, at: time, shape: pickShape(ctx) });
  }
  for (let i = 0; i < 3; i++) {
    const who = customer();
    const time = startTime();
    seen(who, time);
    forwardedCall(ctx, { person: who, line: main, agent: dana, at: time, shape: pickShape(ctx) });
  }
  // A few regulars call back after texting earlier.
  for (let i = 0; i < 3; i++) {
    const who = generic[i]!;
    const [line, agent] = lineAndAgent();
    const time = startTime();
    seen(who, time);
    answeredCall(ctx, { person: who, line, agent, direction: "incoming", seconds: random.int(30, 200), answeredEvent: false, at: time, shape: pickShape(ctx) });
  }

  // --- Contact cards: most customers are in the address book; the card syncs before or after they get in touch.
  for (const who of [...ctx.customers.named.values(), ...generic]) {
    const first = firstActivity.get(who.number);
    if (first === undefined || !random.chance(0.8)) continue;
    const before = random.chance(0.4);
    const eventAt = before ? Math.max(dayStart - 30 * MINUTE, first - random.int(5, 90) * MINUTE) : Math.min(ctx.now - MINUTE, first + random.int(2, 60) * MINUTE);
    rec.contact({ type: "contact.updated", person: who, eventAt, shape: pickShape(ctx), ...(before ? {} : { note: "after their first message or call" }) });
  }
}

/** The deliveries grouped by type, e.g. for a summary line. */
export function countByType(deliveries: readonly Delivery[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const d of deliveries) counts[d.type] = (counts[d.type] ?? 0) + 1;
  return counts;
}
