import { loadEnv } from "../env";
import { createDatabase } from "./create-database";
import type { AppDatabase } from "./types";

/**
 * The server's SQLite busy timeout. better-sqlite3 waits it out on the event loop, so while another
 * process holds the write lock every request stalls that long: short enough that a delivery still
 * gets its 503 within 2 s on a busy machine (see lib/db/availability.ts), long enough for a CLI's brief write.
 */
export const SERVER_SQLITE_BUSY_TIMEOUT_MS = 500;

const globalForDb = globalThis as unknown as { __openphoneInboxDb?: AppDatabase };

/**
 * The one database handle of this process (survives dev hot reloads). Server code imports it via
 * lib/db.ts (server-only); the start-up hook (instrumentation, outside the React server layer)
 * imports this file directly and gets the same handle.
 */
export function sharedDatabase(url: string = loadEnv().DATABASE_URL): AppDatabase {
  globalForDb.__openphoneInboxDb ??= createDatabase(url, { busyTimeoutMs: SERVER_SQLITE_BUSY_TIMEOUT_MS });
  return globalForDb.__openphoneInboxDb;
}
