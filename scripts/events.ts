// `npm run events -- <prune|replay> …`: event-log retention and replay from a shell (lib/event-log/cli.ts).
import { createDatabase } from "../lib/db/create-database";
import { migrate } from "../lib/db/migrate";
import { runEventsCli } from "../lib/event-log/cli";
import { ConfigError, loadEnv } from "../lib/env";

let config;
try {
  config = loadEnv();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`✖ ${error.message}`);
    process.exit(2);
  }
  throw error;
}
await migrate(config.DATABASE_URL);
const db = createDatabase(config.DATABASE_URL, { poolSize: 2 });
try {
  process.exitCode = await runEventsCli(process.argv.slice(2), { db, retentionDays: config.EVENT_BODY_RETENTION_DAYS, out: (line) => console.log(line) });
} finally {
  await db.prisma.$disconnect();
}
