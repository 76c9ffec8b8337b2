import { parseArgs } from "node:util";
import type { AppDatabase } from "../db/types";
import { countOverdueArtifacts } from "./queries";
import { ARTIFACT_KINDS, type ArtifactKind } from "./rules";
import { runCompletenessWatch, type CompletenessConfig } from "./watch";

export const RECONCILE_USAGE = `Usage:
  npm run reconcile            run the completeness watch once: track missing recordings, transcripts,
                               summaries and voicemails, and fetch the overdue ones from OpenPhone
  npm run reconcile -- --json  the same, with the report as JSON`;

/** `npm run reconcile`: one pass of the completeness watch from a shell. Returns the exit code. */
export async function runReconcileCli(
  argv: string[],
  deps: { db: AppDatabase; config: CompletenessConfig; out: (line: string) => void; now?: () => Date },
): Promise<number> {
  let values: { json?: boolean; help?: boolean };
  try {
    values = parseArgs({ args: argv, options: { json: { type: "boolean" }, help: { type: "boolean", short: "h" } } }).values;
  } catch (error) {
    deps.out(`✖ ${(error as Error).message}\n${RECONCILE_USAGE}`);
    return 2;
  }
  if (values.help) {
    deps.out(RECONCILE_USAGE);
    return 0;
  }
  const now = (deps.now ?? (() => new Date()))();
  const report = await runCompletenessWatch(deps.db, now, deps.config);
  const overdue = await countOverdueArtifacts(deps.db, now);
  const code = report.stopped ? 1 : 0;
  if (values.json) {
    deps.out(JSON.stringify({ ...report, apiKeyConfigured: deps.config.client !== null, overdue }, null, 2));
    return code;
  }
  if (!report.ran) {
    deps.out("– Another instance is running the completeness watch right now; nothing done.");
    return 0;
  }
  const fetchedTotal = ARTIFACT_KINDS.reduce((sum, k) => sum + report.fetched[k], 0);
  deps.out(`${report.stopped ? "✖" : "✔"} Completeness watch: ${report.tracked} missing piece${report.tracked === 1 ? "" : "s"} newly tracked, ${report.arrived} arrived by webhook.`);
  if (deps.config.client === null) {
    deps.out("  OPENPHONE_API_KEY is not set: missing pieces are tracked, nothing is fetched.");
  } else {
    deps.out(`  Fetched from OpenPhone: ${fetchedTotal > 0 ? byKind(report.fetched) : "nothing"} (${report.requests} request${report.requests === 1 ? "" : "s"}).`);
    deps.out(`  Not there yet, retried later with backoff: ${report.retrying}. Given up (not available): ${report.gaveUp}.`);
  }
  if (report.stopped) deps.out(`  Stopped early: ${report.stopped}`);
  const overdueTotal = ARTIFACT_KINDS.reduce((sum, k) => sum + overdue[k], 0);
  deps.out(overdueTotal === 0 ? "  Nothing overdue." : `  Overdue now: ${byKind(overdue)}.`);
  return code;
}

function byKind(counts: Record<ArtifactKind, number>): string {
  return ARTIFACT_KINDS.filter((k) => counts[k] > 0)
    .map((k) => `${k} ${counts[k]}`)
    .join(" · ");
}
