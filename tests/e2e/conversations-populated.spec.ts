import type { Locator, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { demoCalls, demoVoicemails } from "../../lib/simulator/demo-media";
import { callEvent, contactEvent, fakeId, messageEvent, recordingEvent, transcriptEvent, voicemailEvent } from "../../lib/simulator/payloads";
import { E2E_BASE_URL } from "../helpers/e2e-env";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { LEAK_CALL, WORKSPACE, seedMarcusConversation } from "./conversation-seed";

// Data goes in through the real webhook endpoint (signed deliveries); each test seeds its own
// conversation with a unique number, so tests can run in parallel with each other and other specs.

const TIME_ZONE = "America/New_York";

/** A name no other test or earlier run uses ("Thread Kqzv"), so rows can be found by name. */
function unique(base: string): string {
  const tag = Math.random().toString(36).slice(2, 6);
  return `${base} ${tag.charAt(0).toUpperCase()}${tag.slice(1)}`;
}
test.use({ timezoneId: TIME_ZONE });

async function openConversation(page: Page, name: string): Promise<Locator> {
  await page.goto("/conversations");
  const row = page.getByRole("list", { name: "Recent conversations" }).getByRole("listitem").filter({ hasText: name });
  await expect(row).toHaveCount(1);
  return row;
}

function audioOf(page: Page) {
  return page.locator("audio").first();
}

/** Records where every seek of the page's player lands, so checks do not race with playback. */
async function recordSeeks(audio: Locator): Promise<() => Promise<number[]>> {
  await audio.evaluate((a: HTMLAudioElement & { seeks?: number[] }) => {
    a.seeks = [];
    a.addEventListener("seeked", () => a.seeks!.push(a.currentTime));
  });
  return () => audio.evaluate((a: HTMLAudioElement & { seeks?: number[] }) => a.seeks ?? []);
}

test("the inbox shows the conversation unread; the thread shows bubbles, media, delivery states and the call card", async ({ page }) => {
  const seeded = await seedMarcusConversation(page.request, { firstName: "Marcus", lastName: unique("Thread") });
  const row = await openConversation(page, seeded.name);
  await expect(row).toHaveAttribute("data-unread", "true");
  await expect(row).toContainText("Unread");
  await expect(row).toContainText("One more: some shingles blew off too.");
  await expect(row).toContainText("5 messages · 1 call");

  await row.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(seeded.name);
  await expect(page.getByText("Webb & Daughters Bakery")).toBeVisible();

  const thread = page.getByRole("region", { name: `Messages and calls with ${seeded.name}` });
  const incoming = thread.locator('article[data-direction="incoming"]').first();
  await expect(incoming).toContainText("brown stain spreading");
  const outgoing = thread.locator('article[data-direction="outgoing"]');
  await expect(outgoing.first()).toContainText("Delivered");
  // Incoming bubbles sit on the left, outgoing on the right.
  const inBox = (await incoming.locator("p").first().boundingBox())!;
  const outBox = (await outgoing.first().locator("p").first().boundingBox())!;
  expect(outBox.x + outBox.width).toBeGreaterThan(inBox.x + inBox.width);
  await expect(thread.getByText("Error 30007")).toBeVisible();

  // Images load through the media proxy.
  const thumbnail = thread.getByRole("link", { name: new RegExp(`^Open image: Photo from ${seeded.name}: Hi, it's Marcus`) });
  await expect(thumbnail).toBeVisible();
  await expect(thumbnail).toHaveAttribute("href", /^\/api\/media\/attachment\/\d+$/);
  await expect.poll(() => thumbnail.locator("img").evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

  // The PDF is a file chip with a download link, served with its type.
  await expect(thread.getByText("quote-1042.pdf")).toBeVisible();
  const download = thread.getByRole("link", { name: "Download quote-1042.pdf" });
  const pdf = await page.request.get((await download.getAttribute("href"))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdf.headers()["content-disposition"]).toMatch(/^attachment/);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  // The call card: outcome, summary preview, recording player, link to the call.
  const card = thread.locator(`article[data-call-id="${seeded.callId}"]`);
  await expect(card).toContainText("Incoming call");
  await expect(card).toContainText("Answered");
  await expect(card).toContainText("brown water stain");
  await expect(card.getByRole("button", { name: "Play call recording" })).toBeVisible();
  await expect(card.getByRole("link", { name: "Call details" })).toHaveAttribute("href", `/calls/${seeded.callId}`);

  // Times are shown in the viewer's zone.
  const firstTime = await incoming.locator("time").getAttribute("datetime");
  const expected = new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit", timeZone: TIME_ZONE }).format(new Date(firstTime!));
  await expect(incoming.locator("time")).toHaveText(expected);

  // Opening the thread read it.
  const back = await openConversation(page, seeded.name);
  await expect(back).not.toHaveAttribute("data-unread", "true");
});

test("the lightbox opens from the keyboard, moves with the arrows, keeps focus inside and closes with Esc", async ({ page }) => {
  const seeded = await seedMarcusConversation(page.request, { firstName: "Lena", lastName: unique("Lightbox") });
  const row = await openConversation(page, seeded.name);
  await row.getByRole("link").click();
  const thumbnail = page.getByRole("link", { name: new RegExp(`^Open image: Photo from ${seeded.name}: Hi, it's Marcus`) });
  await thumbnail.focus();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Image viewer" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("1 of 2");
  await expect(dialog).toContainText("brown stain spreading on my kitchen ceiling");
  await expect(dialog).toContainText(`From ${seeded.name}`);
  await expect(dialog.getByRole("img")).toHaveAttribute("src", /^\/api\/media\/attachment\/\d+$/);

  await page.keyboard.press("ArrowRight");
  await expect(dialog).toContainText("2 of 2");
  await expect(dialog).toContainText("some shingles blew off too");
  await page.keyboard.press("ArrowLeft");
  await expect(dialog).toContainText("1 of 2");

  // Tab cycles through the dialog's controls without leaving it.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  }

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(thumbnail).toBeFocused();

  // The close button works too.
  await thumbnail.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Close image viewer" }).click();
  await expect(dialog).toBeHidden();
});

test("mark done, reopen and mark unread", async ({ page }) => {
  const seeded = await seedMarcusConversation(page.request, { firstName: "Dora", lastName: unique("Finch") });
  const row = await openConversation(page, seeded.name);
  await row.getByRole("link").click();
  const heading = page.getByRole("heading", { level: 1 });
  await expect(heading).toContainText(seeded.name);

  const doneBadge = heading.getByText("Done", { exact: true });
  await expect(doneBadge).toHaveCount(0);
  await page.getByRole("button", { name: "Mark done" }).click();
  await expect(doneBadge).toBeVisible();
  await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

  await page.goto("/conversations");
  await expect(page.getByRole("listitem").filter({ hasText: seeded.name })).toHaveCount(0);
  await page.getByRole("navigation", { name: "Conversation state" }).getByRole("link", { name: /Done/ }).click();
  await expect(page).toHaveURL(/state=done/);
  const doneRow = page.getByRole("listitem").filter({ hasText: seeded.name });
  await expect(doneRow).toHaveCount(1);

  await doneRow.getByRole("link").click();
  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByRole("button", { name: "Mark done" })).toBeVisible();
  await expect(doneBadge).toHaveCount(0);

  await page.getByRole("button", { name: "Mark unread" }).click();
  await expect(page).toHaveURL(/\/conversations$/);
  const unreadRow = page.getByRole("list", { name: "Recent conversations" }).getByRole("listitem").filter({ hasText: seeded.name });
  await expect(unreadRow).toHaveAttribute("data-unread", "true");
});

test("call detail: plays through the proxy, seeks (Range), changes speed, and the transcript seeks the player", async ({ page }) => {
  const seeded = await seedMarcusConversation(page.request, { firstName: "Carl", lastName: unique("Caller") });
  const mediaResponses: { status: number; range: string | null; contentRange: string | null }[] = [];
  page.on("response", (response) => {
    if (/\/api\/media\/recording\/\d+$/.test(response.url())) {
      mediaResponses.push({ status: response.status(), range: response.request().headers()["range"] ?? null, contentRange: response.headers()["content-range"] ?? null });
    }
  });

  await page.goto(`/calls/${seeded.callId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Incoming call with ${seeded.name}`);
  const summary = page.getByRole("region", { name: "Summary" });
  await expect(summary).toContainText(LEAK_CALL.summary[0]!);
  await expect(summary).toContainText("Next steps");
  await expect(summary).toContainText(LEAK_CALL.nextSteps[0]!);
  await expect(summary).toContainText("Positive sentiment");
  const details = page.getByRole("complementary", { name: "Call details" });
  await expect(details).toContainText("Incoming");
  await expect(details).toContainText("Answered");
  await expect(details).toContainText(seeded.callId);

  const transcript = page.getByRole("list", { name: "Transcript", exact: true });
  const lines = transcript.getByRole("listitem");
  await expect(lines).toHaveCount(LEAK_CALL.segments.length);
  await expect(lines.nth(0)).toContainText("Agent");
  await expect(lines.nth(1)).toContainText(seeded.name);
  await expect(lines.nth(1)).toContainText(LEAK_CALL.segments[1]!.content);

  // Metadata comes through the proxy with a ranged answer.
  const audio = audioOf(page);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(LEAK_CALL.duration, 0);
  expect(mediaResponses.length).toBeGreaterThan(0);
  expect(mediaResponses[0]!.status).toBe(206);
  expect(mediaResponses[0]!.contentRange).toMatch(new RegExp(`^bytes \\d+-\\d+/${LEAK_CALL.size}$`));

  // The proxy honours an arbitrary range (what seeking asks for).
  const src = (await audio.getAttribute("src"))!;
  const ranged = await page.request.get(src, { headers: { Range: "bytes=1000-1999" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toBe(`bytes 1000-1999/${LEAK_CALL.size}`);
  expect((await ranged.body()).length).toBe(1000);
  expect(ranged.headers()["cache-control"]).toMatch(/^private/);

  // Play / pause.
  const player = page.getByRole("group", { name: "Call recording" });
  await player.getByRole("button", { name: "Play call recording" }).click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0.2), { timeout: 10_000 }).toBe(true);
  await player.getByRole("button", { name: "Pause call recording" }).click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.paused)).toBe(true);

  // Seeking with the keyboard on the slider.
  const slider = player.getByRole("slider", { name: "Seek call recording" });
  await expect(slider).toHaveAttribute("aria-valuetext", /of 31 seconds$/);
  await slider.focus();
  await page.keyboard.press("Home");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeLessThan(0.5);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeCloseTo(10, 0);
  await expect(slider).toHaveAttribute("aria-valuenow", "10");
  await expect(slider).toHaveAttribute("aria-valuetext", "10 seconds of 31 seconds");
  await page.keyboard.press("End");
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThan(30);

  // Playback speed.
  await player.getByLabel("Playback speed").selectOption("1.5");
  expect(await audio.evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(1.5);
  await player.getByLabel("Playback speed").selectOption("2");
  expect(await audio.evaluate((a: HTMLAudioElement) => a.playbackRate)).toBe(2);
  await player.getByLabel("Playback speed").selectOption("1");

  // Clicking a transcript line seeks to its start and plays; the line is marked as being spoken.
  const target = LEAK_CALL.segments[3]!;
  const seeks = await recordSeeks(audio);
  await lines.nth(3).getByRole("button").click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused)).toBe(true);
  await expect.poll(async () => (await seeks()).some((t) => Math.abs(t - target.start) < 0.3)).toBe(true);
  await expect(lines.nth(3)).toHaveAttribute("aria-current", "true");
  await player.getByRole("button", { name: "Pause call recording" }).click();

  // An earlier line seeks backwards.
  await lines.nth(1).getByRole("button").click();
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeLessThan(LEAK_CALL.segments[2]!.start);
  expect(await audio.evaluate((a: HTMLAudioElement) => a.currentTime)).toBeGreaterThanOrEqual(LEAK_CALL.segments[1]!.start - 0.1);
  await expect(lines.nth(1)).toHaveAttribute("aria-current", "true");
});

test("a call whose artifacts have not arrived yet says so", async ({ page }) => {
  const callId = fakeId("AC");
  await deliver(page.request, callEvent({ ...WORKSPACE, id: callId, participant: uniqueNumber() }));
  await page.goto(`/calls/${callId}`);
  await expect(page.getByText("Recording not yet available")).toBeVisible();
  await expect(page.getByText("Summary not yet available")).toBeVisible();
  await expect(page.getByText("Transcript not yet available")).toBeVisible();
  const missing = await page.goto("/calls/ACdoesnotexist");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Call not found" })).toBeVisible();
});

test("dark mode: the thread and call pages follow the dark theme", async ({ page }) => {
  const seeded = await seedMarcusConversation(page.request, { firstName: "Nora", lastName: unique("Night") });
  await page.emulateMedia({ colorScheme: "light" });
  const row = await openConversation(page, seeded.name);
  await row.getByRole("link").click();
  const bubble = page.locator('article[data-direction="incoming"] p').first();
  const light = await bubble.evaluate((el) => getComputedStyle(el).backgroundColor);

  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  const dark = await bubble.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(dark).not.toBe(light);
  const bodyColor = await page.locator("body").evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(bodyColor).toBe("rgb(17, 17, 19)");

  await page.goto(`/calls/${seeded.callId}`);
  await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  await expect(page.getByRole("region", { name: "Summary" })).toBeVisible();
});

test("media proxy: 404 for unknown ids and kinds", async ({ page }) => {
  await page.goto("/conversations");
  for (const url of ["/api/media/recording/99999999", "/api/media/attachment/0", "/api/media/other/1", "/api/media/voicemail/abc"]) {
    const response = await page.request.get(url);
    expect(response.status(), url).toBe(404);
  }
});

test("a long thread shows the newest items and pages back with a real “Load older” link", async ({ page }) => {
  const participant = uniqueNumber();
  const start = Date.now() - 3 * 3_600_000;
  const messages = Array.from({ length: 45 }, (_, i) =>
    messageEvent({ ...WORKSPACE, participant, text: `Message number ${i + 1}`, createdAt: new Date(start + i * 60_000) }),
  );
  const lastName = unique("Longthread");
  await deliver(page.request, contactEvent({ firstName: "Lola", lastName, phone: participant }), ...messages);
  const row = await openConversation(page, `Lola ${lastName}`);
  await row.getByRole("link").click();
  const thread = page.getByRole("region", { name: `Messages and calls with Lola ${lastName}` });
  await expect(thread.getByText("Message number 45", { exact: true })).toBeVisible();
  await expect(thread.getByText("Message number 5", { exact: true })).toHaveCount(0);

  const older = thread.getByRole("link", { name: "Load older" });
  await expect(older).toHaveAttribute("href", /\?before=\d+_\d+$/);
  await older.click();
  await expect(page).toHaveURL(/before=/);
  await expect(thread.getByText("Message number 1", { exact: true })).toBeVisible();
  await expect(thread.getByText("Message number 5", { exact: true })).toBeVisible();
  await expect(thread.getByText("Message number 45", { exact: true })).toHaveCount(0);
  await expect(thread.getByText("Beginning of the conversation")).toBeVisible();
  await thread.getByRole("link", { name: "Jump to latest" }).click();
  await expect(thread.getByText("Message number 45", { exact: true })).toBeVisible();
});

test("several recording parts play as one: parts switch, and the transcript seeks across them", async ({ page }) => {
  const second = demoCalls.find((c) => c.key === "quote-accepted")!;
  const participant = uniqueNumber();
  const callId = fakeId("AC");
  const start = new Date(Date.now() - 10 * 60_000);
  const shifted = second.segments.map((s) => ({ ...s, start: s.start + LEAK_CALL.duration, end: s.end + LEAK_CALL.duration }));
  await deliver(
    page.request,
    callEvent({ ...WORKSPACE, id: callId, participant, createdAt: start, answeredAt: new Date(start.getTime() + 1000), completedAt: new Date(start.getTime() + 60_000) }),
    recordingEvent({ callId, recordingId: fakeId("CR"), url: `${E2E_BASE_URL}${LEAK_CALL.path}`, duration: LEAK_CALL.duration, size: LEAK_CALL.size }),
    recordingEvent({ callId, recordingId: fakeId("CR"), url: `${E2E_BASE_URL}${second.path}`, duration: second.duration, size: second.size }),
    transcriptEvent({
      callId,
      dialogue: [...LEAK_CALL.segments, ...shifted].map((s) => ({
        content: s.content,
        start: s.start,
        end: s.end,
        identifier: s.speaker === "agent" ? WORKSPACE.workspaceNumber : participant,
        userId: s.speaker === "agent" ? "USagent01" : null,
      })),
    }),
  );
  await page.goto(`/calls/${callId}`);
  const player = page.getByRole("group", { name: "Call recording" });
  const parts = player.getByRole("group", { name: "Recording parts" }).getByRole("button");
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toHaveAttribute("aria-pressed", "true");
  const audio = page.locator("audio").first();
  const firstSrc = await audio.getAttribute("src");

  // A line from the second part: the player switches to it and seeks within it.
  const lines = page.getByRole("list", { name: "Transcript", exact: true }).getByRole("listitem");
  const target = shifted[2]!;
  const seeks = await recordSeeks(audio);
  await lines.nth(LEAK_CALL.segments.length + 2).getByRole("button").click();
  await expect(parts.nth(1)).toHaveAttribute("aria-pressed", "true");
  await expect(audio).not.toHaveAttribute("src", firstSrc!);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0)).toBe(true);
  // The seek landed at the line's start within part 2.
  await expect.poll(async () => (await seeks()).some((t) => Math.abs(t - (target.start - LEAK_CALL.duration)) < 0.3)).toBe(true);
  await expect(lines.nth(LEAK_CALL.segments.length + 2)).toHaveAttribute("aria-current", "true");

  // Back to the first part from its tab.
  await player.getByRole("button", { name: /Pause call recording/ }).click();
  await parts.nth(0).click();
  await expect(audio).toHaveAttribute("src", firstSrc!);
});

test("a missed call with a voicemail shows the voicemail player", async ({ page }) => {
  const voicemail = demoVoicemails[0]!;
  const callId = fakeId("AC");
  await deliver(
    page.request,
    callEvent({ ...WORKSPACE, id: callId, participant: uniqueNumber(), answeredAt: null }),
    voicemailEvent({ callId, url: `${E2E_BASE_URL}${voicemail.path}`, duration: voicemail.duration }),
  );
  await page.goto(`/calls/${callId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Voicemail");
  const player = page.getByRole("group", { name: "Voicemail" });
  await player.getByRole("button", { name: "Play voicemail" }).click();
  const audio = page.locator("audio").first();
  await expect(audio).toHaveAttribute("src", /^\/api\/media\/voicemail\/\d+$/);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => !a.paused && a.currentTime > 0.1), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => audio.evaluate((a: HTMLAudioElement) => a.duration)).toBeCloseTo(voicemail.duration, 0);
});
