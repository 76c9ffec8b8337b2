import path from "node:path";
import type { BrowserContext, Page } from "@playwright/test";
import { test } from "./fixtures";
import { createDatabase } from "../../lib/db/create-database";
import { BAY_ROOFING } from "../../lib/simulator/cast";
import { buildScenario, scenarioNow } from "../../lib/simulator/scenarios";
import { sendDeliveries } from "../../lib/simulator/send";
import { startAppServer, type AppServer } from "../helpers/app-server";
import { ensureTestUsers, sessionCookieFor } from "../helpers/auth-users";
import { E2E_PORT, E2E_SIGNING_SECRET } from "../helpers/e2e-env";

// A generator, not a test:
//   README_SCREENSHOTS=1 NEXT_DIST_DIR=.next-timeline E2E_PORT=3400 npx playwright test -c tests/playwright.config.ts timeline-screenshots
// The shared e2e database holds every spec's test rows, so this starts an app of its own (port
// E2E_PORT + 50, fresh database), fills it with the simulator's realistic day ("full" scenario) and
// writes the README's timeline and search screenshots (light + dark, desktop + phone) to docs/screenshots/.
test.skip(!process.env.README_SCREENSHOTS, "generates docs/screenshots/ only when README_SCREENSHOTS=1");
test.describe.configure({ mode: "serial" });
test.setTimeout(600_000);

const OUT = path.resolve(import.meta.dirname, "../../docs/screenshots");
const TIME_ZONE = "America/Los_Angeles";

let server: AppServer;
let cookie: { name: string; value: string };

test.beforeAll(async () => {
  test.setTimeout(600_000);
  server = await startAppServer({ port: E2E_PORT + 50, name: "timeline-screens", env: { OPENPHONE_WEBHOOK_SIGNING_KEY: E2E_SIGNING_SECRET } });
  const scenario = buildScenario("full", { now: scenarioNow(), mediaBaseUrl: server.baseUrl, duplicates: 0 });
  await sendDeliveries(scenario.deliveries, { url: `${server.baseUrl}/api/webhooks/openphone`, secret: E2E_SIGNING_SECRET, concurrency: 4 });
  const db = createDatabase(server.databaseUrl);
  try {
    // What a number backfill (GET /v1/phone-numbers) would add: the lines' names.
    for (const line of Object.values(BAY_ROOFING.lines)) {
      await db.prisma.phoneNumber.updateMany({ where: { openphoneId: line.phoneNumberId }, data: { name: line.name } });
    }
    const users = await ensureTestUsers(db);
    const [name, value] = (await sessionCookieFor(server.databaseUrl, users.staff)).split("=") as [string, string];
    cookie = { name, value };
  } finally {
    await db.prisma.$disconnect();
  }
});

test.afterAll(async () => {
  await server?.stop();
});

async function open(context: BrowserContext, url: string, theme: "light" | "dark"): Promise<Page> {
  await context.addCookies([
    { ...cookie, url: server.baseUrl },
    { name: "tz", value: encodeURIComponent(TIME_ZONE), url: server.baseUrl },
  ]);
  const page = await context.newPage();
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.goto(`${server.baseUrl}${url}`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.getByTestId("timeline").waitFor();
  // Thumbnails are lazy: load them all and wait until each has decoded.
  await page.evaluate(() => document.querySelectorAll("img").forEach((img) => (img.loading = "eager")));
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  if (!url.includes("q=")) await page.getByTestId("live-status").and(page.locator('[data-status="live"]')).waitFor();
  return page;
}

for (const theme of ["light", "dark"] as const) {
  test(`timeline and search, ${theme}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2, timezoneId: TIME_ZONE, colorScheme: theme });
    const timeline = await open(context, "/activity", theme);
    await timeline.screenshot({ path: path.join(OUT, `activity-timeline-${theme}.png`), animations: "disabled", caret: "hide" });
    const search = await open(context, "/activity?q=leak", theme);
    await search.screenshot({ path: path.join(OUT, `activity-search-${theme}.png`), animations: "disabled", caret: "hide" });
    await context.close();
  });
}

test("timeline on a phone", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    timezoneId: TIME_ZONE,
    colorScheme: "light",
  });
  const page = await open(context, "/activity", "light");
  await page.screenshot({ path: path.join(OUT, "activity-timeline-phone.png"), animations: "disabled", caret: "hide" });
  await context.close();
});
