import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { signLegacy, signStandard } from "@/lib/openphone/signature";
import {
  callEvent,
  contactEvent,
  messageEvent,
  recordingEvent,
  summaryEvent,
  tokenValidatedEvent,
  transcriptEvent,
  voicemailEvent,
  type JsonObject,
  type PayloadShape,
} from "@/lib/simulator/payloads";
import { FIXTURES_DIR } from "../helpers/ingest";

/**
 * The fuzzer's deliveries: fast-check generates a plain description of each case (`CaseSpec`), and
 * `buildDelivery` turns it into the exact bytes and headers, deterministically, so a seed replays
 * a run. Valid events come from the simulator's builders and the recorded fixtures; mutations and
 * signature faults are applied on top.
 */

export const FAMILIES = ["message", "call", "recording", "voicemail", "summary", "transcript", "contact", "token", "fixture"] as const;
export const MUTATIONS = [
  "none",
  "remove-field",
  "wrong-type",
  "huge-string",
  "unicode",
  "deep-nesting",
  "truncated",
  "invalid-utf8",
  "wrong-event-type",
  "junk",
  "oversize",
] as const;
/** Signatures a receiver must accept. */
export const GOOD_SIGNATURES = ["legacy", "legacy-seconds", "standard", "legacy-rotation", "standard-rotation"] as const;
/** Signatures a receiver must refuse, storing nothing. */
export const BAD_SIGNATURES = [
  "missing",
  "garbage",
  "wrong-secret",
  "stale",
  "future",
  "other-body",
  "tampered",
  "duplicated-bad",
  "standard-missing-id",
  "standard-wrong-id",
  "standard-stale",
  "empty-digest",
] as const;

export type Family = (typeof FAMILIES)[number];
export type Mutation = (typeof MUTATIONS)[number];
export type SignatureKind = (typeof GOOD_SIGNATURES)[number] | (typeof BAD_SIGNATURES)[number];

export type CaseSpec = {
  family: Family;
  shape: PayloadShape;
  variant: number;
  mutation: Mutation;
  /** Picks the field a mutation hits, and the values it uses. */
  pick: number;
  text: string;
  signature: SignatureKind;
  /** How many times the same delivery is sent (OpenPhone may deliver twice, concurrently). */
  copies: number;
};

const UNICODE_EDGES = ["\u0000", "\uD800", "\uDFFF", "\uFEFF", "\u202E", "\u200B", "👨‍👩‍👧‍👦", "é", "\u0301", "𝕏", "\uFFFF", "\r\n", "\\", '"', "<script>"];

export const caseSpecArbitrary: fc.Arbitrary<CaseSpec> = fc.record({
  family: fc.constantFrom(...FAMILIES),
  shape: fc.constantFrom<PayloadShape>("app", "api", "new"),
  variant: fc.nat({ max: 1000 }),
  mutation: fc.oneof(
    { weight: 4, arbitrary: fc.constant<Mutation>("none") },
    { weight: 6, arbitrary: fc.constantFrom(...MUTATIONS.filter((m) => m !== "none")) },
  ),
  pick: fc.nat(),
  text: fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }), fc.constantFrom(...UNICODE_EDGES)),
  signature: fc.oneof({ weight: 7, arbitrary: fc.constantFrom(...GOOD_SIGNATURES) }, { weight: 3, arbitrary: fc.constantFrom(...BAD_SIGNATURES) }),
  copies: fc.oneof({ weight: 8, arbitrary: fc.constant(1) }, { weight: 2, arbitrary: fc.integer({ min: 2, max: 3 }) }),
});

export type Delivery = {
  spec: CaseSpec;
  body: Buffer;
  /** Headers per copy (each copy is signed at its own moment, as a redelivery would be). */
  headers: (nowMs: number) => Record<string, string>;
  /** The receiver must accept it (2xx) rather than refuse the signature (401). */
  signedWell: boolean;
  tooLarge: boolean;
  /** The OpenPhone ids this case put into its payload: nothing may be projected for them when it is stored as invalid. */
  resourceIds: string[];
  eventId: string;
};

const FIXTURES = [path.join(FIXTURES_DIR, "events"), path.join(FIXTURES_DIR, "events-2026")].flatMap((dir) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as JsonObject),
);

/** A valid event of the spec's family and shape, with ids unique to this case. */
export function validEvent(spec: Pick<CaseSpec, "family" | "shape" | "variant" | "text">, tag: string): { event: JsonObject; resourceIds: string[] } {
  const eventId = `EV${tag}`;
  const callId = `AC${tag}c`;
  const at = new Date(Date.UTC(2026, 10, 1) + spec.variant * 60_000);
  const shape = spec.shape;
  const participant = `+1415555${String(spec.variant % 10_000).padStart(4, "0")}`;
  const base = { eventId, shape, eventCreatedAt: at };
  switch (spec.family) {
    case "message": {
      const direction = spec.variant % 2 ? "incoming" : "outgoing";
      const types = direction === "incoming" ? ["message.received"] : ["message.delivered", "message.sent", "message.failed", "message.undelivered"];
      const type = types[spec.variant % types.length]!;
      const media = spec.variant % 3 === 0 ? [{ url: `https://media.example.test/${tag}.jpg`, type: "image/jpeg" }] : undefined;
      return {
        event: messageEvent({ ...base, type, id: `AC${tag}m`, direction, participant, text: spec.text, createdAt: at, media, errorCode: type.endsWith("failed") ? "30007" : undefined }),
        resourceIds: [`AC${tag}m`],
      };
    }
    case "call": {
      const types = ["call.ringing", "call.completed", "call.answered", "call.missed", "call.forwarded"];
      const type = types[spec.variant % types.length]!;
      const answered = spec.variant % 3 !== 0;
      return {
        event: callEvent({
          ...base,
          type,
          id: callId,
          direction: spec.variant % 2 ? "incoming" : "outgoing",
          participant,
          createdAt: at,
          answeredAt: answered ? new Date(at.getTime() + 5_000) : null,
          completedAt: type === "call.completed" ? new Date(at.getTime() + 65_000) : null,
          voicemail: !answered && type === "call.completed" ? { url: `https://media.example.test/${tag}-vm.mp3`, type: "audio/mpeg", duration: 12 } : null,
        }),
        resourceIds: [callId],
      };
    }
    case "recording":
      return { event: recordingEvent({ ...base, callId, recordingId: `CR${tag}`, url: `https://media.example.test/${tag}.mp3`, duration: 30, size: 4096 }), resourceIds: [callId] };
    case "voicemail":
      return { event: voicemailEvent({ ...base, callId, url: `https://media.example.test/${tag}-vm.mp3`, duration: 9, transcript: spec.text }), resourceIds: [callId] };
    case "summary":
      return {
        event: summaryEvent({ ...base, callId, summary: [spec.text, "Customer asked for a quote"], nextSteps: ["Call back"], type: spec.variant % 4 === 1 ? "call_summary.created" : undefined }),
        resourceIds: [callId],
      };
    case "transcript":
      return {
        event: transcriptEvent({
          ...base,
          callId,
          duration: 42,
          createdAt: at,
          dialogue: [
            { content: spec.text, start: 0.5, end: 3.25, identifier: participant, userId: null },
            { content: "Thanks for calling", start: 3.5, end: 5, identifier: "+16505550100", userId: "USagent01" },
          ],
        }),
        resourceIds: [callId],
      };
    case "contact":
      return {
        event: contactEvent({ ...base, id: `CT${tag}`, firstName: spec.text, lastName: "Fuzz", phone: participant, type: spec.variant % 5 === 0 ? "contact.deleted" : "contact.updated" }),
        resourceIds: [`CT${tag}`],
      };
    case "token":
      return { event: tokenValidatedEvent(base), resourceIds: [] };
    case "fixture": {
      const event = structuredClone(FIXTURES[spec.variant % FIXTURES.length]!);
      // Fresh ids, so every case is a new event (a fixture without an id keeps its digest id).
      if (typeof event.id === "string") event.id = eventId;
      const data = event.data as { object?: JsonObject; resource?: JsonObject } | undefined;
      const resource = data?.object ?? data?.resource;
      if (resource && typeof resource.id === "string") resource.id = `${String(resource.id).slice(0, 2)}${tag}r`;
      return { event, resourceIds: resource && typeof resource.id === "string" ? [resource.id] : [] };
    }
    default: {
      const unhandled: never = spec.family;
      return unhandled;
    }
  }
}

type Leaf = { parent: JsonObject | unknown[]; key: string | number; value: unknown };

/** Every field inside the payload, depth-first, with its parent, for mutations to pick from. */
function fields(value: unknown, out: Leaf[] = []): Leaf[] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push({ parent: value, key: i, value: v }), fields(v, out)));
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) {
      out.push({ parent: value as JsonObject, key: k, value: v });
      fields(v, out);
    }
  return out;
}

function setField(leaf: Leaf, value: unknown): void {
  (leaf.parent as Record<string | number, unknown>)[leaf.key] = value;
}

function deeplyNested(depth: number, pick: number): unknown {
  let value: unknown = "bottom";
  for (let i = 0; i < depth; i++) value = (pick + i) % 2 ? [value] : { n: value };
  return value;
}

const WRONG_VALUES: unknown[] = [null, 0, -1, 1e308, true, [], {}, "", "not-a-date", [null], { id: 1 }, "2026-13-45T99:99:99Z", 12345678901234567890];

/** The bytes to send: the valid event, possibly mutated. */
function mutatedBody(spec: CaseSpec, event: JsonObject, maxBodyBytes: number): Buffer {
  const all = fields(event);
  const target = all.length ? all[spec.pick % all.length]! : undefined;
  switch (spec.mutation) {
    case "none":
      break;
    case "remove-field":
      if (target) {
        if (Array.isArray(target.parent)) target.parent.splice(Number(target.key), 1);
        else delete target.parent[target.key as string];
      }
      break;
    case "wrong-type":
      if (target) setField(target, WRONG_VALUES[spec.pick % WRONG_VALUES.length]);
      break;
    case "huge-string": {
      const strings = all.filter((l) => typeof l.value === "string");
      const leaf = strings[spec.pick % Math.max(1, strings.length)];
      const size = Math.floor(maxBodyBytes / 4) + (spec.pick % Math.floor(maxBodyBytes / 2));
      if (leaf) setField(leaf, (spec.text || "x").repeat(Math.ceil(size / Math.max(1, spec.text.length || 1))).slice(0, size));
      break;
    }
    case "unicode":
      for (const leaf of all.filter((l) => typeof l.value === "string")) {
        if ((spec.pick + String(leaf.key).length) % 3 === 0) setField(leaf, `${UNICODE_EDGES[spec.pick % UNICODE_EDGES.length]}${leaf.value as string}${spec.text}`);
      }
      break;
    case "deep-nesting":
      if (target) setField(target, deeplyNested(500 + (spec.pick % 3000), spec.pick));
      break;
    case "wrong-event-type":
      event.type = [spec.text, "message.exploded", "", "CALL.COMPLETED", 42, null, "__proto__", "call.completed "][spec.pick % 8];
      break;
    case "truncated": {
      const json = Buffer.from(JSON.stringify(event));
      return json.subarray(0, spec.pick % Math.max(1, json.length));
    }
    case "invalid-utf8": {
      const json = Buffer.from(JSON.stringify(event));
      const at = spec.pick % Math.max(1, json.length);
      const bad = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xe2, 0x82])][spec.pick % 5]!;
      return Buffer.concat([json.subarray(0, at), bad, json.subarray(at)]);
    }
    case "junk":
      return Buffer.from(`${spec.text}${["", "{", "[]", "null", '{"id":', "\u0000", "true", "{}"][spec.pick % 8]}`);
    case "oversize":
      return Buffer.concat([Buffer.from(JSON.stringify(event)), Buffer.alloc(maxBodyBytes + 1 + (spec.pick % 1000), 0x20)]);
    default: {
      const unhandled: never = spec.mutation;
      return unhandled;
    }
  }
  return Buffer.from(JSON.stringify(event));
}

export function isGoodSignature(kind: SignatureKind): boolean {
  return (GOOD_SIGNATURES as readonly string[]).includes(kind);
}

function signatureHeaders(kind: SignatureKind, body: Buffer, secret: string, otherSecret: string, nowMs: number, tag: string): Record<string, string> {
  const legacy = (ms: number, rawBody: Buffer | string = body, key = secret) => signLegacy({ secret: key, rawBody, timestampMs: ms });
  const standard = (seconds: number, id = `msg_${tag}`, rawBody: Buffer | string = body) => signStandard({ secret, rawBody, id, timestampSeconds: seconds });
  const nowSeconds = Math.floor(nowMs / 1000);
  switch (kind) {
    case "legacy":
      return { "openphone-signature": legacy(nowMs) };
    case "legacy-seconds":
      return { "openphone-signature": legacy(nowSeconds) };
    case "standard":
      return standard(nowSeconds);
    case "legacy-rotation":
      return { "openphone-signature": `${legacy(nowMs, body, otherSecret)},${legacy(nowMs)}` };
    case "standard-rotation": {
      const good = standard(nowSeconds);
      const other = signStandard({ secret: otherSecret, rawBody: body, id: good["webhook-id"], timestampSeconds: nowSeconds });
      return { ...good, "webhook-signature": `${other["webhook-signature"]} ${good["webhook-signature"]}` };
    }
    case "missing":
      return {};
    case "garbage":
      return { "openphone-signature": `hmac;1;${nowMs};${Buffer.from(tag).toString("base64")}` };
    case "wrong-secret":
      return { "openphone-signature": legacy(nowMs, body, otherSecret) };
    case "stale":
      return { "openphone-signature": legacy(nowMs - 10 * 60_000) };
    case "future":
      return { "openphone-signature": legacy(nowMs + 10 * 60_000) };
    case "other-body":
      return { "openphone-signature": legacy(nowMs, Buffer.concat([body, Buffer.from(" ")])) };
    case "tampered": {
      // Signed before one byte changed in transit.
      const original = Buffer.from(body.length ? body : " ");
      if (body.length) original[original.length - 1] = original[original.length - 1] === 0x7d ? 0x20 : 0x7d;
      return { "openphone-signature": legacy(nowMs, original) };
    }
    case "duplicated-bad":
      return { "openphone-signature": `${legacy(nowMs, body, otherSecret)},${legacy(nowMs - 10 * 60_000)}` };
    case "standard-missing-id": {
      const { "webhook-id": _id, ...rest } = standard(nowSeconds);
      return rest;
    }
    case "standard-wrong-id":
      return { ...standard(nowSeconds), "webhook-id": `msg_other_${tag}` };
    case "standard-stale":
      return standard(nowSeconds - 600);
    case "empty-digest":
      return { "openphone-signature": `hmac;1;${nowMs};` };
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

/** The exact delivery of one generated case. `tag` makes its ids unique in the run. */
export function buildDelivery(spec: CaseSpec, tag: string, options: { secret: string; otherSecret: string; maxBodyBytes: number }): Delivery {
  const { event, resourceIds } = validEvent(spec, tag);
  const body = mutatedBody(spec, event, options.maxBodyBytes);
  const signedWell = isGoodSignature(spec.signature);
  return {
    spec,
    body,
    signedWell,
    tooLarge: body.length > options.maxBodyBytes,
    resourceIds,
    eventId: typeof event.id === "string" ? event.id : "",
    headers: (nowMs) => ({
      "content-type": "application/json",
      ...signatureHeaders(spec.signature, body, options.secret, options.otherSecret, nowMs, tag),
    }),
  };
}
