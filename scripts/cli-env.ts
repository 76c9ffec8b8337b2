// Shared start of every operator CLI (users, webhooks, events, backup, restore): the app's validated
// configuration, or one "✖ …" line and exit code 2; and, for commands that need it, the migrated
// database, closed when the command ends.
import { createDatabase } from "../lib/db/create-database";
import { migrate } from "../lib/db/migrate";
import type { AppDatabase } from "../lib/db/types";
import { ConfigError, loadEnv, type Env } from "../lib/env";

export function loadCliConfig(): Env {
  try {
    return loadEnv();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`✖ ${error.message}`);
    process.exit(2);
  }
}

/** Runs `command` against the migrated database and sets the process exit code to its answer. */
export async function runWithDatabase(command: (db: AppDatabase, config: Env) => Promise<number>): Promise<void> {
  const config = loadCliConfig();
  await migrate(config.DATABASE_URL);
  const db = createDatabase(config.DATABASE_URL, { poolSize: 2 });
  try {
    process.exitCode = await command(db, config);
  } finally {
    await db.prisma.$disconnect();
  }
}
