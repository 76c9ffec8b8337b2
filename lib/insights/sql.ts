import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import type { OffsetSegment } from "./zone-offsets";

/**
 * SQL pieces the insights queries share, for both dialects. Times become whole UTC seconds, then
 * local seconds by adding the offset of the zone segment they fall in (a CASE over the few offset
 * changes of the range); local day = local seconds / 86400, hour = its remainder / 3600. All
 * integer arithmetic, so SQLite and PostgreSQL bucket identically.
 */

type Dialect = AppDatabase["dialect"];

/** Whole seconds since 1970 (UTC) of a timestamp expression. */
export function epochSeconds(dialect: Dialect, expression: Prisma.Sql): Prisma.Sql {
  // SQLite stores ISO-8601 text with an offset (unixepoch() reads it); PostgreSQL a UTC TIMESTAMP(3).
  return dialect === "sqlite"
    ? Prisma.sql`unixepoch(${expression})`
    : Prisma.sql`CAST(FLOOR(EXTRACT(EPOCH FROM ${expression})) AS BIGINT)`;
}

function integerLiteral(value: number): Prisma.Sql {
  if (!Number.isSafeInteger(value)) throw new Error(`not an integer: ${value}`);
  // A literal, not a parameter: PostgreSQL cannot type a CASE whose branches are all parameters.
  return Prisma.raw(String(value));
}

/** Local seconds (UTC seconds + the zone's offset at that instant) of a timestamp column. */
export function localSeconds(dialect: Dialect, column: Prisma.Sql, segments: OffsetSegment[]): Prisma.Sql {
  const [first, ...rest] = segments;
  if (!first) throw new Error("no offset segments");
  const epoch = epochSeconds(dialect, column);
  if (rest.length === 0) return Prisma.sql`(${epoch} + ${integerLiteral(first.offsetSeconds)})`;
  const branches: Prisma.Sql[] = [];
  let offset = first.offsetSeconds;
  for (const segment of rest) {
    branches.push(Prisma.sql`WHEN ${column} < ${segment.from} THEN ${integerLiteral(offset)}`);
    offset = segment.offsetSeconds;
  }
  return Prisma.sql`(${epoch} + CASE ${Prisma.join(branches, " ")} ELSE ${integerLiteral(offset)} END)`;
}

/** The calendar day (YYYY-MM-DD) of a local day number (local seconds / 86400). */
export function dayOfNumber(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** An incoming call that went unanswered: missed, or left a voicemail (which may arrive before the outcome settles). */
export const MISSED_CALL = Prisma.sql`(a."kind" = 'call' AND a."direction" = 'incoming' AND (a."status" IN ('missed', 'voicemail') OR a."hasVoicemail" = TRUE))`;

/**
 * The chart category of an activity row `a`: one rule, used by the volume chart, the missed-call
 * rate and their tables (VOLUME_CATEGORIES in lib/insights/queries.ts lists the same names).
 */
export const CATEGORY = Prisma.sql`CASE
  WHEN a."kind" = 'message' AND a."direction" = 'incoming' THEN 'text_in'
  WHEN a."kind" = 'message' THEN 'text_out'
  WHEN a."direction" = 'outgoing' THEN 'call_out'
  WHEN a."status" = 'voicemail' OR a."hasVoicemail" = TRUE THEN 'voicemail'
  WHEN a."status" = 'missed' THEN 'missed'
  WHEN a."status" = 'answered' THEN 'answered'
  ELSE 'call_other' END`;

/**
 * The first outgoing call or text to the same contact after `a` (any workspace number): one seek
 * in Activity_contactId_direction_occurredAt_idx.
 */
export const NEXT_OUTGOING_AT = Prisma.sql`(SELECT MIN(o."occurredAt") FROM "Activity" o
  WHERE o."contactId" = a."contactId" AND o."direction" = 'outgoing' AND o."occurredAt" > a."occurredAt")`;

/** Rows of `a` in [start, end), on one workspace number or all. */
export function inRange(start: Date, end: Date, phoneNumberId: number | null): Prisma.Sql {
  const range = Prisma.sql`a."occurredAt" >= ${start} AND a."occurredAt" < ${end}`;
  return phoneNumberId === null ? range : Prisma.sql`${range} AND a."phoneNumberId" = ${phoneNumberId}`;
}
