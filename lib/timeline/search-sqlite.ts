import { Prisma } from "../generated/sqlite/client";
import { ftsMatchExpression, HIGHLIGHT_END, HIGHLIGHT_START } from "./search-query";
import { andConditions } from "./sql";
import type { DialectSearch } from "./search";

/** Search on SQLite: the ActivityFts FTS5 table, ranked by bm25, excerpts by snippet(). */
export const sqliteSearch: DialectSearch = {
  rankSql(q, conditions, limit, offset, window) {
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
  },

  highlightSql(q, ids) {
    const match = ftsMatchExpression(q);
    if (!match) return null;
    // One pass over the matches in the page's id range. `+rowid IN` keeps SQLite from turning the IN
    // list into one FTS query per id (each re-reads the whole doclist of every term).
    return Prisma.sql`
      SELECT "ActivityFts".rowid AS "id", snippet("ActivityFts", 0, ${HIGHLIGHT_START}, ${HIGHLIGHT_END}, '…', 24) AS "snippet"
      FROM "ActivityFts"
      WHERE "ActivityFts" MATCH ${match} AND "ActivityFts".rowid >= ${Math.min(...ids)} AND "ActivityFts".rowid <= ${Math.max(...ids)}
        AND +"ActivityFts".rowid IN (${Prisma.join(ids)})`;
  },
};
