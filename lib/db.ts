import "server-only";
import { createDatabase, type Database } from "./db/create-database";
import { env } from "./env";

export type { Database, Db } from "./db/create-database";

const globalForDb = globalThis as unknown as { __openphoneInboxDb?: Database };

/** The one database handle of this process (survives dev hot reloads). */
export function getDatabase(): Database {
  globalForDb.__openphoneInboxDb ??= createDatabase(env().DATABASE_URL);
  return globalForDb.__openphoneInboxDb;
}
