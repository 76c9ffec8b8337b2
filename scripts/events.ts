// `npm run events -- <prune|replay> …`: event-log retention and replay from a shell (lib/event-log/cli.ts).
import { runEventsCli } from "../lib/event-log/cli";
import { runWithDatabase } from "./cli-env";

await runWithDatabase((db, config) =>
  runEventsCli(process.argv.slice(2), { db, retentionDays: config.EVENT_BODY_RETENTION_DAYS, out: (line) => console.log(line) }),
);
