import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countCallbackQueue, listCallbackQueue, listRecentlyHandled, markCallbackHandled } from "@/lib/callbacks/queue";
import { exportInsightsCsv } from "@/lib/insights/export";
import { getInsights, type Insights, type VolumeCounts } from "@/lib/insights/queries";
import { parseInsightsQuery, resolveInsightsRange } from "@/lib/insights/range";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, type TestDatabase } from "../helpers/test-db";

// A fixed scenario in America/New_York around the start of daylight saving time (Sunday
// 2026-03-08, 02:00 EST → 03:00 EDT, i.e. 07:00 UTC), on two workspace numbers. Every expected
// figure below is worked out by hand from the events, in local time:
//
//  UTC                 local (New York)        number  event
//  2026-03-05 15:00Z   Thu 03-05 10:00 EST     Main    Carol: missed call (previous period)
//  2026-03-05 16:00Z   Thu 03-05 11:00 EST     Main    Dan: incoming call answered by USamy (previous period)
//  2026-03-07 15:00Z   Sat 03-07 10:00 EST     Main    Alice: missed call
//  2026-03-07 15:20Z   Sat 03-07 10:20 EST     Main    → text to Alice by USamy (callback by text: 1,200 s)
//  2026-03-08 04:30Z   Sat 03-07 23:30 EST     Sales   Bob: voicemail (a UTC day would say Sunday)
//  2026-03-08 07:30Z   Sun 03-08 03:30 EDT     Main    Carol: voicemail, never called back (EST would say 02:30)
//  2026-03-08 14:30Z   Sun 03-08 10:30 EDT     Sales   → call to Bob by USben, answered, 300 s (callback by call: 36,000 s)
//  2026-03-08 16:00Z   Sun 03-08 12:00 EDT     Main    Alice: text in
//  2026-03-08 16:05Z   Sun 03-08 12:05 EDT     Main    → text to Alice by USamy (first response 300 s)
//  2026-03-09 04:30Z   Mon 03-09 00:30 EDT     Sales   Dan: text in (EST would say Sunday 23:30)
//  2026-03-09 04:40Z   Mon 03-09 00:40 EDT     Sales   Dan: text in (same thread)
//  2026-03-09 05:00Z   Mon 03-09 01:00 EDT     Sales   → text to Dan by USben (first response 1,800 s, from 00:30)
//  2026-03-09 14:00Z   Mon 03-09 10:00 EDT     Main    Bob: incoming call answered by USamy, 600 s

const TZ = "America/New_York";
const MAIN = { phoneNumberId: "PNinsMain01", workspaceNumber: "+16505550101", shape: "api" as const };
const SALES = { phoneNumberId: "PNinsSales1", workspaceNumber: "+16505550202", shape: "api" as const };
const ALICE = "+14155550901";
const BOB = "+14155550902";
const CAROL = "+14155550903";
const DAN = "+14155550904";

const at = (iso: string) => new Date(iso);

function missedCall(number: typeof MAIN, participant: string, iso: string) {
  const createdAt = at(iso);
  return callEvent({ ...number, participant, createdAt, answeredAt: null, completedAt: new Date(createdAt.getTime() + 30_000), userId: null });
}
function voicemailCall(number: typeof MAIN, participant: string, iso: string) {
  const createdAt = at(iso);
  return callEvent({
    ...number,
    participant,
    createdAt,
    answeredAt: null,
    completedAt: new Date(createdAt.getTime() + 60_000),
    userId: null,
    voicemail: { url: `https://media.example.test/vm/${participant}-${iso}.mp3`, type: "audio/mpeg", duration: 21 },
  });
}
function answeredCall(number: typeof MAIN, participant: string, iso: string, direction: "incoming" | "outgoing", userId: string, seconds: number) {
  const createdAt = at(iso);
  const answeredAt = new Date(createdAt.getTime() + 5_000);
  return callEvent({ ...number, participant, direction, createdAt, answeredAt, completedAt: new Date(answeredAt.getTime() + seconds * 1000), userId });
}
function textIn(number: typeof MAIN, participant: string, iso: string) {
  return messageEvent({ ...number, participant, type: "message.received", createdAt: at(iso), text: "Hello?", userId: null });
}
function textOut(number: typeof MAIN, participant: string, iso: string, userId: string) {
  return messageEvent({ ...number, participant, type: "message.delivered", direction: "outgoing", createdAt: at(iso), text: "Calling you back", userId });
}

const NOW = at("2026-03-10T12:00:00Z");
const counts = (partial: Partial<VolumeCounts>): VolumeCounts => ({
  text_in: 0,
  text_out: 0,
  answered: 0,
  missed: 0,
  voicemail: 0,
  call_out: 0,
  call_other: 0,
  ...partial,
});

let db: TestDatabase;
let mainId: number;
let salesId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const { post } = createPoster(db);
  const events = [
    missedCall(MAIN, CAROL, "2026-03-05T15:00:00Z"),
    answeredCall(MAIN, DAN, "2026-03-05T16:00:00Z", "incoming", "USamy", 120),
    missedCall(MAIN, ALICE, "2026-03-07T15:00:00Z"),
    textOut(MAIN, ALICE, "2026-03-07T15:20:00Z", "USamy"),
    voicemailCall(SALES, BOB, "2026-03-08T04:30:00Z"),
    voicemailCall(MAIN, CAROL, "2026-03-08T07:30:00Z"),
    answeredCall(SALES, BOB, "2026-03-08T14:30:00Z", "outgoing", "USben", 300),
    textIn(MAIN, ALICE, "2026-03-08T16:00:00Z"),
    textOut(MAIN, ALICE, "2026-03-08T16:05:00Z", "USamy"),
    textIn(SALES, DAN, "2026-03-09T04:30:00Z"),
    textIn(SALES, DAN, "2026-03-09T04:40:00Z"),
    textOut(SALES, DAN, "2026-03-09T05:00:00Z", "USben"),
    answeredCall(MAIN, BOB, "2026-03-09T14:00:00Z", "incoming", "USamy", 600),
  ];
  for (const event of events) {
    const result = await post(event);
    expect(result, JSON.stringify(result)).toMatchObject({ httpStatus: 200, outcome: "processed" });
  }
  await db.prisma.openPhoneUser.create({ data: { openphoneId: "USamy", name: "Amy Adams", email: "amy@example.test", syncedAt: new Date(NOW) } });
  const numbers = await db.prisma.phoneNumber.findMany({ select: { id: true, openphoneId: true } });
  mainId = numbers.find((n) => n.openphoneId === MAIN.phoneNumberId)!.id;
  salesId = numbers.find((n) => n.openphoneId === SALES.phoneNumberId)!.id;
});
afterAll(async () => {
  await db.cleanup();
});

function rangeFor(query: Record<string, string>) {
  return resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2026-03-07", to: "2026-03-09", ...query }), TZ, NOW);
}

describe("insights over a daylight-saving weekend", () => {
  let all: Insights;
  beforeAll(async () => {
    all = await getInsights(db, rangeFor({}));
  });

  it("counts volume per local day and kind (the 23-hour Sunday included)", () => {
    expect(all.volume.days).toEqual([
      { day: "2026-03-07", counts: counts({ missed: 1, text_out: 1, voicemail: 1 }) },
      { day: "2026-03-08", counts: counts({ voicemail: 1, call_out: 1, text_in: 1, text_out: 1 }) },
      { day: "2026-03-09", counts: counts({ text_in: 2, text_out: 1, answered: 1 }) },
    ]);
    expect(all.volume.totals).toEqual(counts({ text_in: 3, text_out: 3, answered: 1, missed: 1, voicemail: 2, call_out: 1 }));
  });

  it("gives the missed-call rate, per day and against the previous three days", () => {
    expect(all.missedRate).toEqual({
      incomingCalls: 4,
      missed: 3,
      rate: 0.75,
      previousRate: 0.5,
      days: [
        { day: "2026-03-07", incomingCalls: 2, missed: 2, rate: 1 },
        { day: "2026-03-08", incomingCalls: 1, missed: 1, rate: 1 },
        { day: "2026-03-09", incomingCalls: 1, missed: 0, rate: 0 },
      ],
    });
  });

  it("measures time to callback: by text, by call, and a voicemail never called back", () => {
    expect(all.callbacks).toEqual({
      total: 3,
      answered: 2,
      medianSeconds: 1_200,
      p90Seconds: 36_000,
      buckets: [
        { key: "15m", count: 0 },
        { key: "1h", count: 1 },
        { key: "4h", count: 0 },
        { key: "24h", count: 1 },
        { key: "later", count: 0 },
        { key: "none", count: 1 },
      ],
    });
  });

  it("measures first response per inbound thread, from its first text", () => {
    expect(all.firstResponse).toMatchObject({ total: 2, answered: 2, medianSeconds: 300, p90Seconds: 1_800 });
    expect(all.firstResponse.buckets.find((b) => b.key === "15m")!.count).toBe(1);
    expect(all.firstResponse.buckets.find((b) => b.key === "1h")!.count).toBe(1);
  });

  it("places incoming activity on the local weekday and hour", () => {
    const cells: [number, number, number][] = [];
    all.heatMap.counts.forEach((hours, weekday) => hours.forEach((n, hour) => n > 0 && cells.push([weekday, hour, n])));
    // [weekday (0 = Sunday), hour, count]
    expect(cells).toEqual([
      [0, 3, 1], // Carol's voicemail, 03:30 EDT
      [0, 12, 1], // Alice's text
      [1, 0, 2], // Dan's two texts just after midnight EDT
      [1, 10, 1], // Bob's answered call
      [6, 10, 1], // Alice's missed call
      [6, 23, 1], // Bob's voicemail, Saturday 23:30 EST
    ]);
    expect(all.heatMap.max).toBe(2);
  });

  it("totals calls answered, talk time and texts sent per staff member", () => {
    // Amy is in the OpenPhone directory, Ben is not (yet): his id stands in for his name.
    expect(all.staff).toEqual([
      { userId: "USamy", name: "Amy Adams", callsAnswered: 1, talkSeconds: 600, textsSent: 2 },
      { userId: "USben", name: null, callsAnswered: 0, talkSeconds: 300, textsSent: 1 },
    ]);
  });

  it("narrows every figure to one workspace number", async () => {
    const sales = await getInsights(db, rangeFor({ number: String(salesId) }));
    expect(sales.volume.days.map((d) => d.counts)).toEqual([
      counts({ voicemail: 1 }),
      counts({ call_out: 1 }),
      counts({ text_in: 2, text_out: 1 }),
    ]);
    expect(sales.missedRate).toMatchObject({ incomingCalls: 1, missed: 1, rate: 1, previousRate: null });
    expect(sales.callbacks).toMatchObject({ total: 1, answered: 1, medianSeconds: 36_000, p90Seconds: 36_000 });
    expect(sales.firstResponse).toMatchObject({ total: 1, answered: 1, medianSeconds: 1_800, p90Seconds: 1_800 });
    expect(sales.staff).toEqual([{ userId: "USben", name: null, callsAnswered: 0, talkSeconds: 300, textsSent: 1 }]);

    const main = await getInsights(db, rangeFor({ number: String(mainId) }));
    expect(main.missedRate).toMatchObject({ incomingCalls: 3, missed: 2, previousRate: 0.5 });
    expect(main.callbacks).toMatchObject({ total: 2, answered: 1, medianSeconds: 1_200, p90Seconds: 1_200 });
  });

  it("buckets the same instants by UTC days when the viewer is in UTC", async () => {
    const utc = await getInsights(db, resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2026-03-07", to: "2026-03-09" }), "UTC", NOW));
    // Bob's voicemail (04:30Z) and Carol's (07:30Z) both fall on Sunday the 8th in UTC.
    expect(utc.volume.days[1]!.counts.voicemail).toBe(2);
    expect(utc.volume.days[0]!.counts.voicemail).toBe(0);
  });
});

describe("CSV export", () => {
  const params = (chart: string) => new URLSearchParams({ chart, range: "custom", from: "2026-03-07", to: "2026-03-09", tz: TZ });

  // Text cells are always quoted (formula-injection rule shared with the timeline export).
  it("holds each chart's table, in the zone the link names", async () => {
    expect(await exportInsightsCsv(db, params("volume"), NOW)).toEqual({
      ok: true,
      fileName: "insights-volume-2026-03-07-to-2026-03-09.csv",
      body:
        '"Day","Texts in","Texts out","Calls answered","Missed calls","Voicemails","Outgoing calls","Other incoming calls","Total"\r\n' +
        '"2026-03-07",0,1,0,1,1,0,0,3\r\n' +
        '"2026-03-08",1,1,0,0,1,1,0,4\r\n' +
        '"2026-03-09",2,1,1,0,0,0,0,4\r\n',
    });
    const staff = await exportInsightsCsv(db, params("staff"), NOW);
    expect(staff.ok && staff.body).toBe(
      '"Staff member","OpenPhone user id","Calls answered","Talk time (minutes)","Texts sent"\r\n"Amy Adams","USamy",1,10,2\r\n"USben","USben",0,5,1\r\n',
    );
    const callbacks = await exportInsightsCsv(db, params("callbacks"), NOW);
    expect(callbacks.ok && callbacks.body).toContain('"Median (minutes)",20\r\n"90th percentile (minutes)",600\r\n');
    const rate = await exportInsightsCsv(db, params("missed-rate"), NOW);
    expect(rate.ok && rate.body).toContain('"2026-03-07",2,2,100\r\n');
  });

  it("rejects an unknown chart", async () => {
    expect(await exportInsightsCsv(db, new URLSearchParams({ chart: "nope" }), NOW)).toMatchObject({ ok: false });
  });
});

describe("the callback queue", () => {
  it("lists missed calls and voicemails nobody called back, oldest first, until marked handled or called back", async () => {
    const queue = await listCallbackQueue(db);
    expect(queue.map((item) => [item.contact.number, item.occurredAt.toISOString(), item.outcome])).toEqual([
      [CAROL, "2026-03-05T15:00:00.000Z", "missed"],
      [CAROL, "2026-03-08T07:30:00.000Z", "voicemail"],
    ]);
    expect(queue[1]!.voicemail).toMatchObject({ url: expect.stringMatching(/^\/api\/media\/voicemail\/\d+$/), duration: 21 });
    expect(queue[1]!.phoneNumber?.id).toBe(mainId);
    expect(await countCallbackQueue(db)).toBe(2);

    const user = await db.prisma.user.create({ data: { email: "lead@example.test", name: "Lee Lead", role: "staff" } });
    const handledAt = at("2026-03-10T12:05:00Z");
    expect(await markCallbackHandled(db, queue[0]!.activityId, user.id, handledAt)).toEqual({ ok: true });
    // A second click keeps the first who/when.
    expect(await markCallbackHandled(db, queue[0]!.activityId, user.id, at("2026-03-10T13:00:00Z"))).toEqual({ ok: true });
    expect((await listCallbackQueue(db)).map((item) => item.occurredAt.toISOString())).toEqual(["2026-03-08T07:30:00.000Z"]);
    expect(await countCallbackQueue(db)).toBe(1);
    const handled = await listRecentlyHandled(db);
    expect(handled).toHaveLength(1);
    expect(handled[0]).toMatchObject({ activityId: queue[0]!.activityId, handledAt, handledBy: { name: "Lee Lead", email: "lead@example.test" } });

    // Only missed calls and voicemails can be marked.
    const text = await db.prisma.activity.findFirstOrThrow({ where: { kind: "message" }, select: { id: true } });
    expect(await markCallbackHandled(db, text.id, user.id, handledAt)).toEqual({ ok: false, reason: "not_found" });

    // A text to Carol from the other number is the callback: the queue empties.
    const { post } = createPoster(db);
    await post(textOut(SALES, CAROL, "2026-03-10T12:10:00Z", "USben"));
    expect(await listCallbackQueue(db)).toEqual([]);
    expect(await countCallbackQueue(db)).toBe(0);

    // A new missed call after that callback waits again.
    await post(missedCall(MAIN, CAROL, "2026-03-10T12:20:00Z"));
    expect((await listCallbackQueue(db)).map((item) => item.occurredAt.toISOString())).toEqual(["2026-03-10T12:20:00.000Z"]);
  });
});
