import type { ArtifactKind } from "../completeness/rules";
import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { attachmentFileName, attachmentKind, resolveContentType, type AttachmentKind } from "../media/attachment-kind";
import { contactFullName } from "../contacts/name";
import { encodeTimelineCursor, type TimelineCursor } from "../cursor";
import { DEFAULT_PAGE_SIZE, type TimelineFilters } from "./filters";
import { afterPosition, filterConditions, VOICEMAIL_CONDITION, whereClause } from "./sql";

/**
 * The activity timeline: keyset-paginated (occurredAt desc, id desc) lists of messages and calls,
 * and cheap counts; search is in search.ts, and page.ts picks one or the other. Every query selects
 * ids first (raw SQL over the Activity indexes, one filter builder for both dialects), then loads
 * what a row shows.
 */

/** Everything one timeline row shows; plain JSON (the API returns it as is). */
export type TimelineItem = {
  id: number;
  kind: "message" | "call";
  occurredAt: string;
  direction: "incoming" | "outgoing" | null;
  /** Message status or call outcome. */
  status: string | null;
  /** Message text or call summary, shortened. */
  preview: string;
  /** A search excerpt with HIGHLIGHT_START/END markers around matches (search results only). */
  snippet: string | null;
  conversationId: number | null;
  contact: { id: number | null; name: string | null; number: string | null } | null;
  inbox: { id: number; name: string | null; number: string | null } | null;
  hasMedia: boolean;
  hasRecording: boolean;
  hasVoicemail: boolean;
  hasSummary: boolean;
  hasTranscript: boolean;
  message: {
    /** The whole message text (the preview is shortened). */
    text: string | null;
    errorCode: string | null;
    errorMessage: string | null;
    /** Attachments by id: shown through mediaProxyUrl("attachment", id), never their upstream URL. */
    media: { id: number; contentType: string | null; kind: AttachmentKind; name: string }[];
  } | null;
  call: {
    openphoneId: string;
    durationSeconds: number | null;
    voicemailSeconds: number | null;
    forwardedTo: string | null;
    /** Pieces the completeness watch still waits for, or gave up on (lib/completeness/). */
    awaiting: { kind: ArtifactKind; unavailable: boolean }[];
  } | null;
};

export type TimelinePage = {
  items: TimelineItem[];
  nextCursor: string | null;
  /** Search only: more than SEARCH_WINDOW items matched, so only the most recent of them were ranked. */
  searchWindowed?: boolean;
};

export type KindCounts = { all: number; message: number; call: number; voicemail: number };

export type IdRow = { id: number | bigint };

/** Name, else company, else null (the row then shows the formatted number). */
export function contactName(contact: { firstName: string | null; lastName: string | null; company: string | null }): string | null {
  return contactFullName(contact) ?? (contact.company?.trim() || null);
}

function callSeconds(call: { duration: number | null; answeredAt: Date | null; completedAt: Date | null }): number | null {
  if (call.duration !== null) return call.duration;
  if (call.answeredAt && call.completedAt) return Math.max(0, Math.round((call.completedAt.getTime() - call.answeredAt.getTime()) / 1000));
  return null;
}

/** Loads the rows of these ids, in the given order. */
export async function loadTimelineItems(db: AppDatabase, ids: number[], snippets: Map<number, string> = new Map()): Promise<TimelineItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.prisma.activity.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      kind: true,
      occurredAt: true,
      direction: true,
      status: true,
      preview: true,
      hasMedia: true,
      hasRecording: true,
      hasVoicemail: true,
      hasSummary: true,
      hasTranscript: true,
      conversationId: true,
      contact: { select: { id: true, firstName: true, lastName: true, company: true, number: true } },
      conversation: { select: { participant: true } },
      phoneNumber: { select: { id: true, name: true, number: true } },
      message: {
        select: {
          text: true,
          errorCode: true,
          errorMessage: true,
          media: { select: { id: true, contentType: true, url: true, position: true }, orderBy: { position: "asc" } },
        },
      },
      call: {
        select: {
          openphoneId: true,
          duration: true,
          answeredAt: true,
          completedAt: true,
          forwardedTo: true,
          voicemail: { select: { duration: true } },
          artifactWatches: { where: { status: { in: ["pending", "unavailable"] } }, select: { kind: true, status: true }, orderBy: { id: "asc" } },
        },
      },
    },
  });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items: TimelineItem[] = [];
  for (const id of ids) {
    const row = byId.get(id);
    if (!row) continue; // deleted between the two queries
    const number = row.conversation?.participant ?? row.contact?.number ?? null;
    items.push({
      id: row.id,
      kind: row.kind,
      occurredAt: row.occurredAt.toISOString(),
      direction: row.direction,
      status: row.status,
      preview: row.preview,
      snippet: snippets.get(row.id) ?? null,
      conversationId: row.conversationId,
      contact: row.contact || number ? { id: row.contact?.id ?? null, name: row.contact ? contactName(row.contact) : null, number } : null,
      inbox: row.phoneNumber ? { id: row.phoneNumber.id, name: row.phoneNumber.name, number: row.phoneNumber.number } : null,
      hasMedia: row.hasMedia,
      hasRecording: row.hasRecording,
      hasVoicemail: row.hasVoicemail,
      hasSummary: row.hasSummary,
      hasTranscript: row.hasTranscript,
      message: row.message
        ? {
            text: row.message.text,
            errorCode: row.message.errorCode,
            errorMessage: row.message.errorMessage,
            media: row.message.media.map((m) => {
              const contentType = resolveContentType(m.contentType, m.url);
              return { id: m.id, contentType, kind: attachmentKind(contentType), name: attachmentFileName(m.url, m.contentType, m.position) };
            }),
          }
        : null,
      call: row.call
        ? {
            openphoneId: row.call.openphoneId,
            durationSeconds: callSeconds(row.call),
            voicemailSeconds: row.call.voicemail?.duration != null ? Math.round(row.call.voicemail.duration) : null,
            forwardedTo: row.call.forwardedTo,
            // A piece that arrived since the watch last looked is not awaited any more.
            awaiting: row.call.artifactWatches
              .filter((w) => !{ recording: row.hasRecording, transcript: row.hasTranscript, summary: row.hasSummary, voicemail: row.hasVoicemail }[w.kind])
              .map((w) => ({ kind: w.kind, unavailable: w.status === "unavailable" })),
          }
        : null,
    });
  }
  return items;
}

/** The ids (and positions) of one timeline page: exported so the benchmark can EXPLAIN it. */
export function timelineIdsSql(filters: TimelineFilters, cursor: Extract<TimelineCursor, { kind: "time" }> | null, limit: number): Prisma.Sql {
  const conditions = filterConditions(filters);
  if (cursor) conditions.push(afterPosition(cursor.occurredAt, cursor.id));
  return Prisma.sql`
    SELECT a."id", a."occurredAt" FROM "Activity" a ${whereClause(conditions)}
    ORDER BY a."occurredAt" DESC, a."id" DESC LIMIT ${limit}`;
}

/** One page of the reverse-chronological timeline after `cursor` (null: the newest). */
export async function listTimeline(
  db: AppDatabase,
  filters: TimelineFilters,
  options: { cursor?: Extract<TimelineCursor, { kind: "time" }> | null; limit?: number } = {},
): Promise<TimelinePage> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await db.prisma.$queryRaw<{ id: number | bigint; occurredAt: Date }[]>(timelineIdsSql(filters, options.cursor ?? null, limit + 1));
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last ? encodeTimelineCursor({ kind: "time", occurredAt: new Date(last.occurredAt), id: Number(last.id) }) : null;
  return { items: await loadTimelineItems(db, page.map((r) => Number(r.id))), nextCursor };
}

/** The highest Activity id right now: "N new" counts rows above it. */
export async function latestActivityId(db: AppDatabase): Promise<number> {
  const [row] = await db.prisma.$queryRaw<{ id: number | bigint | null }[]>(Prisma.sql`SELECT MAX("id") AS "id" FROM "Activity"`);
  return Number(row?.id ?? 0);
}

/** Items created after `afterId` that match the filter, newest first (the live "N new" pill). */
export async function listNewerThan(db: AppDatabase, filters: TimelineFilters, afterId: number, limit = DEFAULT_PAGE_SIZE): Promise<TimelineItem[]> {
  const conditions = [Prisma.sql`a."id" > ${afterId}`, ...filterConditions(filters)];
  const rows = await db.prisma.$queryRaw<IdRow[]>(Prisma.sql`
    SELECT a."id" FROM "Activity" a ${whereClause(conditions)}
    ORDER BY a."occurredAt" DESC, a."id" DESC LIMIT ${limit}`);
  return loadTimelineItems(db, rows.map((r) => Number(r.id)));
}

/**
 * Exact counts scan the matching part of Activity_timeline_idx: ~25 ms per 100,000 rows. They are
 * shown while that stays cheap (not for searches; beyond COUNTS_UP_TO rows only inside one
 * conversation or contact, whose own indexes keep the scan small).
 */
export const COUNTS_UP_TO = 250_000;

export function countsAreCheap(filters: TimelineFilters, latestId: number): boolean {
  if (filters.q) return false;
  return latestId <= COUNTS_UP_TO || filters.conversationId !== null || filters.contactId !== null;
}

/** The kind counts' query (answered from Activity_timeline_idx alone); exported so the benchmark can EXPLAIN it. */
export function kindCountsSql(filters: TimelineFilters): Prisma.Sql {
  return Prisma.sql`
    SELECT a."kind" AS "kind", COUNT(*) AS "n", SUM(CASE WHEN ${VOICEMAIL_CONDITION} THEN 1 ELSE 0 END) AS "voicemails"
    FROM "Activity" a ${whereClause(filterConditions(filters, { withKind: false }))}
    GROUP BY a."kind"`;
}

/** Messages, calls and voicemails matching the filter (its own kind ignored), for the kind tabs. */
export async function countByKind(db: AppDatabase, filters: TimelineFilters): Promise<KindCounts> {
  const rows = await db.prisma.$queryRaw<{ kind: string; n: number | bigint; voicemails: number | bigint | null }[]>(kindCountsSql(filters));
  const counts: KindCounts = { all: 0, message: 0, call: 0, voicemail: 0 };
  for (const row of rows) {
    const n = Number(row.n);
    counts.all += n;
    if (row.kind === "message") counts.message = n;
    if (row.kind === "call") {
      counts.call = n;
      counts.voicemail = Number(row.voicemails ?? 0);
    }
  }
  return counts;
}

/** Workspace numbers for the inbox filter. */
export async function listInboxes(db: AppDatabase): Promise<{ id: number; name: string | null; number: string | null }[]> {
  return db.prisma.phoneNumber.findMany({ select: { id: true, name: true, number: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
}

/** The contact a filter names, for its chip. */
export async function getContactLabel(db: AppDatabase, id: number): Promise<{ id: number; name: string | null; number: string | null } | null> {
  const contact = await db.prisma.contact.findUnique({ where: { id }, select: { id: true, firstName: true, lastName: true, company: true, number: true } });
  return contact ? { id: contact.id, name: contactName(contact), number: contact.number } : null;
}
