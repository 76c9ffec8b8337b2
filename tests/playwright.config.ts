import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { findChromium } from "../scripts/chromium.mjs";
import {
  E2E_BASE_URL,
  E2E_FAKE_OPENPHONE_PORT,
  E2E_FAKE_OPENPHONE_URL,
  E2E_KEY_GRACE_SECONDS,
  E2E_NO_KEY_BASE_URL,
  E2E_NO_KEY_PORT,
  E2E_OPENPHONE_API_KEY,
  E2E_PORT,
  E2E_SIGNING_SECRET,
} from "./helpers/e2e-env";

// Run with: npx playwright test -c tests/playwright.config.ts
const root = path.resolve(import.meta.dirname, "..");
const tmpDir = path.join(root, "tests", ".tmp", "e2e");

// Playwright evaluates this file in the runner and again in every worker. The runner picks the
// run's database; workers inherit it through the environment, so all processes agree.
process.env.E2E_DATABASE_URL ??= pickDatabaseUrl();

export default defineConfig({
  testDir: "e2e",
  // Playwright empties its output folders when a run starts: a run on another E2E_PORT keeps its own.
  outputDir: E2E_PORT === 3100 ? path.join(root, "test-results") : path.join(tmpDir, `results-${E2E_PORT}`),
  fullyParallel: true,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // The machine may be busy with other suites: generous, not tight.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: E2E_PORT === 3100 ? path.join(root, "playwright-report") : path.join(tmpDir, `report-${E2E_PORT}`) }]],
  use: {
    baseURL: E2E_BASE_URL,
    browserName: "chromium",
    viewport: { width: 1280, height: 800 },
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    navigationTimeout: 30_000,
    launchOptions: {
      // The browser scripts/chromium.mjs finds (npm test installs one when missing).
      executablePath: findChromium()?.path ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // auth.spec.ts first: it creates the admin through the first-admin setup link and saves the
    // signed-in states that tests/e2e/fixtures.ts hands to every other spec.
    { name: "auth", testMatch: /auth\.spec\.ts$/ },
    // Specs that need an empty database (no activity) next; specs that deliver webhooks after them.
    { name: "empty", testIgnore: /(populated|auth)\.spec\.ts$/, dependencies: ["auth"] },
    { name: "populated", testMatch: /populated\.spec\.ts$/, dependencies: ["empty"] },
  ],
  // Started in order: the fake OpenPhone API, the app (builds when stale), then a second app on the
  // same build and database without an API key.
  webServer: [
    {
      command: `node node_modules/tsx/dist/cli.mjs scripts/fake-openphone.ts --port ${E2E_FAKE_OPENPHONE_PORT} --api-key ${E2E_OPENPHONE_API_KEY}`,
      cwd: root,
      url: `${E2E_FAKE_OPENPHONE_URL}/__fake/requests`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // Builds when sources changed, applies migrations, then `next start`.
      command: `node scripts/app.mjs --port ${E2E_PORT}`,
      cwd: root,
      url: `${E2E_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: {
        ...appEnv(),
        OPENPHONE_API_KEY: E2E_OPENPHONE_API_KEY,
        OPENPHONE_API_BASE_URL: E2E_FAKE_OPENPHONE_URL,
        WEBHOOK_KEY_GRACE_SECONDS: String(E2E_KEY_GRACE_SECONDS),
      },
    },
    {
      command: `node scripts/app.mjs --no-build --port ${E2E_NO_KEY_PORT}`,
      cwd: root,
      url: `${E2E_NO_KEY_BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
      env: appEnv(),
    },
  ],
  globalTeardown: "./helpers/e2e-global-teardown.ts",
});

function appEnv(): Record<string, string> {
  return {
    DATABASE_URL: process.env.E2E_DATABASE_URL as string,
    APP_SECRET_FILE: "./tests/.tmp/e2e/app-secret",
    OPENPHONE_WEBHOOK_SIGNING_KEY: E2E_SIGNING_SECRET,
    WEBHOOK_BASE_URL: E2E_BASE_URL,
    LOG_LEVEL: "warn",
  };
}

/**
 * A fresh database per run, so runs never see each other's rows: a new schema in TEST_DATABASE_URL's
 * PostgreSQL, otherwise a new SQLite file under tests/.tmp/e2e/ (files of earlier runs are removed
 * here, at config load, because globalSetup only runs after the web server has started).
 */
function pickDatabaseUrl(): string {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const pg = process.env.TEST_DATABASE_URL;
  if (pg && /^postgres(ql)?:\/\//.test(pg)) {
    const url = new URL(pg);
    url.searchParams.set("schema", `e2e_${runId}`);
    return url.toString();
  }
  fs.mkdirSync(tmpDir, { recursive: true });
  const stale = Date.now() - 15 * 60_000; // older than any run still in progress under another E2E_PORT
  for (const entry of fs.readdirSync(tmpDir)) {
    const file = path.join(tmpDir, entry);
    // Databases and signed-in browser states (auth-<run>/) of earlier runs.
    if (/^(app-.*\.db(-wal|-shm|-journal)?|auth-[0-9a-f]+)$/.test(entry) && fs.statSync(file).mtimeMs < stale) fs.rmSync(file, { force: true, recursive: true });
  }
  return `file:./tests/.tmp/e2e/app-${runId}.db`;
}
