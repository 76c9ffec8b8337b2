import type { ExpectedCounts } from "./scenario-recorder";
import { isUnexpected, type DeliveryResult, type SendSummary } from "./send";

/** Text output of the simulator: a progress line while sending, then a summary table. */

type Output = { write: (text: string) => unknown; isTTY?: boolean };

/**
 * A running count: rewritten in place on a terminal (at most 10 times a second), plain lines
 * every `intervalMs` otherwise (CI logs, pipes), and always a final line.
 */
export class ProgressReporter {
  readonly #out: Output;
  readonly #total: number;
  readonly #intervalMs: number;
  readonly #clock: () => number;
  readonly #started: number;
  #lastPrint = -Infinity;
  #ok = 0;
  #failed = 0;
  #duplicates = 0;

  constructor(out: Output, total: number, options: { intervalMs?: number; clock?: () => number } = {}) {
    this.#out = out;
    this.#total = total;
    this.#clock = options.clock ?? (() => performance.now());
    this.#intervalMs = options.intervalMs ?? (out.isTTY ? 100 : 2_000);
    this.#started = this.#clock();
  }

  update(result: DeliveryResult, done: number): void {
    if (isUnexpected(result)) this.#failed += 1;
    else this.#ok += 1;
    if (result.status === "duplicate") this.#duplicates += 1;
    const now = this.#clock();
    if (done === this.#total) return this.#print(done, now, true);
    if (now - this.#lastPrint >= this.#intervalMs) this.#print(done, now, false);
  }

  #print(done: number, now: number, final: boolean): void {
    this.#lastPrint = now;
    const seconds = (now - this.#started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const width = String(this.#total).length;
    const line =
      `  sent ${String(done).padStart(width)}/${this.#total}  ok ${this.#ok}  duplicate ${this.#duplicates}` +
      `  failed ${this.#failed}  ${rate}/s`;
    if (this.#out.isTTY) this.#out.write(`\r\x1b[2K${line}${final ? "\n" : ""}`);
    else this.#out.write(`${line}\n`);
  }
}

export function formatSummaryTable(summary: SendSummary): string {
  const ms = (value: number | null) => (value === null ? "–" : `${value} ms`);
  const non2xx = Object.entries(summary.non2xx)
    .map(([code, n]) => `${code}: ${n}`)
    .join(", ");
  const rows: [string, string][] = [
    ["sent", String(summary.sent)],
    ["2xx", String(summary.ok)],
    ["  processed", String(summary.processed)],
    ["  duplicate", String(summary.duplicate)],
    ["  ignored", String(summary.ignored)],
    ["  invalid", String(summary.invalid)],
    ["non-2xx", non2xx ? `${sum(summary.non2xx)} (${non2xx})` : "0"],
    ["no answer", summary.retries > 0 ? `${summary.networkErrors} (${summary.retries} retries)` : String(summary.networkErrors)],
    ["latency p50", ms(summary.latencyMs.p50)],
    ["latency p99", ms(summary.latencyMs.p99)],
    ["elapsed", `${(summary.elapsedMs / 1000).toFixed(1)} s (${Math.round(summary.perSecond)}/s)`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`).join("\n");
}

export function formatExpected(expected: ExpectedCounts): string {
  const parts = [
    `${expected.messages} messages`,
    `${expected.calls} calls`,
    `${expected.contacts} contacts`,
    `${expected.conversations} conversations`,
  ];
  const extras = [
    [expected.mediaAttachments, "attachments"],
    [expected.recordings, "recordings"],
    [expected.voicemails, "voicemails"],
    [expected.summaries, "summaries"],
    [expected.transcripts, "transcripts"],
  ] as const;
  const more = extras.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return (
    `  on a fresh database: ${parts.join(", ")}${more.length ? `\n  with ${more.join(", ")}` : ""}` +
    `\n  ${expected.events} events processed, ${expected.duplicates} duplicate deliveries (a rerun answers duplicate to all)`
  );
}

/** The first few rejected deliveries, with a hint when they all failed the same way. */
export function formatFailures(results: readonly DeliveryResult[], limit = 5): string {
  const failed = results.filter(isUnexpected);
  if (failed.length === 0) return "";
  const lines = failed.slice(0, limit).map((r) => {
    const answer = r.httpStatus === null ? "no answer" : `HTTP ${r.httpStatus}${r.status ? ` ${r.status}` : ""}`;
    return `  ✖ ${r.label}: ${answer}${r.detail ? ` (${r.detail})` : ""}`;
  });
  if (failed.length > limit) lines.push(`  … and ${failed.length - limit} more`);
  const hint = failureHint(failed);
  if (hint) lines.push(`  hint: ${hint}`);
  return lines.join("\n");
}

function failureHint(failed: readonly DeliveryResult[]): string | null {
  if (failed.every((r) => r.httpStatus === 401)) {
    return "every signature was rejected: the secret must be one of the app's OPENPHONE_WEBHOOK_SIGNING_KEY values.";
  }
  if (failed.every((r) => r.httpStatus === 503 && r.detail?.includes("no_signing_secret"))) {
    return "the app has no signing secret configured: set OPENPHONE_WEBHOOK_SIGNING_KEY and restart it.";
  }
  if (failed.every((r) => r.httpStatus === null)) return "is the app running at this URL? (npm run app)";
  if (failed.every((r) => r.httpStatus === 404)) return "nothing answers at this path: is the URL the app's /api/webhooks/openphone?";
  return null;
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0);
}
