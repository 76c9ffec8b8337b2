// `npm run backfill -- [--since ISO] [--until ISO] [--phone-number PN…] [--dry-run] [--json]`: fetch what
// webhooks missed from the OpenPhone API (lib/backfill/). Usage and exit codes: lib/backfill/cli.ts.
import { runBackfillCli } from "../lib/backfill/cli";
import { runWithDatabase } from "./cli-env";

// Ctrl-C or SIGTERM stops before the next item: the run keeps its checkpoint and frees its lease.
const stop = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`Stopping after the current item (${signal})…`);
    stop.abort(signal);
  });
}

await runWithDatabase((db, config) =>
  runBackfillCli(process.argv.slice(2), {
    db,
    api: config.OPENPHONE_API_KEY
      ? { apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS }
      : null,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    signal: stop.signal,
  }),
);
