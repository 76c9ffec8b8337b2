import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { E2E_ADMIN, E2E_STAFF, adminStatePath, authStateDir, staffStatePath } from "../helpers/e2e-auth";
import { E2E_BASE_URL, e2eDatabaseUrl } from "../helpers/e2e-env";
import { formatDateTimeMedium } from "../../lib/format/time";

// Project "auth" runs first, in order, on the fresh database: it creates the accounts every other
// spec signs in with (tests/e2e/fixtures.ts).
test.describe.configure({ mode: "serial" });
// These tests start signed out; they sign in through the real form themselves.
test.use({ storageState: { cookies: [], origins: [] } });

const root = path.resolve(import.meta.dirname, "../..");

/** What an operator runs when the start-up line scrolled away: `npm run users -- setup-link`. */
function setupLinkFromCli(): string {
  const output = execFileSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/users.ts", "setup-link"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: e2eDatabaseUrl(), WEBHOOK_BASE_URL: E2E_BASE_URL, APP_SECRET_FILE: "./tests/.tmp/e2e/app-secret" },
    encoding: "utf8",
  });
  return /(http\S+\/setup\/\S+)/.exec(output)![1]!;
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function newSignedOutPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: E2E_BASE_URL });
  return context.newPage();
}

const sidebar = (page: Page) => page.getByTestId("app-sidebar");

test("signed out, pages send you to sign in", async ({ page, request }) => {
  await page.goto("/conversations");
  await expect(page).toHaveURL(/\/login\?next=%2Fconversations$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("app-sidebar")).toHaveCount(0);
  expect((await request.get("/api/me")).status()).toBe(401);
});

test("first start: the one-time setup link creates the admin", async ({ page }) => {
  fs.mkdirSync(authStateDir(), { recursive: true });
  const link = setupLinkFromCli();
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Create the admin account" })).toBeVisible();
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Name").fill(E2E_ADMIN.name);
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByLabel("Confirm password").fill("something else entirely");
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page.getByText("The two passwords differ.")).toBeVisible();
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN.password);
  await page.getByLabel("Confirm password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Create admin account" }).click();

  await expect(page).toHaveURL(/\/admin\/users$/);
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  await expect(sidebar(page).getByTestId("user-email")).toHaveText(E2E_ADMIN.email);
  await expect(sidebar(page).getByTestId("user-role")).toHaveText("Admin");
  await page.context().storageState({ path: adminStatePath() });

  // One use only.
  const again = await newSignedOutPage(page.context().browser()!);
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await again.context().close();
});

test("an admin adds a staff user; staff sign in through /login, without admin access", async ({ adminPage: page, browser }) => {
  await page.goto("/admin/users");
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(E2E_STAFF.email);
  await form.getByLabel("Role").selectOption("staff");
  await form.getByLabel("Password").fill(E2E_STAFF.password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(form.getByRole("status")).toContainText(`${E2E_STAFF.email} can sign in now`);
  await expect(page.getByTestId("user-row").filter({ hasText: E2E_STAFF.email })).toContainText("Staff");

  const staff = await newSignedOutPage(browser);
  await staff.goto("/conversations");
  await signIn(staff, E2E_STAFF.email, E2E_STAFF.password);
  await expect(staff).toHaveURL(/\/conversations$/);
  await expect(sidebar(staff).getByTestId("user-email")).toHaveText(E2E_STAFF.email);
  await expect(sidebar(staff).getByTestId("user-role")).toHaveText("Staff");
  await expect(staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Admin" })).toHaveCount(0);
  const forbidden = await staff.goto("/admin/users");
  expect(forbidden?.status()).toBe(403);
  await expect(staff.getByRole("heading", { name: "Admins only" })).toBeVisible();
  await staff.context().storageState({ path: staffStatePath() });
  await staff.context().close();
});

test("a wrong password shows a message and signs nobody in", async ({ page }) => {
  await page.goto("/login");
  await signIn(page, E2E_STAFF.email, "not the password at all");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("That email and password don't match an active account.");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByLabel("Email")).toHaveValue(E2E_STAFF.email);
  expect((await page.context().cookies()).filter((c) => c.name === "opi_session")).toEqual([]);
});

test("sign-out ends the session", async ({ page, request }) => {
  await page.goto("/login");
  await signIn(page, E2E_STAFF.email, E2E_STAFF.password);
  await expect(page).toHaveURL(/\/activity$/);
  const [session] = (await page.context().cookies()).filter((c) => c.name === "opi_session");
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax" });

  await sidebar(page).getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/activity");
  await expect(page).toHaveURL(/\/login\?next=%2Factivity$/);
  // The old cookie is dead on the server too.
  const replay = await request.get("/api/me", { headers: { Cookie: `opi_session=${session!.value}` } });
  expect(replay.status()).toBe(401);
});

test("user management: invite link, role changes, deactivation, last-admin protection, reset link", async ({ adminPage: page, browser }) => {
  await page.goto("/admin/users");
  const invitee = "invitee@e2e.test";
  const form = page.getByRole("form", { name: "Add a user" });
  await form.getByLabel("Email").fill(invitee);
  await form.getByLabel("Name").fill("Ivy Invitee");
  await form.getByRole("button", { name: "Add user" }).click();
  const inviteLink = (await page.getByTestId("invite-link").textContent())!;
  expect(inviteLink).toMatch(new RegExp(`^${E2E_BASE_URL}/setup/[A-Za-z0-9_-]{43}$`));
  const row = page.getByTestId("user-row").filter({ hasText: invitee });
  await expect(row).toContainText("Invited");

  // The invitee chooses a password and is signed in.
  const ivy = await newSignedOutPage(browser);
  await ivy.goto(inviteLink);
  await expect(ivy.getByRole("heading", { name: "Welcome, Ivy Invitee" })).toBeVisible();
  await ivy.getByLabel("Password", { exact: true }).fill("ivy's own password");
  await ivy.getByLabel("Confirm password").fill("ivy's own password");
  await ivy.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(ivy).toHaveURL(/\/activity$/);
  await expect(sidebar(ivy).getByTestId("user-email")).toHaveText(invitee);

  await page.reload();
  await expect(row).not.toContainText("Invited");
  await row.getByRole("button", { name: "Make admin" }).click();
  await expect(row.getByRole("button", { name: "Make staff" })).toBeVisible();
  await expect(row).toContainText("Admin");
  await row.getByRole("button", { name: "Make staff" }).click();
  await expect(row.getByRole("button", { name: "Make admin" })).toBeVisible();

  await row.getByRole("button", { name: "Deactivate" }).click();
  await expect(row).toContainText("Deactivated");
  await ivy.reload();
  await expect(ivy).toHaveURL(/\/login/);
  await row.getByRole("button", { name: "Reactivate" }).click();
  await expect(row.getByRole("button", { name: "Deactivate" })).toBeVisible();

  // The only admin cannot demote themself, and has no Deactivate button on their own row.
  const self = page.getByTestId("user-row").filter({ hasText: E2E_ADMIN.email });
  await expect(self).toContainText("You");
  await expect(self.getByRole("button", { name: "Deactivate" })).toHaveCount(0);
  await self.getByRole("button", { name: "Make staff" }).click();
  await expect(self.getByRole("alert")).toContainText("at least one active admin");

  // Reset password: a one-time link for the user.
  await row.getByRole("button", { name: "Reset password" }).click();
  await expect(row.getByTestId("reset-link")).toHaveText(new RegExp(`^${E2E_BASE_URL}/setup/`));
  await ivy.context().close();
});

test("API tokens: shown once, used as Bearer, revoked", async ({ adminPage: page, request }) => {
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API tokens" })).toBeVisible();
  await page.getByLabel("Name").fill("Nightly CSV export");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-api-token").textContent())!;
  expect(token).toMatch(/^opi_[A-Za-z0-9_-]{43}$/);

  // `request` carries no cookies: the token alone must do.
  const api = (value: string) => request.get("/api/me", { headers: { Authorization: `Bearer ${value}` } });
  expect((await api(token)).status()).toBe(200);

  // Shown once: after a reload only its first characters are listed, with when it was last used.
  await page.reload();
  await expect(page.getByTestId("new-api-token")).toHaveCount(0);
  expect(await page.content()).not.toContain(token);
  const row = page.getByTestId("token-row").filter({ hasText: "Nightly CSV export" });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).not.toContainText("Never");

  await row.getByRole("button", { name: "Revoke Nightly CSV export" }).click();
  await row.getByRole("button", { name: "Confirm revoking Nightly CSV export" }).click();
  await expect(row).toContainText("Revoked");
  expect((await api(token)).status()).toBe(401);
});

test("admin pages show times in the viewer's time zone", async ({ browser }) => {
  // Kathmandu is UTC+5:45: no server zone formats a time the same way by accident.
  const timeZone = "Asia/Kathmandu";
  const context = await browser.newContext({ baseURL: E2E_BASE_URL, timezoneId: timeZone, storageState: adminStatePath() });
  const page = await context.newPage();
  await page.goto("/admin/tokens");
  const created = page.getByTestId("token-row").first().locator("time").first();
  const iso = (await created.getAttribute("datetime"))!;
  await expect(created).toHaveText(formatDateTimeMedium(new Date(iso), timeZone));
  await context.close();
});
