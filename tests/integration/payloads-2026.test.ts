import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { searchTimeline } from "@/lib/timeline/search";
import { parseTimelineQueryLenient, resolveFilters } from "@/lib/timeline/filters";
import { messageEvent } from "@/lib/simulator/payloads";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { FIXTURES_DIR, createPoster, readFixture } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * The 2026-03-30 example payloads through the real ingest pipeline, signed with Standard Webhooks
 * and the delivery ids the fixtures' README suggests: every call and message lands with its
 * contact and conversation, the voicemail on its call, who answered, and the deep links.
 */
const DIR_2026 = path.join(FIXTURES_DIR, "events-2026");
const read2026 = (name: string) => fs.readFileSync(path.join(DIR_2026, name), "utf8");
const names2026 = () => fs.readdirSync(DIR_2026).filter((f) => f.endsWith(".json")).sort(byStory);
/** webhook-id of each example, from events-2026/README.md. */
const DELIVERY_IDS = new Map(
  [...fs.readFileSync(path.join(DIR_2026, "README.md"), "utf8").matchAll(/^\| `([^`]+\.json)` \| `[^`]+` \| `(msg_[^`]+)` \|/gm)].map((m) => [m[1]!, m[2]!]),
);
/** The story's order: by envelope time. */
function byStory(a: string, b: string): number {
  const at = (n: string) => (JSON.parse(read2026(n)) as { createdAt: string }).createdAt;
  return at(a).localeCompare(at(b));
}

const DANA = "+16505550187";
const QUO_NUMBER = "+14155550142";
const CN = "CN7a2f4c9e1b3d45e8a6c0f2b4d6e8a1c3";
const CALL_A = "AC9b2e7f41c6d84a0fa3e15b8c72d9e604";
const CALL_B = "AC1f8d3c5a7e9b42d6a0c4e8f2b6d1a357";
const CALL_C = "AC6a8c0e2f4b1d47a9c3e5f7b9d1a3c5e2";

let db: TestDatabase;
const extra: TestDatabase[] = [];

beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await Promise.all([db, ...extra.splice(0)].map((d) => d.cleanup()));
});

async function postAll(target: TestDatabase, names: string[]) {
  const poster = createPoster(target);
  const outcomes: Record<string, string> = {};
  for (const name of names) {
    const result = await poster.post(read2026(name), { style: "standard", deliveryId: DELIVERY_IDS.get(name)! });
    expect(result.httpStatus, name).toBe(200);
    outcomes[name] = result.outcome;
  }
  return outcomes;
}

describe(`2026-03-30 payloads land correctly (${testDialect()})`, () => {
  it("every example is processed; every call and message has its contact and conversation", async () => {
    expect(DELIVERY_IDS.size).toBe(17);
    const outcomes = await postAll(db, names2026());
    expect(Object.values(outcomes).every((o) => o === "processed")).toBe(true);
    const p = db.prisma;

    const events = await p.webhookEvent.findMany({ select: { deliveryId: true, type: true } });
    expect(events.every((e) => e.deliveryId?.startsWith("msg_2nQ"))).toBe(true);

    expect(await p.phoneNumber.findMany({ select: { openphoneId: true, number: true } })).toEqual([{ openphoneId: "PNv4kR8sQ1", number: QUO_NUMBER }]);
    const conversations = await p.conversation.findMany({ include: { contact: true } });
    expect(conversations).toHaveLength(1);
    expect(conversations[0]).toMatchObject({
      participant: DANA,
      participants: null,
      openphoneId: CN,
      openphoneUrl: `https://my.quo.com/inbox/PNv4kR8sQ1/c/${CN}`,
      contact: { number: DANA, firstName: "Dana", lastName: "Whitfield", openphoneContactId: "CT6651a2f0c9e4b7d2a18f3c05", deletedAt: null },
    });
    const conversationId = conversations[0]!.id;
    const contactId = conversations[0]!.contactId;

    const messages = await p.message.findMany({ include: { activity: true } });
    const calls = await p.call.findMany({ include: { activity: true } });
    expect(messages).toHaveLength(4);
    expect(calls).toHaveLength(3);
    for (const row of [...messages, ...calls]) {
      expect(row.conversationId, row.openphoneId).toBe(conversationId);
      expect(row.activity, row.openphoneId).toMatchObject({ conversationId, contactId });
      expect(row.openphoneUrl, row.openphoneId).toMatch(/^https:\/\/my\.quo\.com\/inbox\/PNv4kR8sQ1\/c\//);
      expect(row.contactIds, row.openphoneId).toBe(JSON.stringify(["CT6651a2f0c9e4b7d2a18f3c05"]));
    }
    const byId = new Map(messages.map((m) => [m.openphoneId, m]));
    expect(byId.get("ACc3e5a7b9d1f24e6a8c0b2d4f6a8c0e13")).toMatchObject({ direction: "incoming", fromNumber: DANA, status: "received" });
    expect(byId.get("AC8e0a2c4e6f18b0d2f4a6c8e0b2d4f6a9")).toMatchObject({ status: "failed", errorCode: null });
    expect(byId.get("AC2b4d6f8a0c1e4f6a8b0d2c4e6f8a0b17")).toMatchObject({ status: "undelivered", errorCode: "30007" });

    const callA = await p.call.findUniqueOrThrow({ where: { openphoneId: CALL_A }, include: { recordings: true, summary: true, transcript: { include: { segments: true } } } });
    expect(callA).toMatchObject({ outcome: "answered", answeredBy: "USr8Tq2LmZ", duration: 274, participant: DANA, fromNumber: DANA, toNumber: QUO_NUMBER });
    expect(callA.recordings).toMatchObject([{ openphoneId: "CRm7Qx2VbN", url: "https://cdn.example.com/quo-recordings/CRm7Qx2VbN.mp3", duration: 274 }]);
    expect(callA.summary).toMatchObject({ status: "completed", sentiment: null });
    expect(callA.transcript?.segments).toHaveLength(3);

    const callB = await p.call.findUniqueOrThrow({ where: { openphoneId: CALL_B }, include: { voicemail: true, activity: true } });
    expect(callB).toMatchObject({ outcome: "voicemail", answeredAt: null, participant: DANA });
    expect(callB.voicemail).toMatchObject({
      openphoneId: "VMd2c4e6a8b0f14d3e5a7c9b1d3f5e7a92",
      url: "https://cdn.example.com/quo-voicemails/VMd2c4e6a8b0f14d3e5a7c9b1d3f5e7a92.mp3",
      duration: 23,
      transcript: expect.stringContaining("The leak under the sink got worse tonight."),
    });
    expect(callB.activity).toMatchObject({ status: "voicemail", hasVoicemail: true, preview: expect.stringContaining("Hi, it's Dana Whitfield again.") });

    const callC = await p.call.findUniqueOrThrow({ where: { openphoneId: CALL_C } });
    expect(callC).toMatchObject({ outcome: "forwarded", forwardedTo: "+14155550199", participant: DANA });
  }, 120_000);

  it("the voicemail's transcription is found by search", async () => {
    await postAll(db, names2026());
    const query = parseTimelineQueryLenient({ q: "sink worse tonight" });
    const page = await searchTimeline(db, { ...resolveFilters(query, "UTC"), q: query.q ?? "" }, { limit: 10 });
    const callB = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: CALL_B }, include: { activity: true } });
    expect(page.items.map((i) => i.id)).toEqual([callB.activity!.id]);
  }, 120_000);

  it("reaches the same state whatever order the examples arrive in", async () => {
    const names = names2026();
    await postAll(db, names);
    const inOrder = await domainSnapshot(db.prisma);
    for (const order of [[...names].reverse(), shuffle(names, 3), shuffle(names, 11)]) {
      const other = await createTestDatabase();
      extra.push(other);
      await postAll(other, order);
      expect(await domainSnapshot(other.prisma)).toEqual(inOrder);
    }
  }, 180_000);
});

describe(`group messages (${testDialect()})`, () => {
  it("a legacy group message keeps every participant and never records a recipient as our number", async () => {
    const poster = createPoster(db);
    expect((await poster.post(readFixture("message-received-group-app-v3.json"))).outcome).toBe("processed");
    // Which recipient is ours is unknown yet: nothing is written to the workspace number.
    expect(await db.prisma.phoneNumber.findUniqueOrThrow({ where: { openphoneId: "PNmain0001" } })).toMatchObject({ number: null });

    // A 1:1 message reveals our number: the group thread drops it and keeps the two customers.
    await poster.post(messageEvent({ type: "message.received", participant: "+12125550188", workspaceNumber: "+16505550100", text: "hi" }));
    expect(await db.prisma.phoneNumber.findUniqueOrThrow({ where: { openphoneId: "PNmain0001" } })).toMatchObject({ number: "+16505550100" });
    const group = await db.prisma.conversation.findUniqueOrThrow({ where: { openphoneId: "CNgroup0060" }, include: { messages: true, activities: true } });
    expect(group).toMatchObject({ participant: "+13105550177,+14155550123", participants: JSON.stringify(["+13105550177", "+14155550123"]), contactId: null });
    expect(group.messages.map((m) => m.openphoneId)).toEqual(["ACmsg0060"]);
    expect(group.activities).toMatchObject([{ contactId: null }]);
    // Both customers are known contacts, so the thread can show their names.
    expect(await db.prisma.contact.count({ where: { number: { in: ["+13105550177", "+14155550123"] } } })).toBe(2);

    // The 2026 group message in the same thread (sender and recipients from the context) joins it.
    await poster.post(readFixture("message-received-group-2026-03-30.json"), { style: "standard" });
    const again = await db.prisma.conversation.findUniqueOrThrow({ where: { openphoneId: "CNgroup0060" }, include: { messages: { orderBy: { openphoneId: "asc" } } } });
    expect(again.messages.map((m) => m.openphoneId)).toEqual(["ACmsg0060", "ACmsg0061"]);
    // The link OpenPhone sent replaces the one built from the legacy payload's ids.
    expect(again.openphoneUrl).toBe("https://my.quo.com/inbox/PNmain0001/c/CNgroup0060");
    expect(await db.prisma.conversation.count()).toBe(2);
  });

  it("once our number is known, a group message goes straight to its group thread", async () => {
    const poster = createPoster(db);
    await poster.post(messageEvent({ type: "message.delivered", participant: "+12125550188", workspaceNumber: "+16505550100", text: "hi" }));
    await poster.post(readFixture("message-received-group-2026-03-30.json"), { style: "standard" });
    const thread = await db.prisma.conversation.findUniqueOrThrow({ where: { openphoneId: "CNgroup0060" } });
    expect(JSON.parse(thread.participants!)).toEqual(["+13105550177", "+14155550123"]);
  });
});

describe(`published samples and repeated test deliveries (${testDialect()})`, () => {
  it("OpenPhone's sample calls without a call id are stored as ignored with the reason", async () => {
    const poster = createPoster(db);
    for (const name of ["call-completed-published-sample-no-id.json", "call-recording-completed-published-sample-no-id.json"]) {
      expect(await poster.post(readFixture(name))).toMatchObject({ httpStatus: 200, outcome: "ignored" });
    }
    const rows = await db.prisma.webhookEvent.findMany({ select: { status: true, lastError: true } });
    expect(rows).toEqual([
      { status: "ignored", lastError: "no call id" },
      { status: "ignored", lastError: "no call id" },
    ]);
    expect(await db.prisma.call.count()).toBe(0);
  });

  it("a repeated test send (same event id, new webhook-id) is counted with its delivery id and time", async () => {
    const poster = createPoster(db);
    const body = read2026("message.received.json");
    const first = Date.now() - 60_000;
    await poster.post(body, { style: "standard", nowMs: first, deliveryId: "msg_first" });
    expect(await poster.post(body, { style: "standard", nowMs: first + 30_000, deliveryId: "msg_second" })).toMatchObject({ outcome: "duplicate" });
    const row = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EV3b7d1f9e2c4a46b8d0e5f7a9c1b3d5e7" } });
    expect(row).toMatchObject({
      deliveryId: "msg_first",
      receivedAt: new Date(first),
      duplicates: 1,
      lastDeliveryId: "msg_second",
      lastReceivedAt: new Date(first + 30_000),
    });
  });
});

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
