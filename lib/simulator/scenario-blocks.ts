import { BAY_ROOFING, type Agent, type Customers, type Person, type WorkspaceLine } from "./cast";
import { demoCalls, demoDocuments, demoImages, demoVoicemails, type DemoCallAudio, type DemoVoicemail } from "./demo-media";
import type { DialogueInput, MediaInput, PayloadShape } from "./payloads";
import { SeededRandom } from "./random";
import { ScenarioRecorder } from "./scenario-recorder";

/**
 * The building blocks every scenario mode is made of: one text or call of each kind, with the
 * webhooks OpenPhone sends for it, recorded into a ScenarioRecorder. Pure and seeded.
 */

export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;

export type ScenarioContext = {
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

const { main, sales, service } = BAY_ROOFING.lines;

/** Mostly app webhooks, some API (v4) and some 2026-03-30 ones, as a workspace with several webhooks gets. */
export function pickShape(ctx: ScenarioContext): PayloadShape {
  if (!ctx.mixedShapes) return "app";
  const r = ctx.shapes.next();
  return r < 0.7 ? "app" : r < 0.85 ? "api" : "new";
}

/** A demo photo or PDF as an MMS attachment, served by the app itself. */
export function demoAttachment(ctx: ScenarioContext, key: string): MediaInput {
  const file = [...demoImages, ...demoDocuments].find((m) => m.key === key);
  if (!file) throw new Error(`No demo image or document ${key}`);
  return { url: ctx.media(file.path), type: file.contentType, size: file.size };
}

export function demoCall(key: string): DemoCallAudio {
  const found = demoCalls.find((c) => c.key === key);
  if (!found) throw new Error(`No demo call ${key}`);
  return found;
}

export function demoVoicemail(key: string): DemoVoicemail {
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
function textMessage(ctx: ScenarioContext, spec: TextSpec): string {
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
export function chat(ctx: ScenarioContext, line: WorkspaceLine, person: Person, agent: Agent, shape: PayloadShape = "app") {
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

export function demoCallLine(demo: DemoCallAudio): WorkspaceLine {
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
export function aiCall(ctx: ScenarioContext, spec: AiCallSpec): string {
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
export function answeredCall(ctx: ScenarioContext, spec: PlainCallSpec & { direction: "incoming" | "outgoing"; seconds: number; answeredEvent: boolean }): string {
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
export function missedCall(ctx: ScenarioContext, spec: PlainCallSpec & { direction: "incoming" | "outgoing"; missedEvent: boolean; lateRinging: boolean }): string {
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
export function forwardedCall(ctx: ScenarioContext, spec: PlainCallSpec): string {
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
export function voicemailCall(ctx: ScenarioContext, spec: PlainCallSpec & { voicemail: DemoVoicemail; separateEvent: boolean }): string {
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
