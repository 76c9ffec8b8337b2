import path from "node:path";
import type { Page } from "@playwright/test";
import { test } from "./fixtures";
import { seedMarcusConversation, type SeededConversation } from "./conversation-seed";

// A generator, not a test:
//   README_SCREENSHOTS=1 npx playwright test -c tests/playwright.config.ts conversations-screenshots
// Writes the README's thread and call screenshots (light + dark) to docs/screenshots/, and phone-width
// review shots to test-results/conversation-screens/.
test.skip(!process.env.README_SCREENSHOTS, "generates docs/screenshots/ only when README_SCREENSHOTS=1");
test.describe.configure({ mode: "serial" });

const DOCS = path.resolve(import.meta.dirname, "../../docs/screenshots");
const REVIEW = path.resolve(import.meta.dirname, "../../test-results/conversation-screens");

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, timezoneId: "America/Los_Angeles" });

let seeded: SeededConversation;

async function settle(page: Page, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.getByRole("heading", { level: 1 }).waitFor();
  await imagesLoaded(page);
}

/** Thumbnails are lazy: load them all (eagerly) and wait until each has decoded. */
async function imagesLoaded(page: Page) {
  await page.evaluate(() => document.querySelectorAll("img").forEach((img) => (img.loading = "eager")));
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
}

/** The whole page in one shot: the viewport grows to the content (so the fixed sidebar spans it too). */
async function fullPage(page: Page, file: string) {
  const width = page.viewportSize()!.width;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height: Math.min(Math.max(height, 800), 1800) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await imagesLoaded(page);
  await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
}

async function showThread(page: Page, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.goto("/conversations");
  const href = await page.getByRole("listitem").filter({ hasText: seeded.name }).getByRole("link").getAttribute("href");
  await page.goto(href!);
  await page.getByRole("heading", { level: 1, name: seeded.name }).waitFor();
  await settle(page, theme);
}

async function showCall(page: Page, theme: "light" | "dark") {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.goto(`/calls/${seeded.callId}`);
  await settle(page, theme);
  // Mid-playback: the line being spoken is highlighted and the seek bar has moved.
  const audio = page.locator("audio").first();
  await audio.evaluate((a: HTMLAudioElement) => new Promise((resolve) => (a.readyState >= 1 ? resolve(null) : a.addEventListener("loadedmetadata", resolve, { once: true }))));
  await page.getByRole("list", { name: "Transcript", exact: true }).getByRole("button").nth(2).click();
  await page.waitForTimeout(1200);
  await page.getByRole("button", { name: "Pause call recording" }).click();
  await page.mouse.move(0, 0);
}

test("seed", async ({ page }) => {
  // Older conversations first, so the inbox has company; Marcus last, newest.
  await seedMarcusConversation(page.request, { firstName: "Priya", lastName: "Shah", company: "Shah Dental", now: Date.now() - 3 * 3_600_000 });
  await seedMarcusConversation(page.request, { firstName: "Tom", lastName: "Alvarez", company: "Alvarez Landscaping", now: Date.now() - 26 * 3_600_000 });
  seeded = await seedMarcusConversation(page.request, { firstName: "Marcus", lastName: "Webb", company: "Webb & Daughters Bakery" });
});

for (const theme of ["light", "dark"] as const) {
  test(`conversation thread, ${theme}`, async ({ page }) => {
    await showThread(page, theme);
    await fullPage(page, path.join(DOCS, `conversation-thread-${theme}.png`));
  });

  test(`call detail, ${theme}`, async ({ page }) => {
    await showCall(page, theme);
    await fullPage(page, path.join(DOCS, `call-detail-${theme}.png`));
  });

  test(`inbox, ${theme} (review)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.goto("/conversations");
    await settle(page, theme);
    await page.screenshot({ path: path.join(REVIEW, `inbox-${theme}.png`), animations: "disabled", caret: "hide" });
  });

  test(`empty done tab, ${theme} (review)`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.goto("/conversations?state=done");
    await settle(page, theme);
    await page.screenshot({ path: path.join(REVIEW, `inbox-done-${theme}.png`), animations: "disabled", caret: "hide" });
  });

  test(`lightbox, ${theme} (review)`, async ({ page }) => {
    await showThread(page, theme);
    await page.getByRole("link", { name: /Open image/ }).first().click();
    await page.getByRole("dialog", { name: "Image viewer" }).getByRole("img").waitFor();
    await imagesLoaded(page);
    await page.screenshot({ path: path.join(REVIEW, `lightbox-${theme}.png`), animations: "disabled", caret: "hide" });
  });
}

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  for (const theme of ["light", "dark"] as const) {
    test(`phone screens, ${theme} (review)`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
      await page.goto("/conversations");
      await settle(page, theme);
      await page.screenshot({ path: path.join(REVIEW, `phone-inbox-${theme}.png`), animations: "disabled", caret: "hide" });
      await showThread(page, theme);
      await imagesLoaded(page);
      await page.screenshot({ path: path.join(REVIEW, `phone-thread-${theme}.png`), animations: "disabled", caret: "hide" });
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(REVIEW, `phone-thread-top-${theme}.png`), animations: "disabled", caret: "hide" });
      await showCall(page, theme);
      await page.screenshot({ path: path.join(REVIEW, `phone-call-${theme}.png`), animations: "disabled", caret: "hide", fullPage: true });
    });
  }
});
