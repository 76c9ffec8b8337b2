import type { AppDatabase, Dialect } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { encodeTimelineCursor, type TimelineCursor } from "../cursor";
import { DEFAULT_PAGE_SIZE, type TimelineFilters } from "./filters";
import { latestActivityId, loadTimelineItems, type IdRow, type TimelinePage } from "./queries";
import { postgresSearch } from "./search-postgres";
import { containsPattern, HIGHLIGHT_START, nameTokens, phoneDigits } from "./search-query";
import { sqliteSearch } from "./search-sqlite";
import { filterConditions, whereClause } from "./sql";

/**
 * Timeline search: contact matches first, then text matches ranked by relevance. What differs per
 * dialect (the ranking and excerpt SQL) lives in search-sqlite.ts and search-postgres.ts.
 */

/** The dialect-specific half of search. */
export type DialectSearch = {
  /**
   * The text-ranking query (null: nothing searchable). The window (the `window` most recent matches,
   * by id) is found by walking the matches newest-first; only those are ranked.
   */
  rankSql(q: string, conditions: Prisma.Sql[], limit: number, offset: number, window: number): Prisma.Sql | null;
  /** Excerpts of the matched text of these ids (never empty), with highlight markers (null: nothing searchable). */
  highlightSql(q: string, ids: number[]): Prisma.Sql | null;
};

const SEARCH: Record<Dialect, DialectSearch> = { sqlite: sqliteSearch, postgres: postgresSearch };

const MAX_CONTACT_MATCHES = 50;
/**
 * Ranking costs time per matching row (bm25 / ts_rank), so a word found in half of 100,000 rows would
 * make search linear in the data. Text matches are ranked among the SEARCH_WINDOW most recently
 * recorded ones (highest ids); filters and more words reach further back.
 */
export const SEARCH_WINDOW = 5_000;

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

/** The text-ranking query of a search (null: nothing searchable), exported so the benchmark can EXPLAIN it. */
export function searchRankSql(
  dialect: Dialect,
  q: string,
  conditions: Prisma.Sql[],
  limit: number,
  offset: number,
  window: number,
): Prisma.Sql | null {
  return SEARCH[dialect].rankSql(q, conditions, limit, offset, window);
}

/** Excerpts of the matched text for one page of results, with highlight markers. */
async function highlight(db: AppDatabase, q: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const sql = SEARCH[db.dialect].highlightSql(q, ids);
  if (!sql) return new Map();
  const rows = await db.prisma.$queryRaw<{ id: number | bigint; snippet: string | null }[]>(sql);
  const snippets = new Map<number, string>();
  for (const row of rows) {
    const text = row.snippet ? tidySnippet(row.snippet) : "";
    if (text.includes(HIGHLIGHT_START)) snippets.set(Number(row.id), text);
  }
  return snippets;
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
