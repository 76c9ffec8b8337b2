// `npm run restore -- FILE`: checks a backup (integrity, migrations of this version) and puts it in
// place of the SQLite database; refuses while the app has the database open. Logic: lib/db/backup.ts.
import { parseArgs } from "node:util";
import { restoreDatabase } from "../lib/db/backup";
import { loadCliConfig } from "./cli-env";

const { positionals } = parseArgs({ allowPositionals: true, options: {} });
if (positionals.length !== 1) {
  console.error("✖ Usage: npm run restore -- FILE   (stop the app first)");
  process.exit(2);
}
const databaseUrl = loadCliConfig().DATABASE_URL;
const result = restoreDatabase(databaseUrl, positionals[0]!, new Date());
if (!result.ok) {
  console.error(`✖ Restore refused: ${result.message}`);
  process.exit(1);
}
console.log(`✔ Restored ${result.file}${result.previous ? ` (the replaced database is kept as ${result.previous})` : ""}. Start the app: pending migrations apply on start.`);
