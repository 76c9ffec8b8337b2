import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { MISSED_CALL } from "../insights/sql";
import { mediaProxyUrl } from "../media/urls";

/**
 * The callback queue: every missed call and voicemail not yet followed by an outgoing call or text
 * to that contact (from any workspace number), and not marked handled, oldest first.
 *
 * A contact's pending calls are exactly its missed calls after its last outgoing activity, so the
 * query walks contacts (one seek each in Activity_contactId_direction_occurredAt_idx for the last
 * outgoing time, one range in Activity_contactId_occurredAt_id_idx for what came after) instead of
 * every missed call ever (CROSS JOIN keeps SQLite's planner in that order). Calls from hidden
 * numbers have no contact and cannot be called back.
 */

export const CALLBACK_QUEUE_LIMIT = 100;
export const RECENTLY_HANDLED_LIMIT = 10;

export type CallbackItem = {
  activityId: number;
  occurredAt: Date;
  outcome: "missed" | "voicemail";
  conversationId: number | null;
  callOpenphoneId: string | null;
  contact: { id: number; number: string | null; firstName: string | null; lastName: string | null; company: string | null };
  phoneNumber: { id: number; name: string | null; number: string | null } | null;
  /** Played through our media proxy, never its upstream URL. */
  voicemail: { id: number; url: string; duration: number | null } | null;
};

export type HandledItem = CallbackItem & { handledAt: Date; handledBy: { name: string | null; email: string } | null };

const NEVER = new Date(0);

/**
 * Pending missed calls as ("id", "occurredAt"). Both planners must loop over contacts and seek into
 * Activity per contact; left alone they prefer scanning every missed call. SQLite keeps the written
 * order of a CROSS JOIN; PostgreSQL gets a LATERAL subquery (which SQLite does not have).
 */
function pendingSql(dialect: AppDatabase["dialect"]): Prisma.Sql {
  const lastOut = Prisma.sql`WITH "lastOut" AS MATERIALIZED (
      SELECT c."id" AS "contactId",
             COALESCE((SELECT MAX(o."occurredAt") FROM "Activity" o WHERE o."contactId" = c."id" AND o."direction" = 'outgoing'), ${NEVER}) AS "after"
      FROM "Contact" c)`;
  const pending = Prisma.sql`a."occurredAt" > l."after" AND ${MISSED_CALL}
      AND NOT EXISTS (SELECT 1 FROM "HandledCallback" h WHERE h."activityId" = a."id")`;
  if (dialect === "sqlite") {
    return Prisma.sql`${lastOut}
    SELECT a."id" AS "id", a."occurredAt" AS "occurredAt" FROM "lastOut" l CROSS JOIN "Activity" a
    WHERE a."contactId" = l."contactId" AND ${pending}`;
  }
  return Prisma.sql`${lastOut}
    SELECT p."id" AS "id", p."occurredAt" AS "occurredAt" FROM "lastOut" l
    CROSS JOIN LATERAL (SELECT a."id", a."occurredAt" FROM "Activity" a WHERE a."contactId" = l."contactId" AND ${pending}) p`;
}

/** The queue's ids, oldest first; exported so the benchmark can EXPLAIN it. */
export function callbackQueueSql(dialect: AppDatabase["dialect"], limit: number): Prisma.Sql {
  return Prisma.sql`SELECT q."id" FROM (${pendingSql(dialect)}) q ORDER BY q."occurredAt", q."id" LIMIT ${limit}`;
}

const itemSelect = {
  id: true,
  occurredAt: true,
  status: true,
  hasVoicemail: true,
  conversationId: true,
  contact: { select: { id: true, number: true, firstName: true, lastName: true, company: true } },
  phoneNumber: { select: { id: true, name: true, number: true } },
  call: { select: { openphoneId: true, voicemail: { select: { id: true, duration: true } } } },
} as const;

type ItemRow = {
  id: number;
  occurredAt: Date;
  status: string | null;
  hasVoicemail: boolean;
  conversationId: number | null;
  contact: CallbackItem["contact"] | null;
  phoneNumber: CallbackItem["phoneNumber"];
  call: { openphoneId: string; voicemail: { id: number; duration: number | null } | null } | null;
};

function toItem(row: ItemRow): CallbackItem | null {
  if (!row.contact) return null;
  const voicemail = row.call?.voicemail ?? null;
  return {
    activityId: row.id,
    occurredAt: row.occurredAt,
    outcome: row.status === "voicemail" || row.hasVoicemail ? "voicemail" : "missed",
    conversationId: row.conversationId,
    callOpenphoneId: row.call?.openphoneId ?? null,
    contact: row.contact,
    phoneNumber: row.phoneNumber,
    voicemail: voicemail ? { id: voicemail.id, url: mediaProxyUrl("voicemail", voicemail.id), duration: voicemail.duration } : null,
  };
}

export async function listCallbackQueue(db: AppDatabase, limit = CALLBACK_QUEUE_LIMIT): Promise<CallbackItem[]> {
  const ids = (await db.prisma.$queryRaw<{ id: number | bigint }[]>(callbackQueueSql(db.dialect, limit))).map((r) => Number(r.id));
  if (ids.length === 0) return [];
  const rows = await db.prisma.activity.findMany({ where: { id: { in: ids } }, select: itemSelect });
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const item = row ? toItem(row) : null;
    return item ? [item] : [];
  });
}

/** How many calls wait (the navigation badge). */
export async function countCallbackQueue(db: AppDatabase): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`SELECT COUNT(*) AS "n" FROM (${pendingSql(db.dialect)}) q`);
  return Number(row?.n ?? 0);
}

export type MarkHandledResult = { ok: true } | { ok: false; reason: "not_found" };

/** Takes a missed call or voicemail off the queue. Idempotent: the first who/when stays. */
export async function markCallbackHandled(db: AppDatabase, activityId: number, userId: number, now: Date): Promise<MarkHandledResult> {
  const [missed] = await db.prisma.$queryRaw<{ id: number | bigint }[]>(
    Prisma.sql`SELECT a."id" FROM "Activity" a WHERE a."id" = ${activityId} AND ${MISSED_CALL}`,
  );
  if (!missed) return { ok: false, reason: "not_found" };
  // ON CONFLICT DO NOTHING: two people clicking at once both succeed, and the first who/when stays.
  await db.prisma.$executeRaw(Prisma.sql`
    INSERT INTO "HandledCallback" ("activityId", "handledById", "handledAt") VALUES (${activityId}, ${userId}, ${now})
    ON CONFLICT ("activityId") DO NOTHING`);
  return { ok: true };
}

/** The latest calls marked handled, with who and when. */
export async function listRecentlyHandled(db: AppDatabase, limit = RECENTLY_HANDLED_LIMIT): Promise<HandledItem[]> {
  const rows = await db.prisma.handledCallback.findMany({
    orderBy: [{ handledAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { handledAt: true, handledBy: { select: { name: true, email: true } }, activity: { select: itemSelect } },
  });
  return rows.flatMap((row) => {
    const item = toItem(row.activity);
    return item ? [{ ...item, handledAt: row.handledAt, handledBy: row.handledBy }] : [];
  });
}
