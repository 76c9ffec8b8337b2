import path from "node:path";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { callEvent, messageEvent } from "../../lib/simulator/payloads";
import { signedHeaders } from "../../lib/simulator/sign";
import { e2eDialect, execOnE2eDatabase, injectCallFailureSql } from "../helpers/e2e-db";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { E2E_SIGNING_SECRET } from "../helpers/e2e-env";

// One serial story: failures are injected (a database trigger), seen in the banner and the log,
// fixed, then replayed one by one and in bulk. Screenshots for the README (light + dark).
test.describe.configure({ mode: "serial" });

const OUT = path.resolve(import.meta.dirname, "../../docs/screenshots");
const run = `r${Date.now().toString(36)}`;
const prefix = `ACe2efail${run}`;
const trigger = injectCallFailureSql(e2eDialect(), prefix, `e2e_fail_${run}`);

async function post(request: APIRequestContext, payload: object, secret = E2E_SIGNING_SECRET): Promise<number> {
  const rawBody = JSON.stringify(payload);
  const response = await request.post("/api/webhooks/openphone", { data: rawBody, headers: signedHeaders(rawBody, { secret }) });
  return response.status();
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, name), fullPage: false, animations: "disabled", caret: "hide" });
}

test("failed events: banner, filters, detail in a new tab, single and bulk replay", async ({ adminPage: page, request }) => {
  test.setTimeout(180_000);
  const participant = uniqueNumber();
  await execOnE2eDatabase(trigger.inject);
  try {
    await deliver(request, messageEvent({ participant, text: `Quote for the deck ${run}, thanks!` }));
    for (let i = 0; i < 3; i++) expect(await post(request, callEvent({ id: `${prefix}${i}`, participant }))).toBe(500);
    expect(await post(request, messageEvent({ participant }), Buffer.from("not the e2e secret, a wrong one!!").toString("base64"))).toBe(401);
  } finally {
    await execOnE2eDatabase(trigger.remove);
  }

  // The admin banner says failed events wait, on the dashboard too.
  await page.goto("/activity");
  await expect(page.getByTestId("ops-banner")).toContainText("failed event");
  await page.getByTestId("ops-banner").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/events\?outcome=failed/);

  // Filters live in the URL: outcome + text inside payloads narrows to this run's three calls.
  await page.goto("/admin/events");
  await expect(page.getByTestId("rejection-total")).not.toHaveText("0");
  await page.getByLabel("Outcome").selectOption("failed");
  await page.getByLabel("Text in payload").fill(prefix);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`outcome=failed.*q=${prefix}`));
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toContainText("call.completed");
  await expect(page.getByTestId("matching-count")).toHaveText("3 matching events");
  await shoot(page, "event-log-light.png");
  await page.emulateMedia({ colorScheme: "dark" });
  await shoot(page, "event-log-dark.png");
  await page.emulateMedia({ colorScheme: "light" });

  // Resource id filter: exactly one.
  await page.getByLabel("Call / message id").fill(`${prefix}0`);
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(rows).toHaveCount(1);

  // The row opens the detail in a new tab.
  const [detail] = await Promise.all([page.context().waitForEvent("page"), rows.first().getByRole("link").click()]);
  await detail.waitForLoadState();
  await expect(detail.getByRole("heading", { name: "call.completed" })).toBeVisible();
  await expect(detail.getByTestId("event-outcome")).toContainText("Failed");
  await expect(detail.getByTestId("event-error")).toContainText(/injected projection failure|constraint/i);
  await expect(detail.getByTestId("event-body")).toContainText(`"id": "${prefix}0"`);
  await expect(detail.getByTestId("event-normalized")).toContainText('"kind": "call"');
  await expect(detail.getByTestId("event-headers")).toContainText("content-type");
  await expect(detail.getByTestId("event-links")).toContainText("nothing (yet)");
  await shoot(detail, "event-detail-light.png");

  // Single replay after the fix: processed, then a second replay changes nothing and says so.
  await detail.getByTestId("replay-event").click();
  await expect(detail.getByTestId("replay-event-result")).toHaveText("Processed: the event is applied.");
  await detail.reload();
  await expect(detail.getByTestId("event-outcome")).toContainText("Processed");
  await expect(detail.getByTestId("event-links")).toContainText("Call");
  await detail.getByTestId("replay-event").click();
  await expect(detail.getByTestId("replay-event-result")).toHaveText("Already processed: nothing to do, no data changed.");
  await detail.close();

  // Bulk replay of what is left (2 of the 3): progress comes from the job row; the log empties.
  await page.goto(`/admin/events?outcome=failed&q=${prefix}`);
  await expect(rows).toHaveCount(2);
  await page.getByTestId("bulk-replay").click();
  await page.getByTestId("bulk-replay-confirm").click();
  const job = page.getByTestId("replay-job").first();
  await expect(job).toHaveAttribute("data-status", "done", { timeout: 20_000 });
  await expect(job.getByTestId("replay-job-progress")).toHaveText("2 of 2 · 2 processed · 0 unchanged · 0 failed");
  await page.reload();
  await expect(page.getByText("No events match these filters")).toBeVisible();

  // Every call now exists once.
  await page.goto(`/admin/events?q=${prefix}&type=call.completed`);
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toContainText("Processed");
});

test("the event log and an event in dark mode", async ({ adminPage: page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(`/admin/events?q=${prefix}`);
  await expect(page.getByTestId("event-row")).toHaveCount(3);
  const href = await page.getByTestId("event-row").first().getByRole("link").getAttribute("href");
  await page.goto(href!);
  await expect(page.getByTestId("event-body")).toBeVisible();
  await shoot(page, "event-detail-dark.png");
});
