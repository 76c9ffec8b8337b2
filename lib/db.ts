import "server-only";
import { sharedDatabase } from "./db/shared";
import type { AppDatabase } from "./db/types";
import { env } from "./env";

/** The one database handle of this process (survives dev hot reloads). */
export function getDatabase(): AppDatabase {
  return sharedDatabase(env().DATABASE_URL);
}
