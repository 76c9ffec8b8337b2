import "server-only";
import { createDatabase } from "./db/create-database";
import type { AppDatabase } from "./db/types";
import { env } from "./env";

const globalForDb = globalThis as unknown as { __openphoneInboxDb?: AppDatabase };

/** The one database handle of this process (survives dev hot reloads). */
export function getDatabase(): AppDatabase {
  globalForDb.__openphoneInboxDb ??= createDatabase(env().DATABASE_URL);
  return globalForDb.__openphoneInboxDb;
}
