import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { execOnE2eDatabase } from "../helpers/e2e-db";
import { E2E_FAKE_OPENPHONE_URL } from "../helpers/e2e-env";

// Admin → Backfill against the fake OpenPhone API (tests/playwright.config.ts starts it). The fake's
// workspace gets a second number with data on 2020-01-01, so the recovered items sit far behind every
// other spec's data and share no id with the default seed that other specs rely on.
// One serial story: the button with live progress, the gap warning, the switch window, dismissing.
test.describe.configure({ mode: "serial" });

const OUT = path.resolve(import.meta.dirname, "../../docs/screenshots");
const SEED_START = Date.parse("2020-01-01T09:00:00.000Z");
const SWITCH_ID = 9001;

async function faults(request: APIRequestContext, value: object): Promise<void> {
  await request.post(`${E2E_FAKE_OPENPHONE_URL}/__fake/faults`, { data: value });
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.screenshot({ path: path.join(OUT, `${name}-${theme}.png`), fullPage: true, animations: "disabled", caret: "hide" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const latestRun = (page: Page) => page.getByTestId("backfill-run").first();

test.beforeAll(async ({ request }) => {
  // One number: 2 conversations × (6 messages + 3 calls), every minute from 09:01.
  // Added next to the fake's default workspace (other specs use its calls and users), with ids of its own.
  await request.post(`${E2E_FAKE_OPENPHONE_URL}/__fake/seed`, { data: { phoneNumbers: 1, startMs: SEED_START, namespace: "backfill", append: true } });
  // A legacy → 2026 switch window as Admin → Webhooks records it (09:05–09:09).
  await execOnE2eDatabase([
    `INSERT INTO "WebhookSwitch" ("id", "legacyIds", "newIds", "startedAt", "verifiedAt", "completedAt") VALUES (${SWITCH_ID}, '["WHlegacy"]', '["1001"]', '2020-01-01T09:05:00.000+00:00', '2020-01-01T09:08:00.000+00:00', '2020-01-01T09:09:00.000+00:00')`,
  ]);
});

test.afterAll(async ({ request }) => {
  await faults(request, {});
});

test("the Backfill button shows live progress, then what was recovered; the gap is a warning on the dashboard", async ({ adminPage: page, request }) => {
  test.setTimeout(180_000);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Backfill" }).click();
  await expect(page).toHaveURL(/\/admin\/backfill$/);
  await expect(page.getByRole("heading", { level: 1, name: "Backfill" })).toBeVisible();

  // Slow OpenPhone down so the run is watched while it works.
  await faults(request, { delayMs: 300 });
  await page.getByLabel("First day (UTC)").fill("2020-01-01");
  await page.getByLabel("Last day (UTC)").fill("2020-01-01");
  await page.getByTestId("start-backfill").click();
  await expect(page.getByTestId("start-backfill-result")).toContainText(/Backfill #\d+ started/);
  await expect(latestRun(page)).toHaveAttribute("data-status", "running");
  await expect(latestRun(page).getByRole("progressbar")).toBeVisible();
  // Counts rise while it runs (the page refreshes from the run's database row).
  await expect(latestRun(page).getByTestId("recovered-messages")).not.toHaveText("0", { timeout: 30_000 });
  await expect(latestRun(page)).toHaveAttribute("data-status", "running");
  await expect(page.getByTestId("start-backfill")).toBeDisabled();

  await faults(request, {});
  await expect(latestRun(page)).toHaveAttribute("data-status", "done", { timeout: 90_000 });
  const counts = latestRun(page);
  await expect(counts.getByTestId("recovered-messages")).toHaveText("12");
  await expect(counts.getByTestId("recovered-calls")).toHaveText("6");
  await expect(counts.getByTestId("recovered-recordings")).toHaveText("4");
  await expect(counts.getByTestId("recovered-voicemails")).toHaveText("2");
  await expect(counts.getByTestId("recovered-summaries")).toHaveText("4");
  await expect(counts.getByTestId("recovered-transcripts")).toHaveText("4");
  await expect(counts.getByTestId("backfill-summary")).toContainText("Recovered 12 messages, 6 calls, 4 recordings, 2 voicemails, 4 summaries, 4 transcripts created between 2020-01-01 09:0");
  await expect(page.getByTestId("backfill-gaps")).toContainText("Webhooks were lost");
  await shoot(page, "backfill");

  // The admin banner on the dashboard names the gap and leads back here.
  await page.goto("/activity");
  const banner = page.getByTestId("ops-banner");
  await expect(banner.locator('[data-alert="backfill_gap"]')).toContainText("Webhooks were lost");
  await expect(banner.locator('[data-alert="backfill_gap"]')).toContainText(/between 2020-01-01 09:\d\d UTC and 2020-01-01 09:\d\d UTC/);
  await banner.getByRole("link", { name: "Open backfill" }).click();
  await expect(page).toHaveURL(/\/admin\/backfill$/);
});

test("the switch window is backfilled in one click; nothing is missing any more", async ({ adminPage: page }) => {
  await page.goto("/admin/backfill");
  const window = page.getByTestId("switch-window");
  await expect(window).toContainText("Switch #9001: 2020-01-01 09:05 UTC → 2020-01-01 09:09 UTC");
  await expect(window).toContainText("Not backfilled yet");
  await page.getByTestId(`backfill-switch-${SWITCH_ID}`).click();
  await expect(page.getByTestId(`backfill-switch-${SWITCH_ID}-result`)).toContainText(/Backfill #\d+ started/);
  await expect(latestRun(page)).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await expect(latestRun(page)).toContainText("switch window #9001");
  await expect(latestRun(page).getByTestId("backfill-summary")).toHaveText("Nothing was missing.");
  await expect(window).toContainText("Backfilled");
});

test("dismissing the gap warning removes it from the banner", async ({ adminPage: page }) => {
  await page.goto("/admin/backfill");
  await expect(page.getByTestId("backfill-gaps")).toBeVisible();
  await page.getByTestId("dismiss-gaps").click();
  // Dismissed: the warning leaves this page and the banner.
  await expect(page.getByTestId("backfill-gaps")).toHaveCount(0);
  await expect(page.getByTestId("ops-banner").locator('[data-alert="backfill_gap"]')).toHaveCount(0);
  await page.goto("/activity");
  await expect(page.locator('[data-alert="backfill_gap"]')).toHaveCount(0);
});
