import type BetterSqlite3 from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";

/**
 * Prisma's better-sqlite3 adapter prepares every statement afresh (`client.prepare(sql).bind(args)`),
 * so SQLite parses and plans the same few SQL texts on every delivery: about a tenth of the
 * receiver's CPU under load (issue 14's profile). This keeps the compiled statements of the most
 * recent distinct SQL texts and hands the adapter a light view of one instead.
 *
 * better-sqlite3 lets `bind()` be called only once per statement, so the view does not bind: it
 * keeps the arguments and passes them on each call, which binds them the same way. The view
 * supports what the adapter uses (`reader`, `bind`, `run`, `columns`, `raw().all()`) and nothing
 * else, and fails loudly if a later adapter version calls anything more.
 */

type Statement = BetterSqlite3.Statement<unknown[], unknown>;
type Args = unknown[];

export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

class StatementView {
  #args: Args = [];

  constructor(private readonly statement: Statement) {}

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: Args): this {
    this.#args = args;
    return this;
  }

  run(): BetterSqlite3.RunResult {
    return this.statement.run(this.#args);
  }

  columns(): BetterSqlite3.ColumnDefinition[] {
    return this.statement.columns();
  }

  raw(): { all: () => unknown[] } {
    // Raw mode sticks to the compiled statement; every reader use of the adapter asks for it.
    this.statement.raw(true);
    return { all: () => this.statement.all(this.#args) };
  }
}

export type StatementCacheStats = { hits: number; misses: number; size: number };

/** Replaces `db.prepare` with a least-recently-used cache of `capacity` compiled statements. */
export function cacheStatements(db: BetterSqlite3.Database, capacity = DEFAULT_STATEMENT_CACHE_SIZE): () => StatementCacheStats {
  const prepare = db.prepare.bind(db) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const stats = { hits: 0, misses: 0 };
  const cachedPrepare = (sql: string): StatementView => {
    let statement = cache.get(sql);
    if (statement) {
      stats.hits++;
      cache.delete(sql); // re-inserted below: a Map iterates in insertion order, oldest first
    } else {
      stats.misses++;
      statement = prepare(sql);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, statement);
    return new StatementView(statement);
  };
  Object.defineProperty(db, "prepare", { value: cachedPrepare, configurable: true, writable: true });
  return () => ({ ...stats, size: cache.size });
}

type AdapterConfig = ConstructorParameters<typeof PrismaBetterSqlite3>[0];

/** The SQLite driver adapter with a statement cache on each connection it opens. */
export class CachedStatementsSqliteAdapter extends PrismaBetterSqlite3 {
  #lastStats: (() => StatementCacheStats) | undefined;

  constructor(
    config: AdapterConfig,
    private readonly capacity = DEFAULT_STATEMENT_CACHE_SIZE,
  ) {
    super(config);
  }

  override async connect(): ReturnType<PrismaBetterSqlite3["connect"]> {
    const adapter = await super.connect();
    // The adapter keeps its better-sqlite3 handle in a public `client` field (not in its types).
    const client = (adapter as unknown as { client?: BetterSqlite3.Database }).client;
    if (!client || typeof client.prepare !== "function") throw new Error("the SQLite adapter no longer exposes its client: the statement cache cannot attach");
    this.#lastStats = cacheStatements(client, this.capacity);
    return adapter;
  }

  /** Hits and misses of the most recently opened connection (tests and the benchmark). */
  statementCacheStats(): StatementCacheStats | undefined {
    return this.#lastStats?.();
  }
}
