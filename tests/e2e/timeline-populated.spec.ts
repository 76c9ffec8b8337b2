import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { demoImages } from "../../lib/simulator/demo-media";
import { callEvent, contactEvent, fakeId, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "../../lib/simulator/payloads";
import { parseCsv } from "../helpers/csv";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { E2E_BASE_URL } from "../helpers/e2e-env";
import { zoneClearOfMidnight } from "../helpers/time-zone";

// The activity timeline, fed through the real webhook endpoint. Every test delivers to a workspace
// number of its own and looks at that inbox (or searches for its own words), so tests run in
// parallel with each other and with the other populated specs.

// Seeded activity is minutes to two hours old and the date tests assert on "today", so the zone is
// one where it is between 03:00 and 22:00 now (Los Angeles unless that is near midnight).
const TIME_ZONE = zoneClearOfMidnight(["America/Los_Angeles", "Europe/London", "Asia/Tokyo"]);
test.use({ timezoneId: TIME_ZONE });

test.beforeEach(async ({ context }) => {
  // The zone the timeline renders in (components/timeline/time-zone-sync.tsx would set it on first visit).
  await context.addCookies([{ name: "tz", value: encodeURIComponent(TIME_ZONE), url: E2E_BASE_URL }]);
});

type Inbox = { phoneNumberId: string; workspaceNumber: string; label: string };

function newInbox(): Inbox {
  const digits = String(Math.floor(Math.random() * 10_000_000)).padStart(7, "0");
  const workspaceNumber = `+1650${digits}`;
  return { phoneNumberId: fakeId("PN"), workspaceNumber, label: `(650) ${digits.slice(0, 3)}-${digits.slice(3)}` };
}

const line = (inbox: Inbox) => ({ phoneNumberId: inbox.phoneNumberId, workspaceNumber: inbox.workspaceNumber });
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

function rows(page: Page): Locator {
  return page.getByTestId("timeline").locator("li[data-timeline-item]");
}

function row(page: Page, text: string | RegExp): Locator {
  return rows(page).filter({ hasText: text });
}

/** Opens the timeline filtered to one inbox through the inbox control; returns its query value. */
async function openInbox(page: Page, inbox: Inbox): Promise<string> {
  await page.goto("/activity");
  await page.getByLabel("Inbox", { exact: true }).selectOption({ label: inbox.label });
  await expect(page).toHaveURL(/[?&]inbox=\d+/);
  await expect(rows(page).first()).toBeVisible();
  return new URL(page.url()).searchParams.get("inbox")!;
}

async function rowIds(page: Page): Promise<number[]> {
  return rows(page).evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-id"))));
}

/** One of everything: messages in each state with media, and calls of every outcome with AI content. */
async function seedEverything(page: Page, inbox: Inbox) {
  const alice = uniqueNumber();
  const bob = uniqueNumber();
  const answeredCall = fakeId("AC");
  const missedCall = fakeId("AC");
  const image = demoImages.find((i) => i.key === "ceiling-stain")!;
  await deliver(
    page.request,
    contactEvent({ firstName: "Alice", lastName: "Timeline", phone: alice, eventCreatedAt: minutesAgo(120) }),
    messageEvent({
      ...line(inbox),
      participant: alice,
      text: "Here is the ceiling stain and the old quote.",
      media: [
        { url: `${E2E_BASE_URL}${image.path}`, type: image.contentType, size: image.size },
        { url: "https://media.example.test/docs/quote-1042.pdf", type: "application/pdf" },
      ],
      createdAt: minutesAgo(50),
    }),
    messageEvent({ ...line(inbox), type: "message.delivered", participant: alice, text: "Thanks Alice, booking you in.", createdAt: minutesAgo(45) }),
    messageEvent({ ...line(inbox), type: "message.failed", participant: bob, text: "Your invoice is attached.", errorCode: "carrier_rejected", createdAt: minutesAgo(40) }),
    callEvent({ ...line(inbox), id: answeredCall, participant: alice, createdAt: minutesAgo(35), answeredAt: minutesAgo(34.9), completedAt: new Date(Date.now() - 34.9 * 60_000 + 125_000) }),
    recordingEvent({ callId: answeredCall, duration: 125 }),
    summaryEvent({ callId: answeredCall, summary: ["Alice reported water coming through the kitchen ceiling."], nextSteps: ["Inspect on Friday."] }),
    transcriptEvent({ callId: answeredCall }),
    callEvent({ ...line(inbox), id: missedCall, participant: bob, createdAt: minutesAgo(30), answeredAt: null }),
    callEvent({
      ...line(inbox),
      participant: bob,
      createdAt: minutesAgo(25),
      answeredAt: null,
      voicemail: { url: "https://media.example.test/vm/1.mp3", type: "audio/mpeg", duration: 21 },
    }),
    callEvent({ ...line(inbox), participant: alice, createdAt: minutesAgo(20), answeredAt: null, forwardedTo: "+16505550999" }),
  );
  return { alice, bob, answeredCall, missedCall };
}

test("the timeline shows every kind of activity, grouped by day, each linking to its page", async ({ page }) => {
  const inbox = newInbox();
  const seeded = await seedEverything(page, inbox);
  await openInbox(page, inbox);

  await expect(rows(page)).toHaveCount(7);
  await expect(page.getByRole("heading", { level: 2, name: /^Today/ })).toBeVisible();
  await expect(page.getByText("7 messages and calls match these filters, newest first.")).toBeVisible();

  const forwarded = rows(page).nth(0);
  await expect(forwarded).toContainText("Alice Timeline");
  await expect(forwarded).toContainText("Forwarded");
  await expect(forwarded).toContainText("Forwarded to (650) 555-0999");

  const voicemail = row(page, "Voicemail 0:21");
  await expect(voicemail).toContainText("Incoming call · voicemail");

  const missed = rows(page).nth(2);
  await expect(missed).toContainText("Missed");
  await expect(missed).toContainText("Missed call, no voicemail");
  await expect(missed.getByRole("link").first()).toHaveAttribute("href", `/calls/${seeded.missedCall}`);

  const answered = row(page, "water coming through the kitchen ceiling");
  await expect(answered).toContainText("Answered");
  await expect(answered).toContainText("2:05");
  await expect(answered).toContainText("Recording");
  await expect(answered).toContainText("Summary");
  await expect(answered).toContainText("Transcript");
  await expect(answered.getByRole("link").first()).toHaveAttribute("href", `/calls/${seeded.answeredCall}`);
  await expect(answered.getByRole("link", { name: "Open the conversation with Alice Timeline" })).toHaveAttribute("href", /^\/conversations\/\d+$/);

  const failed = row(page, "Your invoice is attached.");
  await expect(failed).toContainText("Failed");
  await expect(failed).toContainText("Not delivered: carrier_rejected");
  const delivered = row(page, "Thanks Alice, booking you in.");
  await expect(delivered).toContainText("Delivered");
  await expect(delivered).toContainText("Outgoing message");

  const mms = row(page, "Here is the ceiling stain");
  await expect(mms).toContainText("Incoming message");
  await expect(mms.getByRole("link").first()).toHaveAttribute("href", /^\/conversations\/\d+$/);
  const thumbnail = mms.getByRole("img", { name: "Image 1 from Alice Timeline" });
  await expect(thumbnail).toHaveAttribute("loading", "lazy");
  await expect(thumbnail).toHaveAttribute("src", /^\/api\/media\/attachment\/\d+$/);
  await expect(mms.getByRole("link", { name: "quote-1042.pdf" })).toHaveAttribute("href", /^\/api\/media\/attachment\/\d+$/);
  // The inbox (workspace number) and the time in the viewer's zone.
  await expect(mms).toContainText(inbox.label);
  const time = mms.locator("time");
  const iso = (await time.getAttribute("datetime"))!;
  const expected = new Intl.DateTimeFormat("en-US", { timeZone: TIME_ZONE, hour: "numeric", minute: "2-digit" }).format(new Date(iso));
  await expect(time).toHaveText(expected);

  // A row opens its conversation.
  await delivered.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/conversations\/\d+$/);
});

test("each filter narrows the timeline, combined, in the URL", async ({ page }) => {
  const inbox = newInbox();
  await seedEverything(page, inbox);
  const inboxId = await openInbox(page, inbox);
  const kinds = page.getByRole("navigation", { name: "Kind of activity" });

  await expect(kinds.getByRole("link", { name: /^All\s*7$/ })).toHaveAttribute("aria-current", "page");
  await expect(kinds.getByRole("link", { name: /^Messages\s*3$/ })).toBeVisible();
  await expect(kinds.getByRole("link", { name: /^Calls\s*4$/ })).toBeVisible();
  await expect(kinds.getByRole("link", { name: /^Voicemail\s*1$/ })).toBeVisible();

  await kinds.getByRole("link", { name: /^Calls/ }).click();
  await expect(page).toHaveURL(/kind=call/);
  await expect(rows(page)).toHaveCount(4);
  await kinds.getByRole("link", { name: /^Voicemail/ }).click();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Voicemail 0:21");
  await kinds.getByRole("link", { name: /^Messages/ }).click();
  await expect(rows(page)).toHaveCount(3);

  await page.getByLabel("Direction", { exact: true }).selectOption("outgoing");
  await expect(page).toHaveURL(/direction=outgoing/);
  await expect(page).toHaveURL(/kind=message/);
  await expect(rows(page)).toHaveCount(2);

  await page.getByLabel("Status", { exact: true }).selectOption("failed");
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Your invoice is attached.");

  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(page).toHaveURL(/\/activity$/);

  await page.goto(`/activity?inbox=${inboxId}`);
  await page.getByLabel("Status", { exact: true }).selectOption("missed");
  await expect(rows(page)).toHaveCount(1);
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await page.getByRole("checkbox", { name: "Recording" }).check();
  await expect(page).toHaveURL(/recording=1/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("Recording");
  await page.getByRole("checkbox", { name: "Recording" }).uncheck();
  await page.getByRole("checkbox", { name: "Media" }).check();
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toContainText("ceiling stain");
  await page.getByRole("checkbox", { name: "Media" }).uncheck();
  await expect(rows(page)).toHaveCount(7);

  // Dates are days in the viewer's zone, written into the URL with it.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
  const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date(Date.now() + 86_400_000));
  await page.getByLabel("From date").fill(today);
  await expect(page).toHaveURL(new RegExp(`from=${today}.*tz=${encodeURIComponent(TIME_ZONE)}`));
  await expect(rows(page)).toHaveCount(7);
  await page.getByLabel("From date").fill(tomorrow);
  await expect(page).toHaveURL(new RegExp(`from=${tomorrow}`));
  const empty = page.getByTestId("timeline-empty");
  await expect(empty).toContainText("Nothing matches these filters");
  await empty.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/activity$/);

  // Contact: from a row's filter link, shown as a removable chip.
  await page.goto(`/activity?inbox=${inboxId}`);
  const aliceRow = row(page, "Thanks Alice, booking you in.");
  await aliceRow.hover();
  await aliceRow.getByRole("link", { name: "Only activity with Alice Timeline" }).click();
  await expect(page).toHaveURL(/contact=\d+/);
  await expect(rows(page)).toHaveCount(4);
  await page.getByRole("link", { name: "Remove contact filter Alice Timeline" }).click();
  await expect(page).not.toHaveURL(/contact=/);
  await expect(rows(page)).toHaveCount(7);
});

test("search finds a word that only appears in a call transcript, highlighted", async ({ page }) => {
  const inbox = newInbox();
  const word = `skylight${Math.random().toString(36).slice(2, 8)}`;
  const callId = fakeId("AC");
  const caller = uniqueNumber();
  await deliver(
    page.request,
    callEvent({ ...line(inbox), id: callId, participant: caller, createdAt: minutesAgo(15) }),
    summaryEvent({ callId, summary: ["Customer asked about a leak."], nextSteps: [] }),
    transcriptEvent({
      callId,
      dialogue: [
        { content: "Bay Roofing, how can I help?", start: 0.4, end: 2, identifier: inbox.workspaceNumber, userId: "USagent01" },
        { content: `Water drips from the ${word} when it rains.`, start: 2.2, end: 5, identifier: caller, userId: null },
      ],
    }),
  );
  await page.goto("/activity");
  await page.getByRole("searchbox", { name: "Search activity" }).fill(word);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  await expect(rows(page)).toHaveCount(1);
  const hit = rows(page).first();
  await expect(hit.locator("mark")).toHaveText(word);
  await expect(hit).toContainText("Water drips from the");
  await expect(hit.getByRole("link").first()).toHaveAttribute("href", `/calls/${callId}`);

  // Search and number formats: the caller's number as people type it.
  const digits = caller.slice(2);
  await page.getByRole("searchbox", { name: "Search activity" }).fill(`(${digits.slice(0, 3)}) ${digits.slice(3, 6)}-${digits.slice(6)}`);
  await expect(rows(page)).toHaveCount(1);

  // Hostile input is just text; no error page.
  for (const hostile of ['"unbalanced', "NEAR(a b) * -", "'; DROP TABLE \"Activity\"; --", "x".repeat(300)]) {
    const response = await page.goto(`/activity?q=${encodeURIComponent(hostile)}`);
    expect(response?.status(), hostile.slice(0, 20)).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  }
  await expect(page.getByTestId("timeline-empty")).toContainText("No results for");
});

test("paging: Load more appends the next page with no duplicates or gaps while new deliveries arrive", async ({ page }) => {
  const inbox = newInbox();
  const texts = Array.from({ length: 62 }, (_, i) => `Paging message ${String(i).padStart(2, "0")}`);
  // Message i is i minutes old; a few share a timestamp, so the id tie-break matters.
  await deliver(
    page.request,
    ...texts.map((text, i) => messageEvent({ ...line(inbox), participant: uniqueNumber(), text, createdAt: new Date(Date.now() - 3_600_000 - Math.floor(i / 3) * 60_000) })),
  );
  const inboxId = await openInbox(page, inbox);
  await expect(rows(page)).toHaveCount(50);
  const firstPage = await rowIds(page);
  const loadMore = page.getByRole("link", { name: "Load more" });
  const nextHref = (await loadMore.getAttribute("href"))!;
  expect(nextHref).toMatch(new RegExp(`^/activity\\?inbox=${inboxId}&cursor=[A-Za-z0-9_-]+$`));

  // New deliveries while the first page is on screen: one newer than everything, one "late" that
  // falls between already-shown rows.
  await deliver(
    page.request,
    messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Paging newest", createdAt: new Date() }),
    messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Paging late", createdAt: new Date(Date.now() - 3_600_000 - 5 * 60_000 + 1) }),
  );

  await loadMore.click();
  await expect(rows(page)).toHaveCount(62);
  const all = await rowIds(page);
  expect(new Set(all).size).toBe(62);
  expect(all.slice(0, 50)).toEqual(firstPage);
  await expect(page.getByText("That’s everything for this view.")).toBeVisible();
  await expect(rows(page).filter({ hasText: "Paging newest" })).toHaveCount(0);
  const shown = await rows(page).evaluateAll((items) => items.map((i) => i.textContent ?? ""));
  for (const text of texts) expect(shown.filter((s) => s.includes(text)), text).toHaveLength(1);

  // Without JavaScript the same link is a page of its own: exactly the rest.
  await page.goto(nextHref);
  await expect(page.getByText("Showing older activity.")).toBeVisible();
  await expect(rows(page)).toHaveCount(12);
  expect(await rowIds(page)).toEqual(all.slice(50));

  // A bad cursor is the first page, never an error.
  const response = await page.goto(`/activity?inbox=${inboxId}&cursor=not-a-cursor`);
  expect(response?.status()).toBe(200);
  await expect(rows(page)).toHaveCount(50);
  await expect(rows(page).first()).toContainText("Paging newest");
  const api = await page.request.get(`/api/activity?inbox=${inboxId}&cursor=not-a-cursor`);
  expect(api.status()).toBe(400);
});

test("a new delivery shows up live as a 'new' pill, and loads without a page reload", async ({ page }) => {
  const inbox = newInbox();
  await deliver(page.request, messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Live: before", createdAt: minutesAgo(5) }));
  await openInbox(page, inbox);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

  await deliver(page.request, messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Live: just arrived", createdAt: new Date() }));
  const pill = page.getByRole("button", { name: /1 new/ });
  await expect(pill).toBeVisible();
  // The list itself does not move until asked.
  await expect(rows(page)).toHaveCount(1);

  // Activity on other inboxes does not count toward this filtered view.
  await deliver(page.request, messageEvent({ ...newInbox(), participant: uniqueNumber(), text: "Live: elsewhere", createdAt: new Date() }));
  await page.waitForTimeout(1000);
  await expect(page.getByRole("button", { name: /1 new/ })).toBeVisible();

  await pill.click();
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("Live: just arrived");
  await expect(page.getByRole("button", { name: /new/ })).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
});

test("the live stream: SSE with ids only, and a 401 without a session", async ({ page }) => {
  for (const path of ["/api/live", "/api/activity", "/api/activity/export.csv"]) {
    const response = await fetch(`${E2E_BASE_URL}${path}`, { signal: AbortSignal.timeout(10_000) });
    expect(response.status, path).toBe(401);
    await response.body?.cancel();
  }

  await page.goto("/activity");
  const inbox = newInbox();
  await page.evaluate(() => {
    const w = window as unknown as { __frames: string[] };
    w.__frames = [];
    const source = new EventSource("/api/live");
    source.addEventListener("ready", () => w.__frames.push("ready"));
    source.addEventListener("activity", (event) => w.__frames.push((event as MessageEvent).data));
  });
  await page.waitForFunction(() => (window as unknown as { __frames: string[] }).__frames.includes("ready"));
  await deliver(page.request, messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Private words stay off the stream" }));
  await page.waitForFunction(() => (window as unknown as { __frames: string[] }).__frames.length > 1);
  const seen = await page.evaluate(() => (window as unknown as { __frames: string[] }).__frames);
  expect(seen[0]).toBe("ready");
  expect(JSON.parse(seen[1]!)).toEqual({ ids: [expect.any(Number)] });
  expect(seen.join()).not.toContain("Private");
});

test("CSV export: the current filter, streamed as an attachment, with formula cells defused", async ({ page }) => {
  const inbox = newInbox();
  const participant = uniqueNumber();
  await deliver(
    page.request,
    contactEvent({ firstName: "Csv", lastName: "Person", phone: participant, eventCreatedAt: minutesAgo(60) }),
    messageEvent({ ...line(inbox), participant, text: '=HYPERLINK("http://evil.example","click"), "quoted"', createdAt: minutesAgo(10) }),
    callEvent({ ...line(inbox), participant, createdAt: minutesAgo(5), answeredAt: null }),
  );
  const inboxId = await openInbox(page, inbox);

  const downloadPromise = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^activity-\d{4}-\d{2}-\d{2}\.csv$/);

  const response = await page.request.get(`/api/activity/export.csv?inbox=${inboxId}&tz=${encodeURIComponent(TIME_ZONE)}`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect(response.headers()["content-disposition"]).toMatch(/^attachment; filename="activity-\d{4}-\d{2}-\d{2}\.csv"$/);
  const [header, ...records] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toContain("occurred_at_local");
  const record = (values: string[]) => Object.fromEntries(header!.map((h, i) => [h, values[i]]));
  expect(records.map((r) => record(r).kind)).toEqual(["call", "message"]);
  expect(record(records[0]!)).toMatchObject({ status: "missed", contact: "Csv Person", inbox_number: inbox.label });
  expect(record(records[1]!)).toMatchObject({ text: `'=HYPERLINK("http://evil.example","click"), "quoted"`, direction: "incoming" });
  expect(record(records[1]!).link).toMatch(new RegExp(`^${E2E_BASE_URL}/conversations/\\d+$`));
});

test("keyboard: / focuses search, j/k move through items, Enter opens, Esc clears", async ({ page }) => {
  const inbox = newInbox();
  await deliver(
    page.request,
    messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Keyboard older", createdAt: minutesAgo(20) }),
    messageEvent({ ...line(inbox), participant: uniqueNumber(), text: "Keyboard newer", createdAt: minutesAgo(10) }),
  );
  await openInbox(page, inbox);
  const links = rows(page).locator("a[data-timeline-link]");

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(links.nth(0)).toBeFocused({ timeout: 500 });
  }).toPass();
  // The focused row is visibly marked.
  const marked = await rows(page).nth(0).evaluate((el) => getComputedStyle(el).boxShadow);
  expect(marked).not.toBe("none");
  await page.keyboard.press("j");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("j");
  await expect(links.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(links.nth(0)).toBeFocused();

  await page.keyboard.press("/");
  const search = page.getByRole("searchbox", { name: "Search activity" });
  await expect(search).toBeFocused();
  await page.keyboard.type("Keyboard older");
  await expect(page).toHaveURL(/q=Keyboard/);
  await expect(rows(page)).toHaveCount(1);
  await page.keyboard.press("Escape");
  await expect(search).toHaveValue("");
  await expect(page).not.toHaveURL(/q=/);

  await page.goto(page.url());
  // Keys work once the page is interactive.
  await expect(async () => {
    await page.keyboard.press("j");
    await expect(links.nth(0)).toBeFocused({ timeout: 500 });
  }).toPass();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/conversations\/\d+$/);
});

test.describe("dark mode and phone width", () => {
  test.use({ colorScheme: "dark", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the timeline is readable in dark mode on a phone", async ({ page }) => {
    const inbox = newInbox();
    await seedEverything(page, inbox);
    await openInbox(page, inbox);
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
    const card = page.getByTestId("timeline").locator("ol").first();
    const background = await card.evaluate((el) => getComputedStyle(el).backgroundColor);
    const [r, g, b] = background.match(/\d+(\.\d+)?/g)!.map(Number);
    expect(r! + g! + b!).toBeLessThan(150);
    const text = await rows(page).first().locator("a[data-timeline-link]").evaluate((el) => getComputedStyle(el).color);
    const [tr, tg, tb] = text.match(/\d+(\.\d+)?/g)!.map(Number);
    expect(tr! + tg! + tb!).toBeGreaterThan(600);
    // Nothing is wider than the screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // On touch screens the row actions are always there.
    await expect(rows(page).first().getByRole("link", { name: /^Only activity with/ })).toBeVisible();
  });
});
