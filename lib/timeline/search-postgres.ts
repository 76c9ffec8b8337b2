import { Prisma } from "../generated/sqlite/client";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "./search-query";
import { andConditions } from "./sql";
import type { DialectSearch } from "./search";

/**
 * Search on PostgreSQL: the generated Activity."searchVector" tsvector, ranked by ts_rank, excerpts
 * by ts_headline. websearch_to_tsquery never raises on user input (quotes, -, or, unbalanced anything).
 */
export const postgresSearch: DialectSearch = {
  rankSql(q, conditions, limit, offset, window) {
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
  },

  highlightSql(q, ids) {
    const options = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;
    return Prisma.sql`
      SELECT a."id" AS "id", ts_headline('english', a."searchText", query, ${options}) AS "snippet"
      FROM "Activity" a, websearch_to_tsquery('english', ${q}) query
      WHERE a."id" IN (${Prisma.join(ids)}) AND a."searchVector" @@ query`;
  },
};
