import path from "node:path";
import type { Page } from "@playwright/test";
import { test } from "./fixtures";

// A generator, not a test: README_SCREENSHOTS=1 npx playwright test -c tests/playwright.config.ts readme-screenshots
test.skip(!process.env.README_SCREENSHOTS, "generates docs/screenshots/ only when README_SCREENSHOTS=1");

const OUT_DIR = path.resolve(import.meta.dirname, "../../docs/screenshots");

test.use({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });

async function capture(page: Page, url: string, theme: "light" | "dark", file: string) {
  await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
  await page.goto(url);
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.screenshot({ path: path.join(OUT_DIR, file), animations: "disabled", caret: "hide" });
}

test("activity empty state, light and dark", async ({ page }) => {
  await capture(page, "/activity", "light", "activity-empty-light.png");
  await capture(page, "/activity", "dark", "activity-empty-dark.png");
});

test("admin overview and users, light and dark", async ({ adminPage }) => {
  await capture(adminPage, "/admin", "light", "admin-light.png");
  await capture(adminPage, "/admin", "dark", "admin-dark.png");
  await capture(adminPage, "/admin/users", "light", "users-light.png");
  await capture(adminPage, "/admin/users", "dark", "users-dark.png");
});

test.describe("signed out", () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test("sign-in page, light and dark", async ({ page }) => {
    await capture(page, "/login", "light", "login-light.png");
    await capture(page, "/login", "dark", "login-dark.png");
  });
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("activity empty state on a phone", async ({ page }) => {
    await capture(page, "/activity", "light", "activity-empty-phone.png");
  });
});
