import { parseArgs } from "node:util";
import type { AppDatabase } from "../db/types";
import { BACKFILL_KINDS, describeRecovered, totalRecovered, type BackfillCounts } from "./counts";
import { runBackfill, type BackfillApi, type RunBackfillResult } from "./run";
import { getBackfillRun, listSwitchWindows, startBackfill, switchWindowOptions, type BackfillOptions } from "./runs";

export const BACKFILL_USAGE = `Usage: npm run backfill -- [--since ISO] [--until ISO] [--phone-number PN…] [--dry-run] [--json] [--wait]
       npm run backfill -- --switch-window [--json] [--wait]

Fetches messages, calls, recordings, voicemails, summaries and transcripts from the OpenPhone API
and adds what this app is missing, through the same code as the webhook receiver.
  --since, --until      only items created in this range (ISO 8601, e.g. 2026-11-30 or 2026-11-30T09:00:00Z)
  --phone-number PN…    only these workspace numbers (repeat the option or separate with commas)
  --dry-run             report what is missing without writing it
  --switch-window       the newest legacy → 2026 webhook switch window (Admin → Webhooks)
  --wait                when another backfill holds the lease, wait for it instead of exiting 5
  --json                the report as JSON

A killed or failed run is continued from its checkpoint by the next run with the same options.
Exit status: 0 done, 1 failed, 2 usage, 3 API key missing or rejected, 4 OpenPhone unavailable
(unreachable, timeout, rate limited, 5xx), 5 another backfill is running, 130 stopped by Ctrl-C.`;

export const BACKFILL_EXIT = { ok: 0, failed: 1, usage: 2, credentials: 3, unavailable: 4, busy: 5, stopped: 130 } as const;

export type BackfillCliDeps = {
  db: AppDatabase;
  /** null when OPENPHONE_API_KEY is not set. */
  api: BackfillApi | null;
  out: (line: string) => void;
  err: (line: string) => void;
  now?: () => Date;
  /** Between lease checks with --wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Ctrl-C: the run stops before its next item and stays resumable. */
  signal?: AbortSignal;
};

class UsageError extends Error {}

function parseTime(value: string | undefined, name: string): Date | null {
  if (value === undefined) return null;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) throw new UsageError(`${name} must be an ISO 8601 date or time, got "${value}"`);
  return date;
}

/** `npm run backfill -- …`; returns the exit status. */
export async function runBackfillCli(argv: string[], deps: BackfillCliDeps): Promise<number> {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let options: BackfillOptions;
  let json = false;
  let wait = false;
  try {
    const { values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        since: { type: "string" },
        until: { type: "string" },
        "phone-number": { type: "string", multiple: true },
        "dry-run": { type: "boolean", default: false },
        "switch-window": { type: "boolean", default: false },
        wait: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    });
    if (values.help) {
      deps.out(BACKFILL_USAGE);
      return BACKFILL_EXIT.ok;
    }
    json = values.json;
    wait = values.wait;
    const numbers = (values["phone-number"] ?? []).flatMap((n) => n.split(",")).map((n) => n.trim()).filter(Boolean);
    if (numbers.some((n) => !/^PN[A-Za-z0-9]+$/.test(n))) throw new UsageError("--phone-number takes PN… ids");
    if (values["switch-window"]) {
      if (values.since || values.until || numbers.length > 0 || values["dry-run"]) throw new UsageError("--switch-window takes no other range, number or --dry-run");
      const [latest] = await listSwitchWindows(deps.db, 1);
      if (!latest) throw new UsageError("No legacy → 2026 switch window is recorded (Admin → Webhooks → Switch to 2026 webhooks records one).");
      options = (await switchWindowOptions(deps.db, latest.id, now()))!;
    } else {
      options = {
        since: parseTime(values.since, "--since"),
        until: parseTime(values.until, "--until"),
        phoneNumberIds: [...new Set(numbers)],
        dryRun: values["dry-run"],
      };
      if (options.since && options.until && options.since >= options.until) throw new UsageError("--since must be before --until");
    }
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof TypeError)) throw error;
    deps.err(`✖ ${error.message}\n\n${BACKFILL_USAGE}`);
    return BACKFILL_EXIT.usage;
  }

  if (!deps.api) {
    deps.err("✖ OPENPHONE_API_KEY is not set: the backfill reads from the OpenPhone API.");
    return BACKFILL_EXIT.credentials;
  }

  let started = await startBackfill(deps.db, options, now());
  while (!started.ok && wait) {
    await sleep(1000);
    started = await startBackfill(deps.db, options, now());
  }
  if (!started.ok) {
    const age = started.heartbeatAt ? ` (last heartbeat ${Math.round((now().getTime() - started.heartbeatAt.getTime()) / 1000)} s ago)` : "";
    deps.err(`✖ Another backfill is running${started.runId ? ` (#${started.runId})` : ""}${age}. Try again later, or pass --wait.`);
    return BACKFILL_EXIT.busy;
  }
  if (!json) deps.out(`${started.resumed ? "Continuing" : "Starting"} backfill #${started.runId}: ${describeOptions(options)}`);

  const result = await runBackfill(deps.db, started.runId, { api: deps.api, signal: deps.signal });
  const run = await getBackfillRun(deps.db, started.runId);
  const report = {
    runId: started.runId,
    resumed: started.resumed,
    status: result.status,
    dryRun: options.dryRun,
    since: options.since?.toISOString() ?? null,
    until: options.until?.toISOString() ?? null,
    phoneNumberIds: options.phoneNumberIds,
    counts: result.counts,
    recovered: totalRecovered(result.counts),
    gap: run?.gapFrom ? { from: run.gapFrom.toISOString(), to: (run.gapTo ?? run.gapFrom).toISOString() } : null,
    requests: result.requests,
    error: result.error,
  };
  if (json) deps.out(JSON.stringify(report, null, 2));
  else {
    for (const line of countsTable(result.counts)) deps.out(line);
    if (result.status === "failed") deps.err(`✖ Stopped: ${result.error}. Run the same command again to continue from where it stopped.`);
    else if (report.recovered === 0) deps.out(`✔ Nothing missing (${result.requests} API requests).`);
    else if (options.dryRun) deps.out(`! Missing here: ${describeRecovered(result.counts)}${gapText(report.gap)}. Dry run: nothing written (${result.requests} API requests).`);
    else deps.out(`✔ Recovered ${describeRecovered(result.counts)}${gapText(report.gap)}: webhooks were lost (${result.requests} API requests).`);
  }
  if (result.status === "done") return BACKFILL_EXIT.ok;
  return exitForFailure(result.errorKind);
}

function exitForFailure(kind: RunBackfillResult["errorKind"]): number {
  if (kind === "stopped") return BACKFILL_EXIT.stopped;
  if (kind === "unauthorized" || kind === "forbidden" || kind === "not_configured") return BACKFILL_EXIT.credentials;
  if (kind === "unreachable" || kind === "timeout" || kind === "rate_limited" || kind === "server" || kind === "invalid_response") return BACKFILL_EXIT.unavailable;
  return BACKFILL_EXIT.failed;
}

function gapText(gap: { from: string; to: string } | null): string {
  return gap ? ` created between ${gap.from} and ${gap.to}` : "";
}

function describeOptions(options: BackfillOptions): string {
  const range = options.since || options.until ? `${options.since?.toISOString() ?? "the beginning"} → ${options.until?.toISOString() ?? "now"}` : "all time";
  const numbers = options.phoneNumberIds.length > 0 ? options.phoneNumberIds.join(", ") : "every workspace number";
  return `${range}, ${numbers}${options.switchId ? ` (switch window #${options.switchId})` : ""}${options.dryRun ? ", dry run" : ""}`;
}

export function countsTable(counts: BackfillCounts): string[] {
  const rows = BACKFILL_KINDS.map((kind) => [kind, counts[kind].seen, counts[kind].present, counts[kind].recovered].map(String));
  const header = ["kind", "seen", "present", "recovered"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [format(header), ...rows.map(format)];
}

