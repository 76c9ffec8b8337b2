// `npm run simulate -- <mode> [options]`: signed OpenPhone webhook deliveries sent to the inbox.
// Scenarios: lib/simulator/scenarios.ts; sender: lib/simulator/send.ts; `--help` lists the options.
import { SIMULATE_USAGE, parseSimulateArgs } from "../lib/simulator/cli-options";
import { ProgressReporter, formatExpected, formatFailures, formatSummaryTable } from "../lib/simulator/report";
import { buildScenario, scenarioNow } from "../lib/simulator/scenarios";
import { isUnexpected, sendDeliveries, summarizeResults } from "../lib/simulator/send";

const parsed = parseSimulateArgs(process.argv.slice(2), process.env);
if (!parsed.ok) {
  console.error(parsed.usage ? `✖ ${parsed.message}\n\n${SIMULATE_USAGE}` : `✖ ${parsed.message}\n  (npm run simulate -- --help for the options)`);
  process.exit(2);
}
if (parsed.help) {
  console.log(SIMULATE_USAGE);
  process.exit(0);
}
const options = parsed.options;

const scenario = buildScenario(options.mode, {
  now: scenarioNow(),
  mediaBaseUrl: options.mediaBaseUrl,
  seed: options.seed,
  shape: options.shape,
  shuffle: options.shuffle,
  duplicates: options.duplicates,
  count: options.count,
});
const shapes = new Map<string, number>();
for (const d of scenario.deliveries) shapes.set(d.shape, (shapes.get(d.shape) ?? 0) + 1);

// With --json, stdout carries only the JSON document; everything for humans goes to stderr.
const say = (text: string) => (options.json ? process.stderr : process.stdout).write(`${text}\n`);
say(
  `▶ ${options.mode}: ${scenario.deliveries.length} deliveries (seed "${scenario.seed}"; ` +
    `${[...shapes].map(([shape, n]) => `${shape} ${n}`).join(", ")}) → ${options.url}`,
);

const progress = new ProgressReporter(options.json ? process.stderr : process.stdout, scenario.deliveries.length);
const { results, elapsedMs } = await sendDeliveries(scenario.deliveries, {
  url: options.url,
  secret: options.secret,
  concurrency: options.concurrency,
  onResult: (result, done) => progress.update(result, done),
});
const summary = summarizeResults(results, elapsedMs);

if (options.json) {
  const failures = results.filter(isUnexpected).slice(0, 20);
  const report = { mode: options.mode, seed: scenario.seed, url: options.url, expected: scenario.expected, summary, failures };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
} else {
  say(`\nSummary\n${formatSummaryTable(summary)}`);
  const failures = formatFailures(results);
  if (failures) say(`\nRejected deliveries\n${failures}`);
  say(`\nExpected on the dashboard\n${formatExpected(scenario.expected)}`);
}
process.exitCode = summary.unexpected > 0 ? 1 : 0;
