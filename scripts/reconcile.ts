// `npm run reconcile [-- --json]`: one pass of the completeness watch from a shell (lib/completeness/cli.ts).
import { runReconcileCli } from "../lib/completeness/cli";
import { completenessConfig } from "../lib/completeness/config";
import { runWithDatabase } from "./cli-env";

await runWithDatabase((db, config) => runReconcileCli(process.argv.slice(2), { db, config: completenessConfig(config), out: (line) => console.log(line) }));
