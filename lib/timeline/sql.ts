import { Prisma } from "../generated/sqlite/client";
import type { TimelineFilters } from "./filters";

/**
 * The WHERE conditions of a timeline filter over `"Activity" a`, shared by the list, the counts,
 * the search and the export, on both dialects. Values are bound parameters; the few SQL literals
 * come from fixed whitelists, never from input.
 */
export function filterConditions(filters: TimelineFilters, options: { withKind?: boolean } = {}): Prisma.Sql[] {
  const where: Prisma.Sql[] = [];
  if (filters.phoneNumberId !== null) where.push(Prisma.sql`a."phoneNumberId" = ${filters.phoneNumberId}`);
  if (filters.contactId !== null) where.push(Prisma.sql`a."contactId" = ${filters.contactId}`);
  if (filters.conversationId !== null) where.push(Prisma.sql`a."conversationId" = ${filters.conversationId}`);
  if (filters.direction === "incoming") where.push(Prisma.sql`a."direction" = 'incoming'`);
  if (filters.direction === "outgoing") where.push(Prisma.sql`a."direction" = 'outgoing'`);
  if (options.withKind !== false) {
    const kind = kindCondition(filters.kind);
    if (kind) where.push(kind);
  }
  if (filters.status === "failed") where.push(Prisma.sql`a."status" IN ('failed', 'undelivered')`);
  else if (filters.status !== null) where.push(Prisma.sql`a."status" = ${filters.status}`);
  if (filters.hasRecording !== null) where.push(filters.hasRecording ? Prisma.sql`a."hasRecording" = TRUE` : Prisma.sql`a."hasRecording" = FALSE`);
  if (filters.hasMedia !== null) where.push(filters.hasMedia ? Prisma.sql`a."hasMedia" = TRUE` : Prisma.sql`a."hasMedia" = FALSE`);
  if (filters.since) where.push(Prisma.sql`a."occurredAt" >= ${filters.since}`);
  if (filters.until) where.push(Prisma.sql`a."occurredAt" < ${filters.until}`);
  return where;
}

/** A call whose outcome is voicemail, or that carries a voicemail (it may arrive before the outcome settles). */
export const VOICEMAIL_CONDITION = Prisma.sql`(a."status" = 'voicemail' OR a."hasVoicemail" = TRUE)`;

function kindCondition(kind: TimelineFilters["kind"]): Prisma.Sql | null {
  switch (kind) {
    case "message":
      return Prisma.sql`a."kind" = 'message'`;
    case "call":
      return Prisma.sql`a."kind" = 'call'`;
    case "voicemail":
      return Prisma.sql`a."kind" = 'call' AND ${VOICEMAIL_CONDITION}`;
    case null:
      return null;
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown kind ${String(unhandled)}`);
    }
  }
}

/** `WHERE c1 AND c2 …`, or nothing. */
export function whereClause(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** `AND c1 AND c2 …` after an existing condition, or nothing. */
export function andConditions(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length > 0 ? Prisma.sql`AND ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/**
 * Rows strictly after a keyset position in (occurredAt desc, id desc) order. Written as a range on
 * occurredAt plus a tie-break, so both planners walk the (occurredAt, id) indexes from that point.
 */
export function afterPosition(occurredAt: Date, id: number): Prisma.Sql {
  return Prisma.sql`a."occurredAt" <= ${occurredAt} AND (a."occurredAt" < ${occurredAt} OR a."id" < ${id})`;
}
