import { afterEach, describe, expect, it, vi } from "vitest";
import { KNOWN_EVENT_TYPES, normalizeEvent } from "@/lib/openphone/events";
import type { NormalizedCall, NormalizedEvent, NormalizeResult } from "@/lib/openphone/normalized";
import { verifyWebhookSignature } from "@/lib/openphone/signature";
import { ALL_LINES, BAY_ROOFING } from "@/lib/simulator/cast";
import { demoCalls, demoDocuments, demoImages, demoVoicemails } from "@/lib/simulator/demo-media";
import type { PayloadShape } from "@/lib/simulator/payloads";
import type { Delivery } from "@/lib/simulator/scenario-recorder";
import { SCENARIO_MODES, buildScenario, scenarioNow, type ScenarioMode, type ScenarioOptions } from "@/lib/simulator/scenarios";
import { sendDeliveries } from "@/lib/simulator/send";

const SECRET = Buffer.from("simulator-unit-test-signing-key!").toString("base64");
const NOW = new Date("2026-06-01T18:00:00.000Z");
const BASE = "http://inbox.test:3000";
const options = (extra: Partial<ScenarioOptions> = {}): ScenarioOptions => ({ now: NOW, mediaBaseUrl: BASE, ...extra });

type Parsed = { delivery: Delivery; json: Record<string, unknown>; result: Extract<NormalizeResult, { ok: true }> };

function parse(deliveries: readonly Delivery[]): Parsed[] {
  return deliveries.map((delivery) => {
    const result = normalizeEvent(delivery.body);
    if (!result.ok) throw new Error(`${delivery.label}: ${JSON.stringify(result)}`);
    return { delivery, json: JSON.parse(delivery.body) as Record<string, unknown>, result };
  });
}

const eventsOf = (parsed: Parsed[]): NormalizedEvent[] => parsed.map((p) => p.result.event);
const callsOf = (parsed: Parsed[]): NormalizedCall[] =>
  eventsOf(parsed).flatMap((e) => (e.kind === "call" ? [e.call] : (e.kind === "call.recording" || e.kind === "call.voicemail") && e.call ? [e.call] : []));

/** Captures what the sender would put on the wire, without a network. */
async function wire(deliveries: readonly Delivery[], nowMs: number) {
  const captured: { headers: Record<string, string>; body: string }[] = [];
  const fakeFetch = (async (_url: string | URL | Request, init?: RequestInit) => {
    captured.push({ headers: init?.headers as Record<string, string>, body: String(init?.body) });
    return Response.json({ ok: true, status: "processed" });
  }) as typeof fetch;
  await sendDeliveries(deliveries, { url: `${BASE}/api/webhooks/openphone`, secret: SECRET, fetch: fakeFetch, clock: () => nowMs, concurrency: 4 });
  return captured;
}

const SHAPES: (PayloadShape | undefined)[] = [undefined, "app", "api", "new"];

describe.each(SCENARIO_MODES.flatMap((mode) => SHAPES.map((shape) => [mode, shape] as const)))("%s scenario, shape %s", (mode, shape) => {
  const scenario = buildScenario(mode, options({ shape }));

  it("every delivery is an event our normaliser accepts (never invalid, never an unknown type)", () => {
    expect(scenario.deliveries.length).toBeGreaterThan(0);
    for (const delivery of scenario.deliveries) {
      const result = normalizeEvent(delivery.body);
      expect(result.ok ? "ok" : `${result.reason} ${"error" in result ? result.error : ""}`, delivery.label).toBe("ok");
      if (result.ok) {
        expect(result.envelope.eventId).toBe(delivery.eventId);
        expect(result.envelope.type).toBe(delivery.type);
      }
    }
  });

  it("every delivery as sent verifies with our own signature check and the secret", async () => {
    const nowMs = Date.UTC(2026, 5, 1, 18, 30);
    const sent = await wire(scenario.deliveries, nowMs);
    expect(sent).toHaveLength(scenario.deliveries.length);
    for (const [index, { headers, body }] of sent.entries()) {
      const delivery = scenario.deliveries[index]!;
      expect(body).toBe(delivery.body);
      const verdict = verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: body, nowMs });
      expect(verdict, delivery.label).toMatchObject({ ok: true, scheme: delivery.style });
      // And with another secret it must not.
      expect(verifyWebhookSignature({ secrets: [Buffer.from("another key").toString("base64")], headers, rawBody: body, nowMs }).ok).toBe(false);
    }
  });

  it("signs the 2026-03-30 shape with Standard Webhooks and the others with openphone-signature", () => {
    for (const delivery of scenario.deliveries) {
      const envelope = JSON.parse(delivery.body) as { apiVersion: string };
      if (delivery.shape === "new") expect([envelope.apiVersion, delivery.style]).toEqual(["2026-03-30", "standard"]);
      else expect([envelope.apiVersion, delivery.style]).toEqual([delivery.shape === "api" ? "v4" : "v3", "legacy"]);
      if (shape) expect(delivery.shape).toBe(shape);
    }
  });

  it("has no timestamp after `now`", () => {
    for (const { json, result } of parse(scenario.deliveries)) {
      expect(result.envelope.occurredAt.getTime(), String(json.type)).toBeLessThanOrEqual(NOW.getTime());
    }
  });
});

describe("all", () => {
  const scenario = buildScenario("all", options());

  it("covers every event type the normaliser knows, once each (the recording in both shapes)", () => {
    const types = scenario.deliveries.map((d) => d.type);
    expect(new Set(types)).toEqual(new Set(KNOWN_EVENT_TYPES));
    expect(types.filter((t) => t !== "call.recording.completed").length).toBe(KNOWN_EVENT_TYPES.length - 1);
    const recordings = parse(scenario.deliveries).filter((p) => p.delivery.type === "call.recording.completed");
    const payloads = recordings.map((r) => (r.json.data as { object: Record<string, unknown> }).object);
    expect(payloads.some((o) => o.object === "call" && Array.isArray(o.media) && o.media.length === 1)).toBe(true);
    expect(payloads.some((o) => typeof o.callId === "string" && String(o.id).startsWith("CR"))).toBe(true);
  });

  it("sends no redeliveries unless asked", () => {
    expect(scenario.expected.duplicates).toBe(0);
    expect(buildScenario("all", options({ duplicates: 1 })).expected.duplicates).toBe(scenario.deliveries.length);
  });
});

describe("media", () => {
  const parsed = parse(buildScenario("media", options()).deliveries);
  const media = eventsOf(parsed).flatMap((e) => (e.kind === "message" ? [e.message.media] : []));

  it("sends an image, a PDF and a multi-attachment message whose URLs are the app's own demo files", () => {
    const all = media.flat();
    expect(all.some((m) => m.contentType === "image/jpeg")).toBe(true);
    expect(all.some((m) => m.contentType === "application/pdf")).toBe(true);
    expect(media.some((list) => list.length >= 3 && list.some((m) => m.contentType === "application/pdf"))).toBe(true);
    const known = new Set([...demoImages, ...demoDocuments].map((m) => `${BASE}${m.path}`));
    for (const m of all) {
      expect(known.has(m.url), m.url).toBe(true);
      expect(m.url).toMatch(/^http:\/\/inbox\.test:3000\/demo\/(images|docs)\//);
    }
  });

  it("puts media under a path prefix when the app lives under one", () => {
    const prefixed = parse(buildScenario("media", options({ mediaBaseUrl: "https://example.test/inbox/" })).deliveries);
    const urls = eventsOf(prefixed).flatMap((e) => (e.kind === "message" ? e.message.media.map((m) => m.url) : []));
    expect(urls.every((u) => u.startsWith("https://example.test/inbox/demo/"))).toBe(true);
  });
});

describe("ai", () => {
  const parsed = parse(buildScenario("ai", options()).deliveries);
  const events = eventsOf(parsed);
  const calls = new Map(callsOf(parsed).map((c) => [c.id, c]));
  const recordingUrl = new Map<string, string>();
  for (const e of events) {
    if (e.kind === "call.recording") recordingUrl.set(e.callId, e.recordings[0]!.url);
  }

  it("sends every demo call with a recording, a summary and a transcript", () => {
    expect(recordingUrl.size).toBe(demoCalls.length);
    expect([...recordingUrl.values()].sort()).toEqual(demoCalls.map((d) => `${BASE}${d.path}`).sort());
    const summaries = events.flatMap((e) => (e.kind === "call.summary" ? [e.summary] : []));
    expect(summaries).toHaveLength(demoCalls.length);
    for (const summary of summaries) {
      const demo = demoCalls.find((d) => `${BASE}${d.path}` === recordingUrl.get(summary.callId))!;
      expect(summary).toMatchObject({ summary: demo.summary, nextSteps: demo.nextSteps, sentiment: demo.sentiment, status: "completed" });
    }
  });

  it("transcript segments are exactly the demo audio's, with the agent's number and US… id, and the customer's number and null", () => {
    const transcripts = events.flatMap((e) => (e.kind === "call.transcript" ? [e.transcript] : []));
    expect(transcripts).toHaveLength(demoCalls.length);
    const lineNumbers = new Set(ALL_LINES.map((l) => l.number));
    for (const transcript of transcripts) {
      const demo = demoCalls.find((d) => `${BASE}${d.path}` === recordingUrl.get(transcript.callId))!;
      const call = calls.get(transcript.callId)!;
      expect(transcript.dialogue.map(({ start, end, content }) => ({ start, end, content }))).toEqual(
        demo.segments.map(({ start, end, content }) => ({ start, end, content })),
      );
      expect(new Set(transcript.dialogue.map((s) => s.identifier)).size).toBeGreaterThanOrEqual(2);
      for (const [i, segment] of transcript.dialogue.entries()) {
        if (demo.segments[i]!.speaker === "agent") {
          expect(lineNumbers.has(segment.identifier!)).toBe(true);
          expect(segment.identifier).toBe(call.workspaceNumber);
          expect(segment.userId).toMatch(/^US/);
          expect(segment.userId).toBe(demo.agent === "Dana" ? BAY_ROOFING.agents.dana.userId : BAY_ROOFING.agents.luis.userId);
        } else {
          expect(segment.identifier).toBe(call.participant);
          expect(segment.userId).toBeNull();
        }
      }
      expect(transcript.duration).toBe(demo.duration);
      // The call lasts as long as its recording.
      expect(call.duration).toBe(Math.ceil(demo.duration));
    }
  });
});

describe("full", () => {
  const scenario = buildScenario("full", options());
  const parsed = parse(scenario.deliveries);
  const events = eventsOf(parsed);

  it("is deterministic: the same seed gives identical bodies in the same order", () => {
    const again = buildScenario("full", options());
    expect(again.deliveries).toEqual(scenario.deliveries);
    expect(again.expected).toEqual(scenario.expected);
  });

  describe("never reads the clock", () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it.each(SCENARIO_MODES)("%s: the same bodies whatever the wall clock says", (mode) => {
      vi.useFakeTimers({ now: new Date("2030-01-01T00:00:00Z") });
      const first = buildScenario(mode, options()).deliveries;
      vi.setSystemTime(new Date("2031-07-04T12:34:56Z"));
      expect(buildScenario(mode, options()).deliveries).toEqual(first);
    });
  });

  it("keeps the same event and resource ids at another time, in another shape and in shuffled order", () => {
    const ids = (s: { deliveries: Delivery[] }) => s.deliveries.map((d) => d.eventId).sort();
    const later = buildScenario("full", options({ now: new Date(NOW.getTime() + 7 * 3_600_000) }));
    expect(ids(later)).toEqual(ids(scenario));
    const resourceIds = (s: { deliveries: Delivery[] }) => parse(s.deliveries).map((p) => p.result.envelope.resourceId).sort();
    expect(resourceIds(later)).toEqual(resourceIds(scenario));
    // The 2026-03-30 shape adds only the voicemails other shapes carry on their call.completed.
    const inNewShape = buildScenario("full", options({ shape: "new" }));
    const added = inNewShape.deliveries.filter((d) => !ids(scenario).includes(d.eventId));
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(added.map((d) => d.type))).toEqual(new Set(["call.voicemail.completed"]));
    expect(new Set(ids(inNewShape))).toEqual(new Set([...ids(scenario), ...added.map((d) => d.eventId)]));
    const shuffled = buildScenario("full", options({ shuffle: true }));
    expect(ids(shuffled)).toEqual(ids(scenario));
    expect(shuffled.deliveries.map((d) => d.eventId)).not.toEqual(scenario.deliveries.map((d) => d.eventId));
  });

  it("another seed gives other ids", () => {
    const other = new Set(buildScenario("full", options({ seed: "another-day" })).deliveries.map((d) => d.eventId));
    expect(scenario.deliveries.some((d) => other.has(d.eventId))).toBe(false);
  });

  it("uses OpenPhone's id conventions, no clock-derived ids", () => {
    for (const { result } of parsed) expect(result.envelope.eventId).toMatch(/^EV[0-9a-f]{32}$/);
    for (const e of events) {
      if (e.kind === "message") expect(e.message.id).toMatch(/^AC[0-9a-f]{32}$/);
      if (e.kind === "call") {
        expect(e.call.id).toMatch(/^AC[0-9a-f]{32}$/);
        expect(e.call.phoneNumberId).toMatch(/^PN/);
      }
      if (e.kind === "contact.updated") expect(e.contact.id).toMatch(/^[0-9a-f]{24}$/);
    }
  });

  it("is a day's worth of deliveries over the ~10 hours before now", () => {
    expect(scenario.deliveries.length).toBeGreaterThanOrEqual(150);
    expect(scenario.deliveries.length).toBeLessThanOrEqual(300);
    const times = parsed.map((p) => p.result.envelope.occurredAt.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(NOW.getTime() - 11 * 3_600_000);
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(8 * 3_600_000);
  });

  it("has a small team's cast: 3 workspace numbers, Dana and Luis, dozens of customers", () => {
    expect(scenario.expected.phoneNumbers).toBe(3);
    expect(scenario.expected.contacts).toBeGreaterThanOrEqual(24);
    const users = new Set(events.flatMap((e) => (e.kind === "message" ? [e.message.userId] : e.kind === "call" ? [e.call.userId] : [])));
    expect([...users].filter(Boolean).sort()).toEqual([BAY_ROOFING.agents.dana.userId, BAY_ROOFING.agents.luis.userId].sort());
    for (const e of events) {
      if (e.kind === "message") expect(e.message.participant).toMatch(/^\+1\d{3}55501\d\d$/);
    }
  });

  it("mixes the three shapes, mostly app", () => {
    const shapes = scenario.deliveries.map((d) => d.shape);
    const share = (s: PayloadShape) => shapes.filter((x) => x === s).length / shapes.length;
    expect(share("app")).toBeGreaterThan(0.5);
    expect(share("api")).toBeGreaterThan(0.03);
    expect(share("new")).toBeGreaterThan(0.03);
  });

  it("contains every kind of activity", () => {
    const messages = events.flatMap((e) => (e.kind === "message" ? [e.message] : []));
    const mediaTypes = messages.flatMap((m) => m.media.map((x) => x.contentType));
    expect(mediaTypes).toContain("image/jpeg");
    expect(mediaTypes).toContain("application/pdf");
    expect(messages.some((m) => m.media.length > 1)).toBe(true);
    expect(new Set(messages.map((m) => m.status))).toEqual(new Set(["received", "sent", "delivered", "failed", "undelivered"]));

    const completed = events.flatMap((e) => (e.kind === "call" && e.phase === "completed" ? [e.call] : []));
    const outcomes = new Set(completed.map((c) => c.outcome));
    for (const outcome of ["answered", "missed", "voicemail", "forwarded"] as const) expect(outcomes, outcome).toContain(outcome);
    expect(completed.some((c) => c.direction === "outgoing" && c.outcome === "answered")).toBe(true);
    expect(completed.some((c) => c.direction === "outgoing" && c.outcome === "missed")).toBe(true);

    const voicemails = events.flatMap((e) =>
      e.kind === "call.voicemail" ? [e.voicemail.url] : e.kind === "call" && e.call.voicemail ? [e.call.voicemail.url] : [],
    );
    expect(new Set(voicemails)).toEqual(new Set(demoVoicemails.map((v) => `${BASE}${v.path}`)));
    const recordings = events.flatMap((e) => (e.kind === "call.recording" ? e.recordings.map((r) => r.url) : []));
    expect(new Set(recordings)).toEqual(new Set(demoCalls.map((c) => `${BASE}${c.path}`)));
    expect(events.filter((e) => e.kind === "call.summary").length).toBeGreaterThanOrEqual(demoCalls.length);
    expect(events.filter((e) => e.kind === "call.transcript").length).toBeGreaterThanOrEqual(demoCalls.length);

    const cards = events.flatMap((e) => (e.kind === "contact.updated" ? [e.contact] : []));
    expect(cards.length).toBeGreaterThanOrEqual(20);
    expect(cards.every((c) => c.firstName && c.lastName && c.phoneNumbers.length === 1)).toBe(true);
    expect(cards.some((c) => c.company)).toBe(true);
  });

  it("has late and out-of-order arrivals", () => {
    const position = new Map<string, number>();
    const firstIndex = (key: string) => position.get(key) ?? Infinity;
    parsed.forEach((p, index) => {
      const e = p.result.event;
      const key =
        e.kind === "message" ? `${e.message.status}:${e.message.id}` :
        e.kind === "call" ? `${e.phase}:${e.call.id}` :
        e.kind === "call.transcript" ? `transcript:${e.transcript.callId}` :
        e.kind === "call.summary" ? `summary:${e.summary.callId}` :
        e.kind === "call.recording" ? `recording:${e.callId}` : `${e.kind}:${index}`;
      if (!position.has(key)) position.set(key, index);
    });
    const callIds = callsOf(parsed).map((c) => c.id);
    const messageIds = events.flatMap((e) => (e.kind === "message" ? [e.message.id] : []));
    expect(callIds.some((id) => firstIndex(`transcript:${id}`) < firstIndex(`completed:${id}`))).toBe(true);
    expect(callIds.some((id) => firstIndex(`summary:${id}`) < firstIndex(`recording:${id}`))).toBe(true);
    expect(callIds.some((id) => firstIndex(`completed:${id}`) < firstIndex(`ringing:${id}`))).toBe(true);
    expect(messageIds.some((id) => firstIndex(`delivered:${id}`) < firstIndex(`sent:${id}`))).toBe(true);
  });

  it("repeats some deliveries byte for byte, as OpenPhone's retries do", () => {
    const redeliveries = scenario.deliveries.filter((d) => d.redelivery);
    expect(redeliveries.length).toBe(scenario.expected.duplicates);
    expect(redeliveries.length).toBeGreaterThan(0);
    for (const copy of redeliveries) {
      const original = scenario.deliveries.find((d) => d.eventId === copy.eventId && !d.redelivery)!;
      expect(scenario.deliveries.indexOf(original)).toBeLessThan(scenario.deliveries.indexOf(copy));
      expect([copy.body, copy.deliveryId]).toEqual([original.body, original.deliveryId]);
    }
    expect(buildScenario("full", options({ duplicates: 0 })).expected.duplicates).toBe(0);
  });

  it("--count repeats the day with fresh ids", () => {
    const twice = buildScenario("full", options({ count: 2, duplicates: 0 }));
    const once = buildScenario("full", options({ duplicates: 0 }));
    expect(twice.deliveries).toHaveLength(2 * once.deliveries.length);
    expect(twice.expected).toMatchObject({
      events: 2 * once.expected.events,
      messages: 2 * once.expected.messages,
      calls: 2 * once.expected.calls,
      contacts: once.expected.contacts,
      conversations: once.expected.conversations,
    });
  });
});

describe("scenarioNow", () => {
  it("is the start of the current minute, so runs within a minute send identical bodies", () => {
    expect(scenarioNow(new Date("2026-06-01T18:07:42.123Z")).toISOString()).toBe("2026-06-01T18:07:00.000Z");
  });
});

it.each(SCENARIO_MODES)("%s expected counts match the deliveries' own ids", (mode: ScenarioMode) => {
  const scenario = buildScenario(mode, options());
  const parsed = parse(scenario.deliveries);
  const events = eventsOf(parsed);
  const messageIds = new Set(events.flatMap((e) => (e.kind === "message" ? [e.message.id] : [])));
  const callIds = new Set(
    events.flatMap((e) =>
      e.kind === "call" ? [e.call.id] :
      e.kind === "call.recording" || e.kind === "call.voicemail" ? [e.callId] :
      e.kind === "call.summary" ? [e.summary.callId] :
      e.kind === "call.transcript" ? [e.transcript.callId] : [],
    ),
  );
  expect(scenario.expected).toMatchObject({
    deliveries: scenario.deliveries.length,
    events: new Set(scenario.deliveries.map((d) => d.eventId)).size,
    messages: messageIds.size,
    calls: callIds.size,
  });
});
