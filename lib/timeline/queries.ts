import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { attachmentFileName, attachmentKind, resolveContentType, type AttachmentKind } from "../media/attachment-kind";
import { contactFullName } from "../contacts/name";
import { encodeTimelineCursor, type TimelineCursor } from "../cursor";
import { DEFAULT_PAGE_SIZE, type TimelineFilters } from "./filters";
import { afterPosition, andConditions, filterConditions, VOICEMAIL_CONDITION, whereClause } from "./sql";
import {
  containsPattern,
  ftsMatchExpression,
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  nameTokens,
  phoneDigits,
} from "./search-query";

/**
 * The activity timeline: keyset-paginated (occurredAt desc, id desc) lists of messages and calls,
 * ranked full-text search, and cheap counts. Every query selects ids first (raw SQL over the
 * Activity indexes, one filter builder for both dialects), then loads what a row shows.
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
  call: { openphoneId: string; durationSeconds: number | null; voicemailSeconds: number | null; forwardedTo: string | null } | null;
};

export type TimelinePage = {
  items: TimelineItem[];
  nextCursor: string | null;
  /** Search only: more than SEARCH_WINDOW items matched, so only the most recent of them were ranked. */
  searchWindowed?: boolean;
};

export type KindCounts = { all: number; message: number; call: number; voicemail: number };

const MAX_CONTACT_MATCHES = 50;
/**
 * Ranking costs time per matching row (bm25 / ts_rank), so a word found in half of 100,000 rows would
 * make search linear in the data. Text matches are ranked among the SEARCH_WINDOW most recently
 * recorded ones (highest ids); filters and more words reach further back.
 */
export const SEARCH_WINDOW = 5_000;

type IdRow = { id: number | bigint };

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

// ---------------------------------------------------------------------------------------------
// Search

/** Contacts whose name/company contains every token, or whose number contains the typed digits. */
export async function matchingContactIds(db: AppDatabase, q: string): Promise<number[]> {
  const clauses: Prisma.Sql[] = [];
  const digits = phoneDigits(q);
  if (digits) clauses.push(Prisma.sql`REPLACE(COALESCE(c."number", ''), '+', '') LIKE ${containsPattern(digits)} ESCAPE '\\'`);
  const tokens = nameTokens(q);
  if (tokens.length > 0) {
    const name = Prisma.sql`LOWER(COALESCE(c."firstName", '') || ' ' || COALESCE(c."lastName", '') || ' ' || COALESCE(c."company", ''))`;
    clauses.push(Prisma.join(tokens.map((t) => Prisma.sql`${name} LIKE ${containsPattern(t.toLowerCase())} ESCAPE '\\'`), " AND "));
  }
  if (clauses.length === 0) return [];
  const rows = await db.prisma.$queryRaw<IdRow[]>(Prisma.sql`
    SELECT c."id" FROM "Contact" c WHERE (${Prisma.join(clauses, ") OR (")}) ORDER BY c."id" LIMIT ${MAX_CONTACT_MATCHES}`);
  return rows.map((r) => Number(r.id));
}

/**
 * Ranked full-text search over message text, summaries, transcripts and numbers (Activity.searchText)
 * plus contact names and numbers. Contact matches come first (newest first), then text matches by
 * relevance (SQLite: bm25 over FTS5; PostgreSQL: ts_rank over the tsvector). Paged by offset below a
 * fixed highest id, so rows that arrive while paging never shift later pages.
 */
export async function searchTimeline(
  db: AppDatabase,
  filters: TimelineFilters & { q: string },
  options: { cursor?: Extract<TimelineCursor, { kind: "rank" }> | null; limit?: number; window?: number } = {},
): Promise<TimelinePage> {
  const limit = options.limit ?? DEFAULT_PAGE_SIZE;
  const offset = options.cursor?.offset ?? 0;
  const maxId = options.cursor?.maxId ?? (await latestActivityId(db));
  if (maxId === 0) return { items: [], nextCursor: null };
  const base = [Prisma.sql`a."id" <= ${maxId}`, ...filterConditions(filters)];
  const contactIds = await matchingContactIds(db, filters.q);

  // 1. Everything with a matching contact, newest first.
  const ids: number[] = [];
  let contactTotal = 0;
  if (contactIds.length > 0) {
    const conditions = [...base, Prisma.sql`a."contactId" IN (${Prisma.join(contactIds)})`];
    const [count] = await db.prisma.$queryRaw<{ n: number | bigint }[]>(
      Prisma.sql`SELECT CAST(COUNT(*) AS INTEGER) AS "n" FROM "Activity" a ${whereClause(conditions)}`,
    );
    contactTotal = Number(count?.n ?? 0);
    if (offset < contactTotal) {
      const rows = await db.prisma.$queryRaw<IdRow[]>(Prisma.sql`
        SELECT a."id" FROM "Activity" a ${whereClause(conditions)}
        ORDER BY a."occurredAt" DESC, a."id" DESC LIMIT ${limit + 1} OFFSET ${offset}`);
      ids.push(...rows.map((r) => Number(r.id)));
    }
  }

  // 2. Then text matches (other contacts), by relevance among the most recent ones.
  let windowed = false;
  if (ids.length <= limit) {
    const conditions = contactIds.length > 0 ? [...base, Prisma.sql`(a."contactId" IS NULL OR a."contactId" NOT IN (${Prisma.join(contactIds)}))`] : base;
    const window = options.window ?? SEARCH_WINDOW;
    const sql = searchRankSql(db.dialect, filters.q, conditions, limit + 1 - ids.length, Math.max(0, offset - contactTotal), window);
    if (sql) {
      const rows = await db.prisma.$queryRaw<(IdRow & { windowSize: number | bigint })[]>(sql);
      ids.push(...rows.map((r) => Number(r.id)));
      windowed = rows.length > 0 && Number(rows[0]!.windowSize) >= window;
    }
  }

  const page = ids.slice(0, limit);
  const nextCursor = ids.length > limit ? encodeTimelineCursor({ kind: "rank", offset: offset + limit, maxId }) : null;
  const snippets = await highlight(db, filters.q, page);
  return { items: await loadTimelineItems(db, page, snippets), nextCursor, ...(windowed ? { searchWindowed: true } : {}) };
}

/**
 * The text-ranking query of a search (null: nothing searchable), exported so the benchmark can
 * EXPLAIN it. The window (the `window` most recent matches, by id) is found by walking the matches
 * newest-first; only those are ranked.
 */
export function searchRankSql(
  dialect: AppDatabase["dialect"],
  q: string,
  conditions: Prisma.Sql[],
  limit: number,
  offset: number,
  window: number,
): Prisma.Sql | null {
  if (dialect === "sqlite") {
    const match = ftsMatchExpression(q);
    if (!match) return null;
    // MATERIALIZED: bm25() only works in the query that owns the FTS cursor, never in a flattened one.
    return Prisma.sql`
      WITH "window" AS MATERIALIZED (
        SELECT "ActivityFts".rowid AS "id", bm25("ActivityFts") AS "score"
        FROM "ActivityFts" JOIN "Activity" a ON a."id" = "ActivityFts".rowid
        WHERE "ActivityFts" MATCH ${match} ${andConditions(conditions)}
        ORDER BY "ActivityFts".rowid DESC LIMIT ${window})
      SELECT w."id" AS "id", (SELECT COUNT(*) FROM "window") AS "windowSize"
      FROM "window" w JOIN "Activity" a ON a."id" = w."id"
      ORDER BY w."score", a."occurredAt" DESC, a."id" DESC
      LIMIT ${limit} OFFSET ${offset}`;
  }
  // websearch_to_tsquery never raises on user input (quotes, -, or, unbalanced anything).
  return Prisma.sql`
    WITH "window" AS MATERIALIZED (
      SELECT a."id", a."occurredAt", a."searchVector"
      FROM "Activity" a, websearch_to_tsquery('english', ${q}) query
      WHERE a."searchVector" @@ query ${andConditions(conditions)}
      ORDER BY a."id" DESC LIMIT ${window})
    SELECT w."id" AS "id", (SELECT CAST(COUNT(*) AS INTEGER) FROM "window") AS "windowSize"
    FROM "window" w, websearch_to_tsquery('english', ${q}) query
    ORDER BY ts_rank(w."searchVector", query) DESC, w."occurredAt" DESC, w."id" DESC
    LIMIT ${limit} OFFSET ${offset}`;
}

/** Excerpts of the matched text for one page of results, with highlight markers. */
async function highlight(db: AppDatabase, q: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  let rows: { id: number | bigint; snippet: string | null }[];
  if (db.dialect === "sqlite") {
    const match = ftsMatchExpression(q);
    if (!match) return new Map();
    // One pass over the matches in the page's id range. `+rowid IN` keeps SQLite from turning the IN
    // list into one FTS query per id (each re-reads the whole doclist of every term).
    rows = await db.prisma.$queryRaw(Prisma.sql`
      SELECT "ActivityFts".rowid AS "id", snippet("ActivityFts", 0, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, '…', 24) AS "snippet"
      FROM "ActivityFts"
      WHERE "ActivityFts" MATCH ${match} AND "ActivityFts".rowid >= ${Math.min(...ids)} AND "ActivityFts".rowid <= ${Math.max(...ids)}
        AND +"ActivityFts".rowid IN (${Prisma.join(ids)})`);
  } else {
    const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
    rows = await db.prisma.$queryRaw(Prisma.sql`
      SELECT a."id" AS "id", ts_headline('english', a."searchText", query, ${options}) AS "snippet"
      FROM "Activity" a, websearch_to_tsquery('english', ${q}) query
      WHERE a."id" IN (${Prisma.join(ids)}) AND a."searchVector" @@ query`);
  }
  const snippets = new Map<number, string>();
  for (const row of rows) {
    const text = row.snippet ? tidySnippet(row.snippet) : "";
    if (text.includes(HIGHLIGHT_START)) snippets.set(Number(row.id), text);
  }
  return snippets;
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

/**
 * searchText ends with the message's numbers (so they are searchable); an excerpt shows them only
 * where they matched.
 */
export function tidySnippet(snippet: string): string {
  return snippet
    .replace(/(^|\s)\+\d{7,15}(?=\s|$|…)/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------

export type TimelineRequest = { filters: TimelineFilters; cursor: TimelineCursor | null; limit?: number };

/** A page of the timeline or of search results, whichever the filter asks for. */
export async function getTimelinePage(db: AppDatabase, request: TimelineRequest): Promise<TimelinePage> {
  const { filters, cursor, limit } = request;
  if (filters.q) {
    return searchTimeline(db, { ...filters, q: filters.q }, { cursor: cursor?.kind === "rank" ? cursor : null, limit });
  }
  return listTimeline(db, filters, { cursor: cursor?.kind === "time" ? cursor : null, limit });
}

/** Whether a cursor fits the kind of listing (a search cursor on a plain timeline is invalid). */
export function cursorFits(filters: TimelineFilters, cursor: TimelineCursor): boolean {
  return filters.q ? cursor.kind === "rank" : cursor.kind === "time";
}
