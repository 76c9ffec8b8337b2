import { expect, test } from "./fixtures";
import { callEvent, messageEvent } from "../../lib/simulator/payloads";
import { signedHeaders } from "../../lib/simulator/sign";
import { E2E_SIGNING_SECRET } from "../helpers/e2e-env";

// Runs after the "empty" project (tests/playwright.config.ts): it delivers webhooks, so the
// database is no longer empty afterwards.

test("signed deliveries show up in Activity, Conversations and the Admin event log", async ({ page, adminPage, request }) => {
  const participant = "+14155550199";
  const deliveries = [
    messageEvent({ participant, text: "Hi! Can someone look at the leak above the kitchen?", createdAt: new Date(Date.now() - 60_000) }),
    callEvent({ participant, answeredAt: null, createdAt: new Date(Date.now() - 30_000) }),
  ];
  for (const payload of deliveries) {
    const rawBody = JSON.stringify(payload);
    const response = await request.post("/api/webhooks/openphone", {
      data: rawBody,
      headers: signedHeaders(rawBody, { secret: E2E_SIGNING_SECRET }),
    });
    expect(response.status(), await response.text()).toBe(200);
  }

  await page.goto("/activity");
  const timeline = page.getByTestId("timeline");
  await expect(timeline.locator("li[data-timeline-item]").filter({ hasText: "leak above the kitchen" })).toBeVisible();
  // Other specs deliver in parallel: look at this number's activity only (search by number).
  await page.goto("/activity?q=415%20555%200199");
  const rows = timeline.locator("li[data-timeline-item]");
  // Newest first: the missed call (30 s ago) comes before the message (60 s ago).
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText("(415) 555-0199");
  await expect(rows.nth(0)).toContainText("Missed call");
  await expect(rows.nth(1)).toContainText("Incoming");
  await expect(rows.nth(1)).toContainText("Received");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conversations" }).click();
  await expect(page.getByRole("list", { name: "Recent conversations" })).toContainText("(415) 555-0199");

  // The event log is for admins.
  await adminPage.goto("/admin");
  await expect(adminPage.getByRole("table")).toContainText("message.received");
  await expect(adminPage.getByRole("table")).toContainText("call.completed");
});
