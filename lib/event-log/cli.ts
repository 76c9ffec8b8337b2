import { parseArgs } from "node:util";
import type { AppDatabase } from "../db/types";
import { parseEventFilter } from "./filters";
import { replayEvent } from "./replay";
import { getReplayJob, runReplayJob, startReplayJob } from "./replay-jobs";
import { pruneEventBodies } from "./retention";

export const EVENTS_USAGE = `Usage:
  npm run events -- prune [--days N]                  empty the bodies of processed events older than N days (default EVENT_BODY_RETENTION_DAYS)
  npm run events -- replay --id N                     replay one stored event (its numeric id in the event log URL)
  npm run events -- replay [--outcome O] [--type T] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--resource ID] [--q TEXT]
                                                      replay every event matching the filter (processed ones are left alone)`;

/** `npm run events -- …`: retention and replay from a shell. Returns the exit code. */
export async function runEventsCli(
  argv: string[],
  deps: { db: AppDatabase; retentionDays: number; out: (line: string) => void; now?: () => Date },
): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const [command, ...rest] = argv;
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        days: { type: "string" },
        id: { type: "string" },
        outcome: { type: "string" },
        type: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        resource: { type: "string" },
        q: { type: "string" },
      },
    }).values as Record<string, string | undefined>;
  } catch (error) {
    deps.out(`✖ ${(error as Error).message}\n${EVENTS_USAGE}`);
    return 2;
  }
  if (command === "prune") {
    const days = values.days === undefined ? deps.retentionDays : Number(values.days);
    if (!Number.isInteger(days) || days < 1) {
      deps.out("✖ --days must be a whole number of days, at least 1");
      return 2;
    }
    const { pruned } = await pruneEventBodies(deps.db, { olderThanDays: days, now: now() });
    deps.out(`✔ Pruned the bodies of ${pruned} processed event${pruned === 1 ? "" : "s"} older than ${days} days.`);
    return 0;
  }
  if (command === "replay") {
    if (values.id !== undefined) {
      const id = Number(values.id);
      if (!Number.isSafeInteger(id) || id <= 0) {
        deps.out("✖ --id must be an event's numeric id");
        return 2;
      }
      const result = await replayEvent(deps.db, id, now());
      deps.out(`${result.outcome === "failed" || result.outcome === "missing" ? "✖" : "✔"} ${result.message}`);
      return result.outcome === "failed" || result.outcome === "missing" ? 1 : 0;
    }
    const filter = parseEventFilter(values);
    const jobId = await startReplayJob(deps.db, filter, null, now());
    await runReplayJob(deps.db, jobId, { clock: now });
    const job = await getReplayJob(deps.db, jobId);
    deps.out(`✔ Replayed ${job?.done ?? 0} events: ${job?.processed ?? 0} processed, ${job?.unchanged ?? 0} unchanged, ${job?.failed ?? 0} failed.`);
    return (job?.failed ?? 0) > 0 ? 1 : 0;
  }
  deps.out(EVENTS_USAGE);
  return command === undefined || command === "help" || command === "--help" ? 0 : 2;
}
