// Validates configuration and applies pending migrations before the server starts.
// Prints one line per outcome; exits 1 with a clear message when the app cannot start.
import { prepareDatabase } from "../lib/db/prepare";
import { redactDatabaseUrl } from "../lib/db/database-url";
import { loadEnv } from "../lib/env";

const outcome = await prepareDatabase();
if (!outcome.ok) {
  console.error(`✖ ${outcome.message}`);
  process.exit(1);
}
const { applied, alreadyApplied, dialect } = outcome.result;
const url = redactDatabaseUrl(loadEnv().DATABASE_URL);
console.log(
  applied.length
    ? `✔ ${dialect} ${url}: applied ${applied.length} migration(s): ${applied.join(", ")}`
    : `✔ ${dialect} ${url}: up to date (${alreadyApplied.length} migration(s))`,
);
