import { loadEnv } from "../env";
import { createDatabase } from "./create-database";
import type { AppDatabase } from "./types";

const globalForDb = globalThis as unknown as { __openphoneInboxDb?: AppDatabase };

/**
 * The one database handle of this process (survives dev hot reloads). Server code imports it via
 * lib/db.ts (server-only); the start-up hook (instrumentation, outside the React server layer)
 * imports this file directly and gets the same handle.
 */
export function sharedDatabase(url: string = loadEnv().DATABASE_URL): AppDatabase {
  globalForDb.__openphoneInboxDb ??= createDatabase(url);
  return globalForDb.__openphoneInboxDb;
}
