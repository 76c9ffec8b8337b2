import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client";
import { PrismaClient as PostgresClient } from "../generated/postgres/client";
import { parseDatabaseUrl } from "./database-url";
import { pgPoolConfig } from "./pg-pool-config";
import { CachedStatementsSqliteAdapter } from "./sqlite-statement-cache";
import type { AppDatabase, PrismaHandle } from "./types";

/** Builds a Prisma client whose driver adapter follows the URL's scheme. Does not connect yet. */
export function createDatabase(
  url: string,
  options: { poolSize?: number; busyTimeoutMs?: number; onQuery?: (sql: string) => void } = {},
): AppDatabase {
  const target = parseDatabaseUrl(url);
  // Tests count the statements of a delivery (tests/integration/ingest-statements.test.ts).
  const log = options.onQuery ? ([{ emit: "event", level: "query" }] as const) : undefined;
  if (target.dialect === "sqlite") {
    // timeout = SQLite busy timeout: a second process (CLI, worker) waits instead of failing with SQLITE_BUSY.
    // better-sqlite3 waits on the calling thread, so the server keeps it short (lib/db/shared.ts).
    // Compiled statements are kept between queries (lib/db/sqlite-statement-cache.ts).
    const adapter = new CachedStatementsSqliteAdapter({ url: target.file, timeout: options.busyTimeoutMs ?? 10_000 });
    const prisma = new SqliteClient({ adapter, log: log ? [...log] : undefined });
    if (options.onQuery) prisma.$on("query" as never, (e: { query: string }) => options.onQuery!(e.query));
    return { prisma, dialect: "sqlite", url };
  }
  const adapter = new PrismaPg(pgPoolConfig(target.connectionString, target.schema, options.poolSize ?? 10), {
    schema: target.schema,
  });
  const prisma = new PostgresClient({ adapter, log: log ? [...log] : undefined });
  if (options.onQuery) prisma.$on("query" as never, (e: { query: string }) => options.onQuery!(e.query));
  return { prisma: prisma as unknown as PrismaHandle, dialect: "postgres", url };
}
