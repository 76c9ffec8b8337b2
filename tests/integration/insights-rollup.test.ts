import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { replayEvent } from "@/lib/event-log/replay";
import { firstResponseWaitsBySeekSql, firstResponseWaitsSql, heatMapSql, previousPeriodSql, volumeSql } from "@/lib/insights/queries";
import { parseInsightsQuery, resolveInsightsRange } from "@/lib/insights/range";
import { listRollup, recountRollup, rollupCovers, rollupHeatMapSql, rollupPreviousPeriodSql, rollupVolumeSql } from "@/lib/insights/rollup";
import { Prisma } from "@/lib/generated/sqlite/client";
import { callEvent, messageEvent, voicemailEvent, type JsonObject } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

// ActivityRollup is kept by triggers (0013_activity_rollup); whatever writes Activity, in whatever
// order, the rollup must equal a recount of Activity with lib/insights/sql.ts CATEGORY.

let db: TestDatabase;
let post: ReturnType<typeof createPoster>["post"];

beforeAll(async () => {
  db = await createTestDatabase();
  post = createPoster(db).post;
});
afterAll(async () => {
  await db.cleanup();
});

async function expectRollupExact(): Promise<void> {
  expect(await listRollup(db)).toEqual(await recountRollup(db));
}

const NUMBERS = [
  { phoneNumberId: "PNrollMain1", workspaceNumber: "+16505550301" },
  { phoneNumberId: "PNrollSales", workspaceNumber: "+16505550302" },
] as const;
const PARTICIPANTS = ["+14155550311", "+14155550312"] as const;
// Instants around quarter-hour and day edges (UTC), so a moved occurredAt changes its bucket.
const INSTANTS = ["2026-04-01T14:59:59.999Z", "2026-04-01T15:00:00.000Z", "2026-04-01T15:14:59.000Z", "2026-04-01T23:45:00.000Z", "2026-04-02T00:00:00.500Z"].map(
  (iso) => new Date(iso),
);

type CallStep = { kind: "call"; call: number; type: "call.ringing" | "call.completed"; answered: boolean; voicemail: boolean; direction: "incoming" | "outgoing"; number: number; at: number; sentAt: number };
type VoicemailStep = { kind: "voicemail"; call: number; sentAt: number };
type MessageStep = { kind: "message"; message: number; type: "message.received" | "message.delivered"; number: number; at: number; sentAt: number };
type AgainStep = { kind: "again"; which: number; how: "duplicate" | "replay" };
type Step = CallStep | VoicemailStep | MessageStep | AgainStep;

const index = (n: number) => fc.integer({ min: 0, max: n - 1 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("call" as const),
    call: index(3),
    type: fc.constantFrom("call.ringing" as const, "call.completed" as const),
    answered: fc.boolean(),
    voicemail: fc.boolean(),
    direction: fc.constantFrom("incoming" as const, "outgoing" as const),
    number: index(NUMBERS.length),
    at: index(INSTANTS.length),
    sentAt: index(10),
  }),
  fc.record({ kind: fc.constant("voicemail" as const), call: index(3), sentAt: index(10) }),
  fc.record({
    kind: fc.constant("message" as const),
    message: index(3),
    type: fc.constantFrom("message.received" as const, "message.delivered" as const),
    number: index(NUMBERS.length),
    at: index(INSTANTS.length),
    sentAt: index(10),
  }),
  fc.record({ kind: fc.constant("again" as const), which: fc.nat(), how: fc.constantFrom("duplicate" as const, "replay" as const) }),
);

/** The webhook body of a step; ids are per run so runs do not share calls or messages. */
function payloadOf(step: CallStep | VoicemailStep | MessageStep, run: string): JsonObject {
  const eventCreatedAt = new Date(Date.UTC(2026, 3, 2, 12, step.sentAt));
  if (step.kind === "voicemail") {
    return voicemailEvent({ callId: `AC${run}c${step.call}`, url: `https://media.example.test/vm/${run}-${step.call}.mp3`, eventCreatedAt });
  }
  const number = NUMBERS[step.number]!;
  const createdAt = INSTANTS[step.at]!;
  if (step.kind === "message") {
    return messageEvent({ ...number, id: `AC${run}m${step.message}`, participant: PARTICIPANTS[step.message % 2]!, type: step.type, createdAt, eventCreatedAt, shape: "api", userId: null });
  }
  const completedAt = step.type === "call.completed" ? new Date(createdAt.getTime() + 60_000) : null;
  return callEvent({
    ...number,
    id: `AC${run}c${step.call}`,
    type: step.type,
    direction: step.direction,
    participant: PARTICIPANTS[step.call % 2]!,
    createdAt,
    answeredAt: step.answered && completedAt ? new Date(createdAt.getTime() + 5_000) : null,
    completedAt,
    voicemail: step.voicemail && completedAt ? { url: `https://media.example.test/vm/${run}-${step.call}-inline.mp3`, type: "audio/mpeg", duration: 9 } : null,
    userId: null,
    eventCreatedAt,
    shape: "api",
  });
}

describe(`the activity rollup stays equal to a recount of Activity (${testDialect()})`, () => {
  it("after random sequences of calls, voicemails and texts: out of order, status changes, duplicates and replays", async () => {
    // Runs share the database, so each starts from what the earlier ones left (a stronger check);
    // a shrunk counterexample is then only a hint, the first failing sequence is the evidence.
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { minLength: 1, maxLength: 14 }), async (steps) => {
        const run = `r${(runs += 1)}x${Date.now().toString(36)}`;
        const sent: { body: string; eventId: string }[] = [];
        for (const step of steps) {
          if (step.kind === "again") {
            const earlier = sent[step.which % Math.max(1, sent.length)];
            if (!earlier) continue;
            if (step.how === "duplicate") await post(earlier.body);
            else {
              const stored = await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: earlier.eventId }, select: { id: true } });
              await replayEvent(db, stored.id, new Date());
            }
            continue;
          }
          const payload = payloadOf(step, run);
          const body = JSON.stringify(payload);
          const result = await post(body);
          expect(result.httpStatus, JSON.stringify(result)).toBe(200);
          sent.push({ body, eventId: payload.id as string });
        }
        await expectRollupExact();
      }),
      { numRuns: testDialect() === "postgres" ? 25 : 40 },
    );
    // The property ran against something: calls and texts were counted.
    expect((await listRollup(db)).length).toBeGreaterThan(3);
  });

  it("moves a call between categories as its outcome settles (ringing → missed → voicemail)", async () => {
    const number = NUMBERS[0];
    const createdAt = new Date("2026-05-01T10:07:00Z");
    const id = "ACrollSettle1";
    const bucket = Math.floor(createdAt.getTime() / 900_000);
    const countsOf = async () =>
      Object.fromEntries((await listRollup(db)).filter((r) => r.bucket === bucket).map((r) => [`${r.category}${r.incoming ? "/in" : ""}`, r.n]));
    await post(callEvent({ ...number, id, type: "call.ringing", createdAt, answeredAt: null, userId: null, shape: "api" }));
    expect(await countsOf()).toEqual({ "call_other/in": 1 });
    await post(callEvent({ ...number, id, createdAt, answeredAt: null, completedAt: new Date(createdAt.getTime() + 30_000), userId: null, shape: "api" }));
    expect(await countsOf()).toEqual({ "missed/in": 1 });
    await post(voicemailEvent({ callId: id, url: "https://media.example.test/vm/settle.mp3" }));
    expect(await countsOf()).toEqual({ "voicemail/in": 1 });
    await expectRollupExact();
  });

  it("follows several changes to one row in one transaction, and deletions (cascades included)", async () => {
    const number = NUMBERS[1];
    await post(messageEvent({ ...number, id: "ACrollDel1", participant: PARTICIPANTS[0], createdAt: new Date("2026-05-02T09:00:00Z"), shape: "api", userId: null }));
    await post(callEvent({ ...number, id: "ACrollDel2", participant: PARTICIPANTS[1], createdAt: new Date("2026-05-02T09:20:00Z"), shape: "api" }));
    const call = await db.prisma.call.findUniqueOrThrow({ where: { openphoneId: "ACrollDel2" }, select: { id: true } });
    const callRow = await db.prisma.activity.findUniqueOrThrow({ where: { callId: call.id }, select: { id: true } });
    await db.prisma.$transaction(async (tx) => {
      await tx.activity.update({ where: { id: callRow.id }, data: { status: "missed" } });
      await tx.activity.update({ where: { id: callRow.id }, data: { occurredAt: new Date("2026-05-02T11:59:59Z"), phoneNumberId: null } });
      await tx.activity.update({ where: { id: callRow.id }, data: { hasVoicemail: true, direction: null } });
    });
    await expectRollupExact();
    const message = await db.prisma.message.findUniqueOrThrow({ where: { openphoneId: "ACrollDel1" }, select: { id: true } });
    await db.prisma.message.delete({ where: { id: message.id } }); // Activity goes with it (ON DELETE CASCADE)
    await db.prisma.activity.delete({ where: { id: callRow.id } });
    await expectRollupExact();
  });
});

describe(`the rollup under concurrent writers (${testDialect()})`, () => {
  it("counts every text app instances write into the same quarter hour at once", async () => {
    // On PostgreSQL a second client with its own pool and group committer: another app instance on
    // the same database. SQLite runs one instance (one writer); its deliveries still batch concurrently.
    const other = createDatabase(db.url, { poolSize: 20 });
    try {
      const posters = testDialect() === "postgres" ? [post, createPoster(other).post] : [post];
      const createdAt = new Date("2026-05-03T08:05:00Z");
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          posters[i % posters.length]!(messageEvent({ ...NUMBERS[Math.floor(i / 2) % 2]!, id: `ACrollConc${i}`, participant: `+1415555${String(1000 + i)}`, createdAt, shape: "api", userId: null })),
        ),
      );
      expect(results.map((r) => r.httpStatus)).toEqual(results.map(() => 200));
      const bucket = Math.floor(createdAt.getTime() / 900_000);
      const counted = (await listRollup(db)).filter((r) => r.bucket === bucket && r.category === "text_in");
      expect(counted.reduce((sum, r) => sum + r.n, 0)).toBe(40);
      await expectRollupExact();
    } finally {
      await other.prisma.$disconnect();
    }
  });
});

describe(`the charts read from the rollup count what Activity holds (${testDialect()})`, () => {
  // Whole-hour, :30 and :45 zones, and Lord Howe, whose daylight saving moves the clock by 30 minutes.
  const ZONES = ["UTC", "America/New_York", "America/St_Johns", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe"];
  const rowsOf = async (sql: Prisma.Sql) =>
    (await db.prisma.$queryRaw<Record<string, unknown>[]>(sql))
      .map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? 0 : typeof v === "string" && k !== "category" ? Number(v) : typeof v === "bigint" ? Number(v) : v]))))
      .sort();

  it.each(ZONES)("in %s", async (tz) => {
    // The rows the tests above wrote lie in April and May 2026 (the second range has them in its previous
    // period); Lord Howe's clocks go back on 5 April.
    for (const [from, to] of [["2026-03-31", "2026-04-06"], ["2026-04-03", "2026-04-06"], ["2026-04-30", "2026-05-03"]] as const) {
      for (const number of [undefined, ...(await db.prisma.phoneNumber.findMany({ select: { id: true } })).map((p) => String(p.id))]) {
        const range = resolveInsightsRange(parseInsightsQuery({ range: "custom", from, to, tz, ...(number ? { number } : {}) }), "UTC", new Date("2026-06-01T00:00:00Z"));
        expect(rollupCovers(range), `${tz} ${from}`).toBe(true);
        expect(await rowsOf(rollupVolumeSql(range))).toEqual(await rowsOf(volumeSql(db.dialect, range)));
        expect(await rowsOf(rollupHeatMapSql(range))).toEqual(await rowsOf(heatMapSql(db.dialect, range)));
        expect(await rowsOf(rollupPreviousPeriodSql(range))).toEqual(await rowsOf(previousPeriodSql(range)));
      }
    }
  });
});

describe(`first response without a seek per text (${testDialect()})`, () => {
  it.each([["2026-04-01", "2026-04-01"], ["2026-04-01", "2026-04-02"], ["2026-03-31", "2026-05-03"], ["2026-05-02", "2026-05-02"]])(
    "finds the same threads and replies as the definition, %s to %s",
    async (from, to) => {
      const waits = async (sql: Prisma.Sql) =>
        (await db.prisma.$queryRaw<{ at: Date | string; doneAt: Date | string | null }[]>(sql))
          .map((w) => `${new Date(w.at).toISOString()} → ${w.doneAt === null ? "none" : new Date(w.doneAt).toISOString()}`)
          .sort();
      for (const number of [undefined, ...(await db.prisma.phoneNumber.findMany({ select: { id: true } })).map((p) => String(p.id))]) {
        const range = resolveInsightsRange(parseInsightsQuery({ range: "custom", from, to, ...(number ? { number } : {}) }), "UTC", new Date("2026-06-01T00:00:00Z"));
        const expected = await waits(firstResponseWaitsBySeekSql(range));
        // Both dialects run the window form here, whichever one the page uses.
        expect(await waits(firstResponseWaitsSql("postgres", range)), `number ${number ?? "all"}`).toEqual(expected);
      }
    },
  );
});

describe(`0013_activity_rollup backfills the rollup from existing activities (${testDialect()})`, () => {
  it("counts every row already there", async () => {
    const older = await createTestDatabase({ migrated: false });
    try {
      const all = readMigrations(older.dialect);
      await migrate(older.url, { migrations: all.filter((m) => m.name < "0013") });
      const phone = await older.prisma.phoneNumber.create({ data: { openphoneId: "PNbackfill1" } });
      const rows = [
        { kind: "message" as const, direction: "incoming" as const, status: "received", occurredAt: new Date("2026-04-01T14:59:59.999Z") },
        { kind: "message" as const, direction: "outgoing" as const, status: "delivered", occurredAt: new Date("2026-04-01T15:00:00Z") },
        { kind: "call" as const, direction: "incoming" as const, status: "missed", occurredAt: new Date("2026-04-01T15:00:00Z") },
        { kind: "call" as const, direction: "incoming" as const, status: "missed", hasVoicemail: true, occurredAt: new Date("2026-04-01T15:01:00Z") },
        { kind: "call" as const, direction: null, status: "answered", occurredAt: new Date("2026-04-01T15:02:00Z") },
      ];
      for (const [i, row] of rows.entries()) {
        await older.prisma.activity.create({ data: { ...row, phoneNumberId: i % 2 === 0 ? phone.id : null } });
      }
      await migrate(older.url);
      const counted = await listRollup(older);
      expect(counted).toEqual(await recountRollup(older));
      expect(counted.reduce((sum, r) => sum + r.n, 0)).toBe(rows.length);
    } finally {
      await older.cleanup();
    }
  });
});
