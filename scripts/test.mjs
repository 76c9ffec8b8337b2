#!/usr/bin/env node
// `npm test`: every suite in order (typecheck, unit, integration, HTTP against the production
// build, reliability (fuzzing, kill -9, outages, two instances, hostile access; its summary table
// lands in tests/.tmp/results/<label>-reliability-summary.md), Playwright e2e), then one line
// "N passed, N failed". Options:
//   --only unit,integration,http,reliability,e2e   run a subset     --label NAME   name of this pass (result files)
//   --seed N   the reliability suite's fuzzing seed (printed by every run), to replay a failure
// Integration, HTTP, reliability and e2e suites use PostgreSQL when TEST_DATABASE_URL is a postgres:// URL.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ensureChromium } from "./chromium.mjs";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const value = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = value("--only")?.split(",");
const seed = value("--seed");
if (seed !== undefined) {
  if (!/^\d+$/.test(seed)) {
    console.error("--seed takes a whole number (the seed a reliability run printed)");
    process.exit(1);
  }
  process.env.RELIABILITY_SEED = seed;
}
const label = value("--label") ?? (process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite");
const resultsDir = path.join(root, "tests", ".tmp", "results");
fs.mkdirSync(resultsDir, { recursive: true });
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const vitest = (project) => (outputFile) => [
  bin("vitest"),
  ["run", "-c", "tests/vitest.config.ts", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${outputFile}`],
];

const suites = [
  { name: "typecheck", command: () => [bin("tsc"), ["--noEmit", "-p", "."]], counts: null },
  { name: "unit", command: vitest("unit"), counts: vitestCounts },
  { name: "integration", command: vitest("integration"), counts: vitestCounts },
  { name: "http", command: vitest("http"), counts: vitestCounts },
  { name: "reliability", command: vitest("reliability"), counts: vitestCounts },
  {
    name: "e2e",
    command: (outputFile) => [bin("playwright"), ["test", "-c", "tests/playwright.config.ts", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: outputFile }],
    counts: playwrightCounts,
  },
].filter((s) => !only || only.includes(s.name));

function vitestCounts(file) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: json.numPassedTests, failed: json.numFailedTests + (json.numFailedTestSuites && !json.numFailedTests ? json.numFailedTestSuites : 0) };
}

function playwrightCounts(file) {
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8"));
  return { passed: stats.expected + (stats.flaky ?? 0), failed: stats.unexpected + (stats.errors?.length ?? 0) };
}

// The e2e suite needs a browser: find or install it before any suite runs, or stop with one line.
if (suites.some((s) => s.name === "e2e")) {
  const browser = ensureChromium({ root: process.env.CHROMIUM_LOOKUP_ROOT || "/" });
  if ("error" in browser) {
    console.error(browser.error);
    process.exit(1);
  }
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE = browser.path;
}

const summary = [];
for (const suite of suites) {
  const outputFile = path.join(resultsDir, `${label}-${suite.name}.json`);
  fs.rmSync(outputFile, { force: true });
  const [command, commandArgs, extraEnv = {}] = suite.command(outputFile);
  console.log(`\n━━ ${suite.name} (${label}) ━━`);
  const started = Date.now();
  const run = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  let counts;
  if (!suite.counts) {
    counts = run.status === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  } else {
    try {
      counts = suite.counts(outputFile);
      // A crash after some tests passed must still fail the run.
      if (run.status !== 0 && counts.failed === 0) counts.failed = 1;
    } catch {
      counts = { passed: 0, failed: 1 };
    }
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  summary.push({ suite: suite.name, ...counts, seconds });
  fs.writeFileSync(path.join(resultsDir, `${label}-${suite.name}.counts.json`), JSON.stringify({ label, suite: suite.name, ...counts, seconds }));
}

console.log(`\n━━ summary (${label}) ━━`);
for (const s of summary) console.log(`${s.suite.padEnd(12)} ${String(s.passed).padStart(5)} passed ${String(s.failed).padStart(4)} failed  ${s.seconds}s`);
const passed = summary.reduce((n, s) => n + s.passed, 0);
const failed = summary.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
