import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_FAKE_OPENPHONE_URL, E2E_KEY_GRACE_SECONDS, E2E_NO_KEY_BASE_URL } from "../helpers/e2e-env";

// Admin → Webhooks against the fake OpenPhone API (tests/playwright.config.ts starts it and points
// OPENPHONE_API_BASE_URL at it). Runs in the "populated" project: its test deliveries write to the
// event log, which the "empty" specs expect to be empty. One serial story: state carries over.
test.describe.configure({ mode: "serial" });

const SHOTS = path.resolve(import.meta.dirname, "../../docs/screenshots");

type FakeHook = { id: string; generation: "legacy" | "2026"; deletedAt: string | null; previousKeys: string[] };

async function fakeHooks(request: APIRequestContext): Promise<FakeHook[]> {
  const response = await request.get(`${E2E_FAKE_OPENPHONE_URL}/__fake/webhooks`);
  return ((await response.json()) as { data: FakeHook[] }).data;
}

/** The fake delivers an event signed with the webhook's current or previous key; returns our status code. */
async function deliver(request: APIRequestContext, id: string, key: "current" | "previous" = "current"): Promise<number> {
  const response = await request.post(`${E2E_FAKE_OPENPHONE_URL}/__fake/webhooks/${id}/deliver`, { data: { key } });
  return ((await response.json()) as { data: { responseStatusCode: number } }).data.responseStatusCode;
}

async function faults(request: APIRequestContext, value: object): Promise<void> {
  await request.post(`${E2E_FAKE_OPENPHONE_URL}/__fake/faults`, { data: value });
}

async function shoot(page: Page, file: string): Promise<void> {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: "reduce" });
    await page.screenshot({ path: path.join(SHOTS, `${file}-${theme}.png`), fullPage: true, animations: "disabled", caret: "hide" });
  }
  await page.emulateMedia({ colorScheme: "light" });
}

const rows = (page: Page) => page.getByTestId("webhook-row");

test("no API key: the page explains how to set one", async ({ adminPage: page }) => {
  await page.goto(`${E2E_NO_KEY_BASE_URL}/admin/webhooks`);
  await expect(page.getByTestId("webhooks-no-key")).toContainText("OPENPHONE_API_KEY");
  await expect(page.getByTestId("connect-everything")).toHaveCount(0);
  await shoot(page, "webhooks-no-key");
});

test("a wrong key and a rate-limited key each get their own clear state", async ({ adminPage: page, request }) => {
  await faults(request, { wrongKey: true });
  await page.goto("/admin/webhooks");
  await expect(page.getByTestId("webhooks-api-error")).toHaveAttribute("data-kind", "unauthorized");
  await expect(page.getByRole("heading", { name: "OpenPhone rejected the API key" })).toBeVisible();
  await shoot(page, "webhooks-wrong-key");

  await faults(request, { rateLimit: { count: 50, retryAfterSeconds: 30 } });
  await page.reload();
  await expect(page.getByTestId("webhooks-api-error")).toHaveAttribute("data-kind", "rate_limited");
  await expect(page.getByTestId("webhooks-api-error")).toContainText("Wait 30 s");
  await faults(request, {});
});

test("the admin nav leads to Webhooks, which starts empty and warns that the URL is local", async ({ adminPage: page }) => {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/admin\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByTestId("local-url-warning")).toBeVisible();
  await expect(page.getByText("No webhooks yet")).toBeVisible();
});

test("Connect everything creates every family once; pressing it again creates nothing", async ({ adminPage: page, request }) => {
  await page.goto("/admin/webhooks");
  await page.getByTestId("connect-everything").click();
  await expect(page.getByTestId("action-result")).toContainText("Connected Messages, Calls and recordings, Call summaries, Call transcripts");
  await expect(rows(page)).toHaveCount(4);
  expect((await fakeHooks(request)).filter((w) => !w.deletedAt)).toHaveLength(4);

  await page.getByTestId("connect-everything").click();
  await expect(page.getByTestId("action-result")).toContainText("Nothing was created");
  await expect(rows(page)).toHaveCount(4);
  expect((await fakeHooks(request)).filter((w) => !w.deletedAt)).toHaveLength(4);
  await expect(rows(page).first()).toContainText("This app");
  await expect(rows(page).filter({ hasText: "Call summaries" })).toContainText(/\b1 event ·/);
  await expect(rows(page).filter({ hasText: "Messages" })).toContainText(/\b4 events ·/);
  await expect(page.getByTestId("audit-row").filter({ hasText: "create" })).toHaveCount(4);

  // The overview counts the stored keys the receiver now trusts, next to the configured one.
  await page.goto("/admin");
  await expect(page.getByTestId("signing-secret-count")).toHaveText("5");
  await expect(page.getByText("4 from Admin → Webhooks, 1 from OPENPHONE_WEBHOOK_SIGNING_KEY")).toBeVisible();
});

test("Test shows the round trip, and the delivery is in the event log with no env change", async ({ adminPage: page, request }) => {
  await page.goto("/admin/webhooks");
  const row = rows(page).first();
  await row.getByRole("button", { name: "Test" }).click();
  const trip = row.getByTestId("test-round-trip");
  for (const step of ["sent", "received", "verified", "stored"]) await expect(trip.locator(`[data-step=${step}]`)).toHaveAttribute("data-ok", "true");
  await expect(row.getByTestId("test-ms")).toHaveText(/^\d+ ms$/);
  await shoot(page, "webhooks-list");

  // A regular delivery signed with the key the fake generated is accepted too.
  const id = (await row.getAttribute("data-id"))!;
  expect(await deliver(request, id)).toBe(200);
  await page.goto("/admin");
  await expect(page.getByText("contact.updated").first()).toBeVisible();
});

test("rotate: both keys work during the grace period, only the new one after it", async ({ adminPage: page, request }) => {
  await page.goto("/admin/webhooks");
  const row = rows(page).nth(1);
  const id = (await row.getAttribute("data-id"))!;
  await row.getByRole("button", { name: "Rotate key" }).click();
  await expect(row.getByTestId("action-result")).toContainText("The old key stays valid until");
  const rotatedAt = Date.now();
  expect((await fakeHooks(request)).find((w) => w.id === id)!.previousKeys).toHaveLength(1);
  expect(await deliver(request, id, "previous")).toBe(200);
  expect(await deliver(request, id, "current")).toBe(200);
  await page.waitForTimeout(Math.max(0, rotatedAt + E2E_KEY_GRACE_SECONDS * 1000 + 1500 - Date.now()));
  expect(await deliver(request, id, "previous")).toBe(401);
  expect(await deliver(request, id, "current")).toBe(200);
});

test("reveal shows the stored key once and records it", async ({ adminPage: page }) => {
  await page.goto("/admin/webhooks");
  const row = rows(page).nth(2);
  await row.getByRole("button", { name: "Reveal key" }).click();
  await expect(row.getByTestId("revealed-key")).toHaveText(/^whsec_/);
  await page.reload();
  await expect(page.getByTestId("revealed-key")).toHaveCount(0);
  await expect(page.getByTestId("audit-row").filter({ hasText: "reveal" })).toHaveCount(1);
});

test("create a legacy subscription for one number from the form", async ({ adminPage: page, request }) => {
  await page.goto("/admin/webhooks");
  await page.getByText("New subscription").click();
  const form = page.getByRole("form", { name: "New subscription" });
  await form.getByLabel("Events").selectOption("messages");
  await form.getByLabel("API generation").selectOption("legacy");
  await form.getByLabel("Front desk").check();
  await form.getByLabel("Label").fill("Front desk texts");
  await shoot(page, "webhooks-create");
  await form.getByRole("button", { name: "Create subscription" }).click();
  await expect(form.getByTestId("action-result")).toContainText("its signing key is stored and trusted");
  await expect(rows(page)).toHaveCount(5);
  const legacy = rows(page).and(page.locator("[data-generation=legacy]"));
  await expect(legacy).toContainText("Front desk texts");
  await expect(legacy).toContainText("Legacy (v1)");
  expect(await deliver(request, (await legacy.getAttribute("data-id"))!)).toBe(200);
  await expect(page.getByTestId("switch-to-2026")).toBeVisible();
});

test("delete asks first; afterwards a delivery signed with that key gets 401", async ({ adminPage: page, request }) => {
  await page.goto("/admin/webhooks");
  const row = rows(page).and(page.locator("[data-generation=legacy]"));
  const id = (await row.getAttribute("data-id"))!;
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(row).toContainText("Delete this webhook?");
  await shoot(page, "webhooks-delete");
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(rows(page)).toHaveCount(5);

  await row.getByRole("button", { name: "Delete" }).click();
  await row.getByRole("button", { name: "Yes, delete" }).click();
  await expect(rows(page)).toHaveCount(4);
  expect((await fakeHooks(request)).find((w) => w.id === id)!.deletedAt).not.toBeNull();
  expect(await deliver(request, id)).toBe(401);
  await expect(page.getByTestId("audit-row").filter({ hasText: id })).toHaveCount(2); // created, deleted
});
