// Shared Playwright fixtures: every spec imports { test, expect } from here, so signing in lives in
// one place. `page` is signed in as staff; `adminPage` is a second page signed in as the admin (same
// viewport, colour scheme and device options). Both reuse the browser state that auth.spec.ts saved
// after signing in through the real /login form (project "auth" runs first). Webhook deliveries
// through Playwright's `request` stay unauthenticated, like OpenPhone's. Any Content-Security-Policy
// violation on either page fails the test.
import fs from "node:fs";
import { test as base, expect, type Page } from "@playwright/test";
import { adminStatePath, staffStatePath } from "../helpers/e2e-auth";

export { expect };

function existing(file: string): string {
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: the "auth" project (tests/e2e/auth.spec.ts) signs in first`);
  return file;
}

/** Chromium reports blocked scripts, styles and media as console errors. */
function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

export const test = base.extend<{ adminPage: Page }>({
  storageState: async ({}, use) => {
    await use(existing(staffStatePath()));
  },
  page: async ({ page }, use) => {
    const violations = watchCsp(page);
    await use(page);
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
  adminPage: async ({ browser, baseURL, viewport, colorScheme, isMobile, hasTouch, deviceScaleFactor }, use) => {
    const context = await browser.newContext({
      baseURL,
      viewport,
      colorScheme,
      isMobile,
      hasTouch,
      deviceScaleFactor,
      storageState: existing(adminStatePath()),
    });
    const page = await context.newPage();
    const violations = watchCsp(page);
    await use(page);
    await context.close();
    expect(violations, "Content-Security-Policy violations").toEqual([]);
  },
});
