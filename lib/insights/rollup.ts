import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import type { InsightsRange } from "./range";
import { CATEGORY, epochSeconds } from "./sql";
import type { OffsetSegment } from "./zone-offsets";

/**
 * The counting charts (volume, missed-call rate, previous period, heat map) read ActivityRollup:
 * Activity counts per UTC quarter hour × number × category × incoming, kept exact by triggers
 * (prisma/migrations/<dialect>/0013_activity_rollup). Thirty days are ~3,000 quarter hours, a few
 * thousand rows however many activities they hold; scanning the range's activities took a second
 * at a million.
 *
 * A quarter hour maps to one local day and hour exactly when the range's edges and offset changes
 * fall on quarter hours, which holds for every zone in use today (offsets are whole quarter hours,
 * changes happen at whole local hours). `rollupCovers` checks it; a range it rejects is counted
 * from Activity instead.
 */

export const QUARTER_HOUR_SECONDS = 900;
const QUARTER_HOUR_MS = QUARTER_HOUR_SECONDS * 1000;

const onQuarterHour = (instant: Date) => instant.getTime() % QUARTER_HOUR_MS === 0;

/** Whether the rollup counts this range exactly (see above). */
export function rollupCovers(range: Pick<InsightsRange, "start" | "end" | "previous" | "segments">): boolean {
  return (
    [range.start, range.end, range.previous.start, range.previous.end].every(onQuarterHour) &&
    range.segments.every((s) => onQuarterHour(s.from) && s.offsetSeconds % QUARTER_HOUR_SECONDS === 0)
  );
}

function bucketOf(instant: Date): Prisma.Sql {
  return Prisma.raw(String(instant.getTime() / QUARTER_HOUR_MS));
}

/** Rollup rows `r` of [start, end), on one workspace number or all. */
function bucketsIn(start: Date, end: Date, phoneNumberId: number | null): Prisma.Sql {
  // n = 0: a count every activity left (a call whose outcome settled elsewhere); the row stays for reuse.
  const range = Prisma.sql`r."bucket" >= ${bucketOf(start)} AND r."bucket" < ${bucketOf(end)} AND r."n" <> 0`;
  // Rows without a number are stored under 0, which no PhoneNumber id equals.
  return phoneNumberId === null ? range : Prisma.sql`${range} AND r."phoneNumberId" = ${phoneNumberId}`;
}

/** Local seconds at the start of quarter hour `r."bucket"` (lib/insights/sql.ts localSeconds, on integers). */
function localSecondsOfBucket(segments: OffsetSegment[]): Prisma.Sql {
  const [first, ...rest] = segments;
  if (!first) throw new Error("no offset segments");
  // BIGINT: quarter hours × 900 passes 2^31 in 2038.
  const utc = Prisma.sql`CAST(r."bucket" AS BIGINT) * ${Prisma.raw(String(QUARTER_HOUR_SECONDS))}`;
  if (rest.length === 0) return Prisma.sql`(${utc} + ${Prisma.raw(String(first.offsetSeconds))})`;
  const branches: Prisma.Sql[] = [];
  let offset = first.offsetSeconds;
  for (const segment of rest) {
    branches.push(Prisma.sql`WHEN r."bucket" < ${bucketOf(segment.from)} THEN ${Prisma.raw(String(offset))}`);
    offset = segment.offsetSeconds;
  }
  return Prisma.sql`(${utc} + CASE ${Prisma.join(branches, " ")} ELSE ${Prisma.raw(String(offset))} END)`;
}

/** Volume per local day and category (same rows as volumeSql in lib/insights/queries.ts). */
export function rollupVolumeSql(range: InsightsRange): Prisma.Sql {
  return Prisma.sql`
    SELECT x."day" AS "day", x."category" AS "category", SUM(x."n") AS "n"
    FROM (SELECT ${localSecondsOfBucket(range.segments)} / 86400 AS "day", r."category" AS "category", r."n" AS "n"
          FROM "ActivityRollup" r WHERE ${bucketsIn(range.start, range.end, range.phoneNumberId)}) x
    GROUP BY x."day", x."category"`;
}

/**
 * Incoming and missed calls of the period before the range. An incoming call's category is never
 * call_out, and it is missed (MISSED_CALL in lib/insights/sql.ts) exactly when its category is
 * missed or voicemail.
 */
export function rollupPreviousPeriodSql(range: InsightsRange): Prisma.Sql {
  return Prisma.sql`
    SELECT SUM(r."n") AS "incoming", SUM(CASE WHEN r."category" IN ('missed', 'voicemail') THEN r."n" ELSE 0 END) AS "missed"
    FROM "ActivityRollup" r
    WHERE ${bucketsIn(range.previous.start, range.previous.end, range.phoneNumberId)}
      AND r."incoming" = TRUE AND r."category" IN ('answered', 'missed', 'voicemail', 'call_other')`;
}

/** Incoming calls and texts per local weekday × hour (same rows as heatMapSql in lib/insights/queries.ts). */
export function rollupHeatMapSql(range: InsightsRange): Prisma.Sql {
  // 1970-01-01, local day 0, was a Thursday (weekday 4).
  return Prisma.sql`
    SELECT (x."local" / 86400 + 4) % 7 AS "weekday", (x."local" % 86400) / 3600 AS "hour", SUM(x."n") AS "n"
    FROM (SELECT ${localSecondsOfBucket(range.segments)} AS "local", r."n" AS "n" FROM "ActivityRollup" r
          WHERE ${bucketsIn(range.start, range.end, range.phoneNumberId)} AND r."incoming" = TRUE) x
    GROUP BY 1, 2`;
}

export type RollupRow = { bucket: number; phoneNumberId: number; category: string; incoming: boolean; n: number };

/** The rollup's non-zero rows, in key order (tests compare them with recountRollup). */
export async function listRollup(db: AppDatabase): Promise<RollupRow[]> {
  const rows = await db.prisma.$queryRaw<{ bucket: number | bigint; phoneNumberId: number | bigint; category: string; incoming: boolean | number | bigint; n: number | bigint }[]>(Prisma.sql`
    SELECT r."bucket", r."phoneNumberId", r."category", r."incoming", r."n" FROM "ActivityRollup" r
    WHERE r."n" <> 0 ORDER BY r."bucket", r."phoneNumberId", r."category", r."incoming"`);
  return rows.map(rollupRow);
}

function rollupRow(r: { bucket: number | bigint; phoneNumberId: number | bigint; category: string; incoming: boolean | number | bigint; n: number | bigint }): RollupRow {
  return { bucket: Number(r.bucket), phoneNumberId: Number(r.phoneNumberId), category: r.category, incoming: Boolean(Number(r.incoming)), n: Number(r.n) };
}

/**
 * What the rollup must hold, counted from Activity with the queries' own CATEGORY rule: the
 * triggers' CASE repeats it in SQL, and tests hold the two equal after any sequence of events.
 */
export async function recountRollup(db: AppDatabase): Promise<RollupRow[]> {
  const rows = await db.prisma.$queryRaw<{ bucket: number | bigint; phoneNumberId: number | bigint; category: string; incoming: boolean | number | bigint; n: number | bigint }[]>(Prisma.sql`
    SELECT x."bucket" AS "bucket", x."phoneNumberId" AS "phoneNumberId", x."category" AS "category", x."incoming" AS "incoming", COUNT(*) AS "n"
    FROM (SELECT ${epochSeconds(db.dialect, Prisma.sql`a."occurredAt"`)} / ${Prisma.raw(String(QUARTER_HOUR_SECONDS))} AS "bucket",
                 COALESCE(a."phoneNumberId", 0) AS "phoneNumberId", ${CATEGORY} AS "category",
                 CASE WHEN a."direction" = 'incoming' THEN TRUE ELSE FALSE END AS "incoming"
          FROM "Activity" a) x
    GROUP BY x."bucket", x."phoneNumberId", x."category", x."incoming"
    ORDER BY x."bucket", x."phoneNumberId", x."category", x."incoming"`);
  return rows.map(rollupRow);
}
