// `npm run backup -- --to FILE`: a consistent copy of the SQLite database, taken while the app runs.
// Logic: lib/db/backup.ts. PostgreSQL: pg_dump (README).
import { parseArgs } from "node:util";
import { backupDatabase } from "../lib/db/backup";
import { loadCliConfig } from "./cli-env";

const { values } = parseArgs({ options: { to: { type: "string" } } });
if (!values.to) {
  console.error("✖ Usage: npm run backup -- --to FILE");
  process.exit(2);
}
const databaseUrl = loadCliConfig().DATABASE_URL;
const result = await backupDatabase(databaseUrl, values.to);
if (!result.ok) {
  console.error(`✖ Backup failed: ${result.message}`);
  process.exit(1);
}
console.log(`✔ Backed up to ${result.file} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB, integrity checked)`);
