import { expect, test } from "./fixtures";
import { callEvent, contactEvent, fakeId, messageEvent, voicemailEvent } from "../../lib/simulator/payloads";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";

// 2026-03-30 deliveries through the real, signed webhook endpoint: a group thread shows every
// participant; calls and threads link back into OpenPhone; a 2026 missed call shows its caller,
// its voicemail transcript, and who answered other calls.

const WORKSPACE = { phoneNumberId: "PNe2e2026a", workspaceNumber: "+16505550142" };
const tag = () => Math.random().toString(36).slice(2, 6);

test("a group message shows all its participants, and the thread links to OpenPhone", async ({ page, request }) => {
  const [a, b] = [uniqueNumber(), uniqueNumber()];
  const names = { a: `Ada ${tag()}`, b: `Bea ${tag()}` };
  const conversationId = fakeId("CN");
  await deliver(
    request,
    contactEvent({ firstName: names.a.split(" ")[0]!, lastName: names.a.split(" ")[1]!, phone: a, shape: "new" }),
    contactEvent({ firstName: names.b.split(" ")[0]!, lastName: names.b.split(" ")[1]!, phone: b, shape: "new" }),
    // A 1:1 message first, so our own number is known by its phone-number id.
    messageEvent({ ...WORKSPACE, type: "message.delivered", participant: a, text: "Hello Ada", shape: "new", conversationId: fakeId("CN") }),
    messageEvent({ ...WORKSPACE, participant: a, recipients: [b, WORKSPACE.workspaceNumber], text: "Both of us can meet Friday", shape: "new", conversationId }),
  );
  await page.goto("/conversations");
  const row = page.getByRole("list", { name: "Recent conversations" }).getByRole("listitem").filter({ hasText: "group of 2" }).filter({ hasText: names.a });
  await expect(row).toContainText(names.b);
  await row.getByRole("link").click();

  const participants = page.getByRole("list", { name: "Participants" });
  await expect(participants.getByRole("listitem")).toHaveCount(2);
  await expect(participants).toContainText(names.a);
  await expect(participants).toContainText(names.b);
  await expect(page.getByText("Both of us can meet Friday")).toBeVisible();
  const link = page.getByRole("link", { name: "Open this conversation in OpenPhone (opens in a new tab)" });
  await expect(link).toHaveAttribute("href", `https://my.quo.com/inbox/${WORKSPACE.phoneNumberId}/c/${conversationId}`);
  await expect(link).toHaveAttribute("target", "_blank");
});

test("a 2026 missed call shows its caller, its voicemail transcript, and links to OpenPhone", async ({ page, request }) => {
  const caller = uniqueNumber();
  const name = `Dana ${tag()}`;
  const callId = fakeId("AC");
  const conversationId = fakeId("CN");
  const createdAt = new Date(Date.now() - 10 * 60_000);
  const parties = { ...WORKSPACE, participant: caller, conversationId, direction: "incoming" as const };
  await deliver(
    request,
    contactEvent({ firstName: name.split(" ")[0]!, lastName: name.split(" ")[1]!, phone: caller, shape: "new" }),
    callEvent({ ...parties, id: callId, type: "call.completed", createdAt, answeredAt: null, hasVoicemail: true, shape: "new" }),
    voicemailEvent({ callId, url: "https://media.example.test/vm/e2e.mp3", duration: 12, transcript: "The leak under the sink got worse tonight", shape: "new", parties }),
  );
  await page.goto(`/calls/${callId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name);
  await expect(page.getByText("Voicemail", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("The leak under the sink got worse tonight")).toBeVisible();
  await expect(page.getByRole("link", { name: "Open this call in OpenPhone (opens in a new tab)" })).toHaveAttribute(
    "href",
    `https://my.quo.com/inbox/${WORKSPACE.phoneNumberId}/c/${conversationId}?at=${callId}`,
  );
  await page.screenshot({ path: "test-results/real-payloads-call.png", fullPage: true });

  // The timeline shows the transcript with the voicemail, and search finds it.
  await page.goto(`/activity?q=${encodeURIComponent("sink worse tonight")}`);
  await expect(page.getByText(name).first()).toBeVisible();
});
