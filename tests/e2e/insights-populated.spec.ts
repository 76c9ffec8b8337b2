import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { formatPhoneNumber } from "../../lib/format/phone-number";
import { seedWorkspace } from "../../lib/openphone/fake/seed";
import { demoVoicemails } from "../../lib/simulator/demo-media";
import { callEvent, contactEvent, messageEvent } from "../../lib/simulator/payloads";
import { parseCsv } from "../helpers/csv";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { E2E_BASE_URL } from "../helpers/e2e-env";
import { zoneClearOfMidnight } from "../helpers/time-zone";

// Insights and the callback queue through the real app. Data goes in as signed webhook deliveries
// on workspace numbers of this run only, so the number filter isolates exact figures from what
// other specs deliver in parallel.

/**
 * The exact figures put a text two minutes ago in "Today" and a missed call plus its 20-minute
 * callback on one calendar day three days back. Both only hold when local time is well clear of
 * midnight, so the spec runs in the first of these zones where it is between 01:00 and 22:00 now.
 */
const TIME_ZONE = zoneClearOfMidnight(["America/New_York", "Europe/London", "Asia/Tokyo"], 1, 22);
test.use({ timezoneId: TIME_ZONE });

const SCREENSHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");
const runTag = Math.random().toString(36).slice(2, 8);
const EXACT = { phoneNumberId: `PNinsx${runTag}`, workspaceNumber: uniqueNumber().replace("+1415", "+1650"), shape: "api" as const };
const SHOWCASE = { phoneNumberId: `PNinss${runTag}`, workspaceNumber: uniqueNumber().replace("+1415", "+1628"), shape: "api" as const };
const VOICEMAIL = demoVoicemails[0]!;
const DIRECTORY_USER = seedWorkspace().users[0]!;

const minutes = (n: number) => n * 60_000;

/** A small seeded PRNG, so the showcase data is the same shape on every run. */
function prng(seed: number) {
  let a = seed;
  return () => {
    a = (a * 1_103_515_245 + 12_345) % 2_147_483_648;
    return a / 2_147_483_648;
  };
}

/** Exact figures: a missed call 3 days ago called back by text 20 minutes later, and a text in 2 minutes ago. */
async function seedExact(page: Page) {
  const now = Date.now();
  const alice = uniqueNumber();
  const bob = uniqueNumber();
  const missedAt = new Date(now - 3 * 86_400_000);
  await deliver(
    page.request,
    callEvent({ ...EXACT, participant: alice, createdAt: missedAt, answeredAt: null, completedAt: new Date(missedAt.getTime() + 30_000), userId: null }),
    messageEvent({ ...EXACT, participant: alice, type: "message.delivered", direction: "outgoing", createdAt: new Date(missedAt.getTime() + minutes(20)), text: "Sorry we missed you", userId: "USinsights" }),
    messageEvent({ ...EXACT, participant: bob, createdAt: new Date(now - minutes(2)), text: "Are you open today?", userId: null }),
  );
}

/** Two weeks of a small team's traffic on the showcase number (for the screenshots). */
async function seedShowcase(page: Page) {
  const rand = prng(42);
  const now = Date.now();
  const contacts = Array.from({ length: 12 }, () => uniqueNumber());
  // The first is a user of the fake OpenPhone's directory, which the app reads at start: shown by name.
  const staff = [DIRECTORY_USER.id, "USdevon", "USpriya"];
  const events: object[] = [];
  for (let day = 13; day >= 0; day--) {
    const perDay = 6 + Math.floor(rand() * 8);
    for (let i = 0; i < perDay; i++) {
      const start = now - day * 86_400_000 - Math.floor(rand() * 10 * 3_600_000) - minutes(5);
      if (start > now - minutes(5)) continue;
      const participant = contacts[Math.floor(rand() * contacts.length)]!;
      const user = staff[Math.floor(rand() * staff.length)]!;
      const roll = rand();
      const at = new Date(start);
      if (roll < 0.45) {
        events.push(messageEvent({ ...SHOWCASE, participant, createdAt: at, text: "Hi, quick question about my quote", userId: null }));
        events.push(messageEvent({ ...SHOWCASE, participant, type: "message.delivered", direction: "outgoing", createdAt: new Date(start + minutes(3 + rand() * 90)), text: "Happy to help", userId: user }));
      } else if (roll < 0.75) {
        const answeredAt = new Date(start + 4_000);
        events.push(callEvent({ ...SHOWCASE, participant, createdAt: at, answeredAt, completedAt: new Date(answeredAt.getTime() + minutes(2 + rand() * 12)), userId: user }));
      } else if (roll < 0.9) {
        events.push(callEvent({ ...SHOWCASE, participant, createdAt: at, answeredAt: null, completedAt: new Date(start + 25_000), userId: null }));
        if (rand() < 0.8) {
          const callbackAt = new Date(start + minutes(10 + rand() * 240));
          events.push(callEvent({ ...SHOWCASE, participant, direction: "outgoing", createdAt: callbackAt, answeredAt: new Date(callbackAt.getTime() + 6_000), completedAt: new Date(callbackAt.getTime() + minutes(4)), userId: user }));
        }
      } else {
        events.push(
          callEvent({
            ...SHOWCASE,
            participant,
            createdAt: at,
            answeredAt: null,
            completedAt: new Date(start + 60_000),
            userId: null,
            voicemail: { url: `${E2E_BASE_URL}${VOICEMAIL.path}`, type: VOICEMAIL.contentType, duration: VOICEMAIL.duration },
          }),
        );
      }
    }
  }
  // Deliver in time order, as OpenPhone would.
  const created = (event: object) => Date.parse(((event as { data: { object: { createdAt: string } } }).data.object.createdAt));
  events.sort((a, b) => created(a) - created(b));
  await deliver(page.request, ...events);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await seedExact(page);
  await seedShowcase(page);
  await page.close();
});

const card = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

test("the number filter, range switching and the table view show this number's exact figures", async ({ page }) => {
  await page.goto("/insights");
  await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
  await expect(page.getByRole("link", { name: "7 days" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("Number").selectOption({ label: formatPhoneNumber(EXACT.workspaceNumber) });
  await expect(page).toHaveURL(/[?&]number=\d+/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const callbacks = card(page, "Time to callback");
  await expect(callbacks.getByText("1 of 1")).toBeVisible();
  await expect(callbacks.getByText("20 min").first()).toBeVisible();

  // The table view holds the same figures.
  await callbacks.getByRole("tab", { name: "Table" }).click();
  const table = callbacks.getByRole("table");
  await expect(table).toBeVisible();
  await expect(table.getByRole("row", { name: /Median \(minutes\)/ })).toContainText("20");
  await expect(table.getByRole("row", { name: /Within 15 minutes/ })).toContainText("0");
  await expect(table.getByRole("row", { name: /15–60 minutes/ })).toContainText("1");
  await callbacks.getByRole("tab", { name: "Chart" }).click();
  await expect(table).toBeHidden();

  const volume = card(page, "Volume");
  await expect(volume.getByRole("listitem")).toHaveText(["Texts in 1", "Texts out 1", "Missed calls 1"]);

  // Today: only the text that came in two minutes ago; the number filter stays.
  await page.getByRole("link", { name: "Today" }).click();
  await expect(page).toHaveURL(/range=today/);
  await expect(page).toHaveURL(/number=\d+/);
  await expect(page.getByRole("link", { name: "Today" })).toHaveAttribute("aria-current", "page");
  await expect(volume.getByRole("listitem")).toHaveText(["Texts in 1"]);
  await expect(callbacks.getByText("0 of 0")).toBeVisible();
  await expect(card(page, "First response").getByText("0 of 1")).toBeVisible();

  await page.getByRole("link", { name: "30 days" }).click();
  await expect(page).toHaveURL(/range=30d/);
  await expect(volume.getByRole("listitem")).toHaveText(["Texts in 1", "Texts out 1", "Missed calls 1"]);
  await expect(volume.locator("svg rect")).toHaveCount(3);

  // A custom range of two days that holds only the missed call and its callback.
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date(Date.now() - 3 * 86_400_000));
  await page.getByLabel("From").fill(day);
  await page.getByLabel("to", { exact: true }).fill(day);
  await page.getByRole("form", { name: "Custom range" }).getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(new RegExp(`range=custom.*from=${day}.*to=${day}`));
  await expect(volume.getByRole("listitem")).toHaveText(["Texts out 1", "Missed calls 1"]);
  await expect(card(page, "Missed-call rate").getByText("100%").first()).toBeVisible();
});

test("each chart downloads its table as CSV", async ({ page }) => {
  await page.goto("/insights");
  await page.getByLabel("Number").selectOption({ label: formatPhoneNumber(EXACT.workspaceNumber) });
  await expect(page).toHaveURL(/number=\d+/);
  const callbacks = card(page, "Time to callback");
  const downloadPromise = page.waitForEvent("download");
  await callbacks.getByRole("link", { name: /CSV/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^insights-callbacks-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = parseCsv(fs.readFileSync((await download.path())!, "utf8"));
  expect(rows[0]).toEqual(["Measure", "Value"]);
  expect(rows).toContainEqual(["Missed calls and voicemails", "1"]);
  expect(rows).toContainEqual(["Called back", "1"]);
  expect(rows).toContainEqual(["Median (minutes)", "20"]);

  const volumeCsv = await page.request.get(await card(page, "Volume").getByRole("link", { name: /CSV/ }).getAttribute("href") ?? "");
  expect(volumeCsv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const [header, ...days] = parseCsv(await volumeCsv.text());
  expect(header).toEqual(["Day", "Texts in", "Texts out", "Calls answered", "Missed calls", "Voicemails", "Outgoing calls", "Other incoming calls", "Total"]);
  expect(days).toHaveLength(7);
  expect(days.reduce((sum, row) => sum + Number(row[8]), 0)).toBe(3);
});

test("the callback queue plays voicemails, records who handled a call, and empties live when a callback arrives", async ({ page }) => {
  const helen = uniqueNumber();
  const omar = uniqueNumber();
  // Long ago, so these are the oldest in the queue whatever other specs deliver.
  const old = new Date("2021-04-01T14:00:00Z");
  await deliver(
    page.request,
    contactEvent({ firstName: "Helen", lastName: `Park ${runTag}`, phone: helen, eventCreatedAt: new Date(old.getTime() - 60_000) }),
    contactEvent({ firstName: "Omar", lastName: `Reyes ${runTag}`, phone: omar, eventCreatedAt: new Date(old.getTime() - 60_000) }),
    callEvent({
      ...EXACT,
      participant: helen,
      createdAt: old,
      answeredAt: null,
      completedAt: new Date(old.getTime() + 60_000),
      userId: null,
      voicemail: { url: `${E2E_BASE_URL}${VOICEMAIL.path}`, type: VOICEMAIL.contentType, duration: VOICEMAIL.duration },
    }),
    callEvent({ ...EXACT, participant: omar, createdAt: new Date(old.getTime() + minutes(5)), answeredAt: null, completedAt: new Date(old.getTime() + minutes(6)), userId: null }),
  );

  await page.goto("/callbacks");
  const queue = page.getByRole("list", { name: "Waiting for a callback" });
  const helenRow = queue.getByRole("listitem").filter({ hasText: `Helen Park ${runTag}` });
  const omarRow = queue.getByRole("listitem").filter({ hasText: `Omar Reyes ${runTag}` });
  await expect(helenRow).toContainText("Voicemail");
  await expect(omarRow).toContainText("Missed call");
  await expect(helenRow.getByTestId("waiting")).toContainText(/\d+ d/);
  // Oldest first: Helen's voicemail before Omar's missed call.
  const ids = await queue.getByRole("listitem").evaluateAll((items) => items.map((li) => li.getAttribute("data-activity-id")));
  expect(ids.indexOf(await helenRow.getAttribute("data-activity-id"))).toBeLessThan(ids.indexOf(await omarRow.getAttribute("data-activity-id")));
  const badge = page.getByRole("navigation", { name: "Main" }).getByTestId("callback-badge");
  const before = Number(await badge.textContent().then((t) => t?.replace(/\D/g, "")));
  expect(before).toBeGreaterThanOrEqual(2);

  // The voicemail plays inline, through our media proxy.
  const audio = helenRow.locator("audio");
  await expect(audio).toHaveAttribute("src", /^\/api\/media\/voicemail\/\d+$/);
  await helenRow.getByRole("button", { name: /play/i }).first().click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(0);

  // Mark handled: Omar's call leaves the queue and shows who handled it.
  await omarRow.getByRole("button", { name: `Mark handled: Omar Reyes ${runTag}` }).click();
  await expect(omarRow).toHaveCount(0);
  const handled = page.getByRole("list", { name: "Recently marked handled" }).getByRole("listitem").filter({ hasText: `Omar Reyes ${runTag}` });
  await expect(handled).toContainText("Handled by");

  // A callback by text to Helen, delivered while the page is open: her voicemail leaves live.
  await expect(page.locator("[data-live=true]")).toBeVisible();
  await deliver(page.request, messageEvent({ ...EXACT, participant: helen, type: "message.delivered", direction: "outgoing", text: "Calling you back now", userId: "USinsights" }));
  await expect(helenRow).toHaveCount(0);
  await expect(page.getByRole("navigation", { name: "Main" }).getByTestId("callback-badge")).not.toHaveText(String(before));
});

async function screenshot(page: Page, url: string, theme: "light" | "dark", file: string, fullPage = true) {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, file), fullPage, animations: "disabled", caret: "hide" });
}

test("insights and the callback queue follow the light and dark theme", async ({ page }) => {
  await page.goto("/insights");
  await page.getByLabel("Number").selectOption({ label: formatPhoneNumber(SHOWCASE.workspaceNumber) });
  await expect(page).toHaveURL(/number=\d+/);
  const url = new URL(page.url());
  const insightsUrl = `/insights?range=30d&number=${url.searchParams.get("number")}`;
  const barFill = () => card(page, "Volume").locator("svg g.fill-sky-500 rect").first().evaluate((r) => getComputedStyle(r).fill);

  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(insightsUrl);
  const light = await barFill();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(insightsUrl);
  const dark = await barFill();
  expect(light).not.toBe(dark);
  const background = await card(page, "Volume").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(background).not.toBe("rgb(255, 255, 255)");
  // Staff known to OpenPhone's directory are named; the others keep their id.
  const staff = card(page, "Per staff member");
  await expect(staff.locator(`[title="${DIRECTORY_USER.id}"]`)).toHaveText(`${DIRECTORY_USER.firstName} ${DIRECTORY_USER.lastName}`);
  await expect(staff.getByText("USdevon", { exact: true }).first()).toBeVisible();

  await screenshot(page, insightsUrl, "light", "insights-light.png");
  await screenshot(page, insightsUrl, "dark", "insights-dark.png");
  await screenshot(page, "/callbacks", "light", "callbacks-light.png", false);
  await screenshot(page, "/callbacks", "dark", "callbacks-dark.png", false);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("insights stay readable: no page-wide horizontal scroll, charts scroll inside their card", async ({ page }) => {
    await page.goto("/insights?range=30d");
    await expect(page.getByRole("heading", { level: 1, name: "Insights" })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, "/insights?range=30d", "dark", "insights-phone-dark.png", false);
  });
});
