import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { openPhoneUserNames } from "../openphone/directory";
import type { InsightsRange } from "./range";
import { rollupCovers, rollupHeatMapSql, rollupPreviousPeriodSql, rollupVolumeSql } from "./rollup";
import { CATEGORY, MISSED_CALL, NEXT_OUTGOING_AT, dayOfNumber, epochSeconds, inRange, localSeconds } from "./sql";

/**
 * The figures of /insights. Each chart is one aggregate query; nothing loads activities into
 * memory. The counting charts (volume, missed-call rate, heat map) read the quarter-hour rollup
 * (lib/insights/rollup.ts); the waits and the staff table read the range's rows, found through the
 * Activity indexes that lead with occurredAt or phoneNumberId. Days and hours are the viewer's
 * (lib/insights/sql.ts).
 */

export const VOLUME_CATEGORIES = ["text_in", "text_out", "answered", "missed", "voicemail", "call_out", "call_other"] as const;
export type VolumeCategory = (typeof VOLUME_CATEGORIES)[number];
export type VolumeCounts = Record<VolumeCategory, number>;
export type VolumeDay = { day: string; counts: VolumeCounts };

/** Incoming calls: every call category except outgoing calls. */
const INCOMING_CALL_CATEGORIES: readonly VolumeCategory[] = ["answered", "missed", "voicemail", "call_other"];

export type Volume = { days: VolumeDay[]; totals: VolumeCounts };

export type MissedRate = {
  incomingCalls: number;
  /** Missed plus voicemail. */
  missed: number;
  /** Missed / incoming calls, null without incoming calls. */
  rate: number | null;
  previousRate: number | null;
  days: { day: string; incomingCalls: number; missed: number; rate: number | null }[];
};

/** Waiting times ("time to callback", "first response"). */
export type WaitStats = {
  /** Missed calls, or inbound text threads, in the range. */
  total: number;
  /** Of those, the ones answered by a later outgoing call or text (at any time). */
  answered: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
  buckets: { key: WaitBucket; count: number }[];
};
export const WAIT_BUCKETS = ["15m", "1h", "4h", "24h", "later", "none"] as const;
export type WaitBucket = (typeof WAIT_BUCKETS)[number];
const BUCKET_LIMITS: [WaitBucket, number][] = [
  ["15m", 15 * 60],
  ["1h", 3600],
  ["4h", 4 * 3600],
  ["24h", 86_400],
];

export type HeatMap = {
  /** counts[weekday][hour], weekday 0 = Sunday, in the viewer's zone. */
  counts: number[][];
  max: number;
};

export type StaffRow = {
  /** OpenPhone user id (US…), null when OpenPhone named nobody. */
  userId: string | null;
  /** The user's name from the OpenPhone directory (lib/openphone/directory.ts), null until it is known. */
  name: string | null;
  callsAnswered: number;
  talkSeconds: number;
  textsSent: number;
};

export type Insights = {
  volume: Volume;
  missedRate: MissedRate;
  callbacks: WaitStats;
  firstResponse: WaitStats;
  heatMap: HeatMap;
  staff: StaffRow[];
};

type Num = number | bigint | string | null;
const num = (value: Num | undefined): number => (value === null || value === undefined ? 0 : Number(value));

function emptyCounts(): VolumeCounts {
  return { text_in: 0, text_out: 0, answered: 0, missed: 0, voicemail: 0, call_out: 0, call_other: 0 };
}

function isCategory(value: string): value is VolumeCategory {
  return (VOLUME_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Volume per local day and category, counted from Activity: for ranges the rollup cannot bucket
 * exactly (rollupCovers), and as the reference the rollup is tested against.
 */
export function volumeSql(dialect: AppDatabase["dialect"], range: InsightsRange): Prisma.Sql {
  const local = localSeconds(dialect, Prisma.sql`a."occurredAt"`, range.segments);
  return Prisma.sql`
    SELECT x."day" AS "day", x."category" AS "category", COUNT(*) AS "n"
    FROM (SELECT ${local} / 86400 AS "day", ${CATEGORY} AS "category"
          FROM "Activity" a WHERE ${inRange(range.start, range.end, range.phoneNumberId)}) x
    GROUP BY x."day", x."category"`;
}

export async function getVolume(db: AppDatabase, range: InsightsRange): Promise<Volume> {
  const sql = rollupCovers(range) ? rollupVolumeSql(range) : volumeSql(db.dialect, range);
  const rows = await db.prisma.$queryRaw<{ day: Num; category: string; n: Num }[]>(sql);
  const byDay = new Map(range.days.map((day) => [day, emptyCounts()]));
  const totals = emptyCounts();
  for (const row of rows) {
    if (!isCategory(row.category)) continue;
    const counts = byDay.get(dayOfNumber(num(row.day)));
    if (!counts) continue; // cannot happen: the range is whole local days
    counts[row.category] += num(row.n);
    totals[row.category] += num(row.n);
  }
  return { days: range.days.map((day) => ({ day, counts: byDay.get(day)! })), totals };
}

const incomingCalls = (counts: VolumeCounts) => INCOMING_CALL_CATEGORIES.reduce((sum, c) => sum + counts[c], 0);
const missedOf = (counts: VolumeCounts) => counts.missed + counts.voicemail;
const rateOf = (missed: number, incoming: number) => (incoming > 0 ? missed / incoming : null);

type PeriodCalls = { incoming: number; missed: number };

/** Incoming and missed calls of the period before the range (the trend's reference). */
export async function getPreviousPeriodCalls(db: AppDatabase, range: InsightsRange): Promise<PeriodCalls> {
  const sql = rollupCovers(range) ? rollupPreviousPeriodSql(range) : previousPeriodSql(range);
  const [row] = await db.prisma.$queryRaw<{ incoming: Num; missed: Num }[]>(sql);
  return { incoming: num(row?.incoming), missed: num(row?.missed) };
}

/** The previous period counted from Activity (see volumeSql). */
export function previousPeriodSql(range: InsightsRange): Prisma.Sql {
  return Prisma.sql`
    SELECT COUNT(*) AS "incoming", SUM(CASE WHEN ${MISSED_CALL} THEN 1 ELSE 0 END) AS "missed"
    FROM "Activity" a
    WHERE ${inRange(range.previous.start, range.previous.end, range.phoneNumberId)} AND a."kind" = 'call' AND a."direction" = 'incoming'`;
}

/** The missed-call rate per day and over the range (from its volume), against the previous period. */
export function missedRateOf(volume: Volume, previous: PeriodCalls): MissedRate {
  const incoming = incomingCalls(volume.totals);
  const missed = missedOf(volume.totals);
  return {
    incomingCalls: incoming,
    missed,
    rate: rateOf(missed, incoming),
    previousRate: rateOf(previous.missed, previous.incoming),
    days: volume.days.map(({ day, counts }) => ({
      day,
      incomingCalls: incomingCalls(counts),
      missed: missedOf(counts),
      rate: rateOf(missedOf(counts), incomingCalls(counts)),
    })),
  };
}

export async function getMissedRate(db: AppDatabase, range: InsightsRange): Promise<MissedRate> {
  const [volume, previous] = await Promise.all([getVolume(db, range), getPreviousPeriodCalls(db, range)]);
  return missedRateOf(volume, previous);
}

/**
 * Median, 90th percentile (nearest rank: the value at rank ⌈p·n⌉) and buckets of the waits in a
 * `"waits"("at", "doneAt")` CTE, done in the database with window functions.
 */
function waitStatsSql(dialect: AppDatabase["dialect"], waitsCte: Prisma.Sql): Prisma.Sql {
  const seconds = Prisma.sql`${epochSeconds(dialect, Prisma.sql`w."doneAt"`)} - ${epochSeconds(dialect, Prisma.sql`w."at"`)}`;
  const bucket = Prisma.sql`CASE ${Prisma.join(
    BUCKET_LIMITS.map(([key, limit]) => Prisma.sql`WHEN d."seconds" < ${Prisma.raw(String(limit))} THEN ${Prisma.raw(`'${key}'`)}`),
    " ",
  )} ELSE 'later' END`;
  return Prisma.sql`
    WITH "waits" AS MATERIALIZED (${waitsCte}),
    "delays" AS MATERIALIZED (SELECT ${seconds} AS "seconds" FROM "waits" w WHERE w."doneAt" IS NOT NULL),
    "ranked" AS (SELECT d."seconds", ROW_NUMBER() OVER (ORDER BY d."seconds") AS "rn", COUNT(*) OVER () AS "n" FROM "delays" d)
    SELECT 'total' AS "key", COUNT(*) AS "value" FROM "waits"
    UNION ALL SELECT 'none', COUNT(*) FROM "waits" w WHERE w."doneAt" IS NULL
    UNION ALL SELECT 'p50', MAX(CASE WHEN r."rn" = (r."n" * 50 + 99) / 100 THEN r."seconds" END) FROM "ranked" r
    UNION ALL SELECT 'p90', MAX(CASE WHEN r."rn" = (r."n" * 90 + 99) / 100 THEN r."seconds" END) FROM "ranked" r
    UNION ALL SELECT b."bucket", COUNT(*) FROM (SELECT ${bucket} AS "bucket" FROM "delays" d) b GROUP BY b."bucket"`;
}

async function waitStats(db: AppDatabase, waitsCte: Prisma.Sql): Promise<WaitStats> {
  const rows = await db.prisma.$queryRaw<{ key: string; value: Num }[]>(waitStatsSql(db.dialect, waitsCte));
  const values = new Map(rows.map((r) => [r.key, r.value]));
  const total = num(values.get("total"));
  const none = num(values.get("none"));
  const p50 = values.get("p50");
  const p90 = values.get("p90");
  return {
    total,
    answered: total - none,
    medianSeconds: p50 === null || p50 === undefined ? null : Number(p50),
    p90Seconds: p90 === null || p90 === undefined ? null : Number(p90),
    buckets: WAIT_BUCKETS.map((key) => ({ key, count: num(values.get(key)) })),
  };
}

/** Missed calls and voicemails of the range, each until the first later outgoing call or text to that contact. */
export function callbackWaitsSql(range: InsightsRange): Prisma.Sql {
  return Prisma.sql`
    SELECT a."occurredAt" AS "at", ${NEXT_OUTGOING_AT} AS "doneAt"
    FROM "Activity" a
    WHERE ${inRange(range.start, range.end, range.phoneNumberId)} AND ${MISSED_CALL} AND a."contactId" IS NOT NULL`;
}

export function getCallbackTimes(db: AppDatabase, range: InsightsRange): Promise<WaitStats> {
  return waitStats(db, callbackWaitsSql(range));
}

/**
 * Inbound texts of the range, grouped into threads: the texts a contact sent before one reply share
 * that reply, so a thread waits from its first text (in the range) to the first outgoing call or
 * text to that contact. Texts nobody answered yet form one waiting thread per contact.
 *
 * On PostgreSQL the reply is found without a seek per text (27k seeks at a million activities,
 * 130 ms, as a SubPlan each): a running MIN over the range's texts and replies (any workspace number), newest
 * first, gives each text the first later reply in the range (at equal times texts sort before
 * replies, so a reply must come strictly later); only texts after a contact's last reply in the
 * range seek the first reply after the range. (A frame of the rows *following* each text is
 * recomputed per row on PostgreSQL: quadratic.) SQLite seeks in-process for a few microseconds,
 * faster than its window functions, so it keeps the plain definition (firstResponseWaitsBySeekSql),
 * which the tests hold this one to.
 */
export function firstResponseWaitsSql(dialect: AppDatabase["dialect"], range: InsightsRange): Prisma.Sql {
  if (dialect === "sqlite") return firstResponseWaitsBySeekSql(range);
  const incomingText = Prisma.sql`a."kind" = 'message' AND a."direction" = 'incoming'`;
  const onNumber = range.phoneNumberId === null ? Prisma.empty : Prisma.sql` AND a."phoneNumberId" = ${range.phoneNumberId}`;
  return Prisma.sql`
    WITH "events" AS MATERIALIZED (
      SELECT a."contactId" AS "contactId", a."occurredAt" AS "at", CASE WHEN a."direction" = 'outgoing' THEN 1 ELSE 0 END AS "reply"
      FROM "Activity" a
      WHERE a."occurredAt" >= ${range.start} AND a."occurredAt" < ${range.end} AND a."contactId" IS NOT NULL
        AND (a."direction" = 'outgoing' OR (${incomingText}${onNumber}))),
    "texts" AS MATERIALIZED (
      SELECT e."contactId" AS "contactId", e."at" AS "at", e."reply" AS "reply",
             MIN(CASE WHEN e."reply" = 1 THEN e."at" END)
               OVER (PARTITION BY e."contactId" ORDER BY e."at" DESC, e."reply" ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS "nextReply"
      FROM "events" e)
    SELECT MIN(t."at") AS "at", t."doneAt" AS "doneAt"
    FROM (SELECT t."contactId" AS "contactId", t."at" AS "at",
                 COALESCE(t."nextReply", (SELECT MIN(o."occurredAt") FROM "Activity" o
                   WHERE o."contactId" = t."contactId" AND o."direction" = 'outgoing' AND o."occurredAt" >= ${range.end})) AS "doneAt"
          FROM "texts" t WHERE t."reply" = 0) t
    GROUP BY t."contactId", t."doneAt"`;
}

/** First response by definition: one seek per inbound text for the first later reply. */
export function firstResponseWaitsBySeekSql(range: InsightsRange): Prisma.Sql {
  return Prisma.sql`
    SELECT MIN(t."at") AS "at", t."doneAt" AS "doneAt"
    FROM (SELECT a."contactId" AS "contactId", a."occurredAt" AS "at", ${NEXT_OUTGOING_AT} AS "doneAt"
          FROM "Activity" a
          WHERE ${inRange(range.start, range.end, range.phoneNumberId)} AND a."kind" = 'message' AND a."direction" = 'incoming' AND a."contactId" IS NOT NULL) t
    GROUP BY t."contactId", t."doneAt"`;
}

export function getFirstResponseTimes(db: AppDatabase, range: InsightsRange): Promise<WaitStats> {
  return waitStats(db, firstResponseWaitsSql(db.dialect, range));
}

/** Incoming calls and texts per weekday × hour of the viewer's zone, counted from Activity (see volumeSql). */
export function heatMapSql(dialect: AppDatabase["dialect"], range: InsightsRange): Prisma.Sql {
  const local = localSeconds(dialect, Prisma.sql`a."occurredAt"`, range.segments);
  // 1970-01-01, local day 0, was a Thursday (weekday 4).
  return Prisma.sql`
    SELECT (x."local" / 86400 + 4) % 7 AS "weekday", (x."local" % 86400) / 3600 AS "hour", COUNT(*) AS "n"
    FROM (SELECT ${local} AS "local" FROM "Activity" a
          WHERE ${inRange(range.start, range.end, range.phoneNumberId)} AND a."direction" = 'incoming') x
    GROUP BY 1, 2`;
}

export async function getHeatMap(db: AppDatabase, range: InsightsRange): Promise<HeatMap> {
  const sql = rollupCovers(range) ? rollupHeatMapSql(range) : heatMapSql(db.dialect, range);
  const rows = await db.prisma.$queryRaw<{ weekday: Num; hour: Num; n: Num }[]>(sql);
  const counts = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  let max = 0;
  for (const row of rows) {
    const value = num(row.n);
    counts[num(row.weekday)]![num(row.hour)] = value;
    max = Math.max(max, value);
  }
  return { counts, max };
}

/**
 * Per OpenPhone user: incoming calls they answered, talk time of every answered call they were on
 * (incoming: who answered; outgoing: who called), and texts they sent. The range's rows are picked
 * first (MATERIALIZED), then their calls and messages found by id: joined directly, PostgreSQL
 * merge-joined every Activity row by callId and messageId (1.1 s at a million activities).
 */
export function staffSql(dialect: AppDatabase["dialect"], range: InsightsRange): Prisma.Sql {
  const talk = Prisma.sql`COALESCE(c."duration", ${epochSeconds(dialect, Prisma.sql`c."completedAt"`)} - ${epochSeconds(dialect, Prisma.sql`c."answeredAt"`)}, 0)`;
  return Prisma.sql`
    WITH "staffed" AS MATERIALIZED (
      SELECT a."kind" AS "kind", a."direction" AS "direction", a."callId" AS "callId", a."messageId" AS "messageId"
      FROM "Activity" a
      WHERE ${inRange(range.start, range.end, range.phoneNumberId)}
        AND ((a."kind" = 'call' AND a."status" = 'answered') OR (a."kind" = 'message' AND a."direction" = 'outgoing')))
    SELECT x."userId" AS "userId", SUM(x."answered") AS "answered", SUM(x."talk") AS "talk", SUM(x."texts") AS "texts"
    FROM (
      SELECT CASE WHEN s."direction" = 'incoming' THEN COALESCE(c."answeredBy", c."userId") ELSE COALESCE(c."initiatedBy", c."userId") END AS "userId",
             CASE WHEN s."direction" = 'incoming' THEN 1 ELSE 0 END AS "answered", ${talk} AS "talk", 0 AS "texts"
      FROM "staffed" s JOIN "Call" c ON c."id" = s."callId"
      WHERE s."kind" = 'call'
      UNION ALL
      SELECT m."userId", 0, 0, 1
      FROM "staffed" s JOIN "Message" m ON m."id" = s."messageId"
      WHERE s."kind" = 'message'
    ) x
    GROUP BY x."userId"`;
}

export async function getStaffLoad(db: AppDatabase, range: InsightsRange): Promise<StaffRow[]> {
  const rows = await db.prisma.$queryRaw<{ userId: string | null; answered: Num; talk: Num; texts: Num }[]>(staffSql(db.dialect, range));
  const names = await openPhoneUserNames(db, rows.map((r) => r.userId));
  return rows
    .map((r) => ({ userId: r.userId, name: r.userId ? (names.get(r.userId) ?? null) : null, callsAnswered: num(r.answered), talkSeconds: num(r.talk), textsSent: num(r.texts) }))
    .sort((a, b) => b.callsAnswered - a.callsAnswered || b.talkSeconds - a.talkSeconds || b.textsSent - a.textsSent || (a.userId ?? "~").localeCompare(b.userId ?? "~"));
}

/** Every figure of the page: the queries run side by side on PostgreSQL's pool (SQLite runs them in turn). */
export async function getInsights(db: AppDatabase, range: InsightsRange): Promise<Insights> {
  const [volume, previous, callbacks, firstResponse, heatMap, staff] = await Promise.all([
    getVolume(db, range),
    getPreviousPeriodCalls(db, range),
    getCallbackTimes(db, range),
    getFirstResponseTimes(db, range),
    getHeatMap(db, range),
    getStaffLoad(db, range),
  ]);
  return { volume, missedRate: missedRateOf(volume, previous), callbacks, firstResponse, heatMap, staff };
}
