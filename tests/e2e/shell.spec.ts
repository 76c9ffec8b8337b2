import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import packageJson from "../../package.json" with { type: "json" };
import { E2E_BASE_URL, E2E_NO_KEY_BASE_URL, e2eDatabaseUrl } from "../helpers/e2e-env";

// These specs run against an empty database (project "empty"); see tests/playwright.config.ts.
// `page` is signed in as staff, `adminPage` as the admin (tests/e2e/fixtures.ts).

const WEBHOOK_URL = `${E2E_BASE_URL}/api/webhooks/openphone`;

const bodyBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test.describe("navigation", () => {
  test("/ redirects to Activity, and the sidebar moves between the three pages", async ({ adminPage: page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/activity$/);
    await expect(page).toHaveTitle("Activity · OpenPhone Inbox");

    const nav = page.getByRole("navigation", { name: "Main" });
    const link = (name: string) => nav.getByRole("link", { name });
    await expect(link("Activity")).toHaveAttribute("aria-current", "page");

    await link("Conversations").click();
    await expect(page).toHaveURL(/\/conversations$/);
    await expect(page.getByRole("heading", { level: 1, name: "Conversations" })).toBeVisible();
    await expect(link("Conversations")).toHaveAttribute("aria-current", "page");
    await expect(link("Activity")).not.toHaveAttribute("aria-current");

    await link("Admin").click();
    await expect(page).toHaveURL(/\/admin$/);
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    await expect(link("Admin")).toHaveAttribute("aria-current", "page");
    await expect(page).toHaveTitle("Admin · OpenPhone Inbox");

    await link("Activity").click();
    await expect(page.getByRole("heading", { level: 1, name: "Activity" })).toBeVisible();
  });

  test("staff see Activity, Conversations, Callbacks and Insights but not Admin, which answers 403", async ({ page }) => {
    await page.goto("/activity");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveText(["Activity", "Conversations", "Callbacks", "Insights"]);
    const response = await page.goto("/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "Admins only" })).toBeVisible();
  });

  test("an unknown address shows the not-found page inside the shell", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    await page.getByRole("link", { name: "Go to Activity" }).click();
    await expect(page).toHaveURL(/\/activity$/);
  });
});

test.describe("empty states", () => {
  test("Activity explains where to point OpenPhone, and the URL can be copied", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: E2E_BASE_URL });
    await page.goto("/activity");
    await expect(page.getByRole("heading", { name: "No activity yet" })).toBeVisible();
    await expect(page.getByTestId("webhook-url")).toHaveText(WEBHOOK_URL);
    await expect(page.getByText("npm run simulate -- full")).toBeVisible();
    await expect(page.getByTestId("signing-key-status")).toHaveText("1 signing key trusted");
    // This app has OPENPHONE_API_KEY: the first step is one press in Admin → Webhooks.
    await expect(page.getByTestId("connect-step")).toContainText("An admin opens Admin → Webhooks and presses Connect everything");
    await expect(page.getByTestId("connect-step").getByRole("link", { name: "Admin → Webhooks" })).toHaveAttribute("href", "/admin/webhooks");
    // The e2e server runs on localhost, which OpenPhone cannot reach: the page says so.
    await expect(page.getByText("OpenPhone cannot reach a local address")).toBeVisible();

    await page.getByRole("button", { name: "Copy webhook URL" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(WEBHOOK_URL);
  });

  test("Conversations has its own empty state with the same instructions", async ({ page }) => {
    await page.goto("/conversations");
    await expect(page.getByRole("heading", { name: "No conversations yet" })).toBeVisible();
    await expect(page.getByTestId("webhook-url")).toHaveText(WEBHOOK_URL);
    // The second app has no OPENPHONE_API_KEY: the step starts by saying where to get one.
    await page.goto(`${E2E_NO_KEY_BASE_URL}/conversations`);
    await expect(page.getByTestId("connect-step")).toContainText("Set OPENPHONE_API_KEY (OpenPhone → Settings → API) and restart.");
  });

  test("Admin shows the endpoint, the secret count (never a secret), the dialect and an empty event log", async ({ adminPage: page }) => {
    await page.goto("/admin");
    await expect(page.getByTestId("webhook-url")).toHaveText(WEBHOOK_URL);
    await expect(page.getByTestId("signing-secret-count")).toHaveText("1");
    await expect(page.getByText("1 from OPENPHONE_WEBHOOK_SIGNING_KEY; values stay on the server.")).toBeVisible();
    await expect(page.getByTestId("database-dialect")).toHaveText(
      e2eDatabaseUrl().startsWith("file:") ? "SQLite" : "PostgreSQL",
    );
    await expect(page.getByText("No webhook events yet")).toBeVisible();
  });
});

test.describe("theme", () => {
  test.use({ colorScheme: "light" });

  test("the toggle switches to dark, and the choice survives a reload without a flash", async ({ page }) => {
    await page.goto("/activity");
    const html = page.locator("html");
    const theme = page.getByRole("group", { name: "Theme" });
    await expect(html).not.toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
    const lightBackground = await bodyBackground(page);

    await theme.getByRole("button", { name: "Dark" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    await expect.poll(() => bodyBackground(page)).not.toBe(lightBackground);
    const darkBackground = await bodyBackground(page);

    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(theme.getByRole("button", { name: "Dark" })).toHaveAttribute("aria-pressed", "true");
    expect(await bodyBackground(page)).toBe(darkBackground);

    // No flash: with every app script blocked, only the inline <head> script runs, and the first
    // paint is already dark.
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    expect(await bodyBackground(page)).toBe(darkBackground);
    await page.unroute("**/_next/static/**/*.js");

    await page.reload();
    await theme.getByRole("button", { name: "Light" }).click();
    await expect(html).not.toHaveClass(/\bdark\b/);
    expect(await bodyBackground(page)).toBe(lightBackground);
  });
});

test.describe("theme with a dark system preference", () => {
  test.use({ colorScheme: "dark" });

  test("System follows the system, live; Light and Dark override it", async ({ page }) => {
    await page.goto("/activity");
    const html = page.locator("html");
    const theme = page.getByRole("group", { name: "Theme" });
    await expect(theme.getByRole("button", { name: "System" })).toHaveAttribute("aria-pressed", "true");
    await expect(html).toHaveClass(/\bdark\b/);

    await theme.getByRole("button", { name: "Light" }).click();
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(html).not.toHaveClass(/\bdark\b/);

    await theme.getByRole("button", { name: "System" }).click();
    await expect(html).toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "light" });
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.emulateMedia({ colorScheme: "dark" });
    await expect(html).toHaveClass(/\bdark\b/);
  });
});

test("GET /api/health answers 200 JSON with the database ok, uncached, without secrets", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  expect(response.headers()["cache-control"]).toContain("no-store");
  const body = await response.json();
  expect(body).toEqual({
    status: "ok",
    version: packageJson.version,
    database: { ok: true, dialect: e2eDatabaseUrl().startsWith("file:") ? "sqlite" : "postgres", latencyMs: expect.any(Number) },
    // Other specs may already have delivered: the last delivery's time and age are null or set.
    ops: expect.objectContaining({ migrationsCurrent: true, pendingMigrations: [], failedEventsWaiting: expect.any(Number), lastBackfill: null }),
  });
  const text = JSON.stringify(body);
  expect(text).not.toContain(".db");
  expect(text).not.toContain("postgres://");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("navigation is a top bar instead of a sidebar", async ({ adminPage: page }) => {
    await page.goto("/activity");
    const header = page.getByTestId("app-sidebar");
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav).toBeVisible();

    const headerBox = (await header.boundingBox())!;
    expect(headerBox.y).toBe(0);
    expect(headerBox.width).toBeGreaterThanOrEqual(389); // spans the screen, not a 240px column
    expect(headerBox.height).toBeLessThan(160);

    // Every link sits side by side in one row, all of them on screen (a tab bar, not a scroller).
    const boxes = await Promise.all(
      ["Activity", "Conversations", "Callbacks", "Insights", "Admin"].map(async (name) => (await nav.getByRole("link", { name }).boundingBox())!),
    );
    expect(new Set(boxes.map((box) => Math.round(box.y))).size).toBe(1);
    expect(boxes[0]!.x).toBeLessThan(boxes[1]!.x);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i - 1]!.x).toBeLessThan(boxes[i]!.x);
    for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(390);

    await expect(page.getByRole("group", { name: "Theme" })).toBeVisible();
    await nav.getByRole("link", { name: "Admin" }).tap();
    await expect(page.getByRole("heading", { level: 1, name: "Admin" })).toBeVisible();
    // The content starts below the bar, not underneath it.
    const heading = (await page.getByRole("heading", { level: 1 }).boundingBox())!;
    expect(heading.y).toBeGreaterThan(headerBox.height);
  });
});

test.describe("keyboard", () => {
  test("Tab reaches the skip link first, which moves focus to the content", async ({ page }) => {
    await page.goto("/activity");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("focused controls show a visible focus ring", async ({ page }) => {
    await page.goto("/activity");
    await page.keyboard.press("Tab"); // skip link
    await page.keyboard.press("Tab"); // product name
    await page.keyboard.press("Tab"); // first navigation link
    const activity = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Activity" });
    await expect(activity).toBeFocused();
    const outline = await activity.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe("none");
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
