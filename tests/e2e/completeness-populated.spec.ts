import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "./fixtures";
import { seedWorkspace } from "../../lib/openphone/fake/seed";
import { callEvent, fakeId, recordingEvent, summaryEvent, transcriptEvent } from "../../lib/simulator/payloads";
import { deliver, uniqueNumber } from "../helpers/e2e-deliver";
import { E2E_FAKE_OPENPHONE_URL, E2E_OPENPHONE_API_KEY, e2eDatabaseUrl } from "../helpers/e2e-env";

// The completeness watch seen from the call page: a transcript still on its way is "pending", and an
// overdue one is fetched from the (fake) OpenPhone API by `npm run reconcile` and shown.

const root = path.resolve(import.meta.dirname, "../..");
const MINUTE = 60_000;

function reconcile(): Promise<{ stdout: string }> {
  return promisify(execFile)(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/reconcile.ts"], {
    cwd: root,
    timeout: 60_000,
    env: {
      ...process.env,
      DATABASE_URL: e2eDatabaseUrl(),
      APP_SECRET_FILE: "./tests/.tmp/e2e/app-secret",
      OPENPHONE_API_KEY: E2E_OPENPHONE_API_KEY,
      OPENPHONE_API_BASE_URL: E2E_FAKE_OPENPHONE_URL,
      LOG_LEVEL: "warn",
    },
  });
}

test("the call page shows what has arrived, what is pending, and a transcript the watch fetched", async ({ page, request }) => {
  const number = { phoneNumberId: fakeId("PN"), workspaceNumber: uniqueNumber() };
  const answered = (id: string, endedMinutesAgo: number) => {
    const completedAt = new Date(Date.now() - endedMinutesAgo * MINUTE);
    const createdAt = new Date(completedAt.getTime() - 3 * MINUTE);
    return callEvent({ ...number, id, participant: uniqueNumber(), createdAt, answeredAt: new Date(createdAt.getTime() + 5_000), completedAt });
  };
  const recording = (callId: string) => recordingEvent({ callId, url: `https://media.example.test/rec/${callId}.mp3` });

  // A call that got everything: the workspace records on this number and produces transcripts and summaries.
  const first = fakeId("AC");
  await deliver(request, answered(first, 90), recording(first), transcriptEvent({ callId: first }), summaryEvent({ callId: first }));
  // Ended 12 minutes ago, its transcript not there yet (due after COMPLETENESS_DELAY_MINUTES, 30).
  const waiting = fakeId("AC");
  await deliver(request, answered(waiting, 12), recording(waiting), summaryEvent({ callId: waiting }));
  // A call the fake OpenPhone knows, ended 45 minutes ago: nothing arrived by webhook, all three are overdue.
  const known = seedWorkspace().calls.find((c) => c.answeredAt !== null && c.transcript !== null)!;
  await deliver(request, answered(known.id, 45));

  const { stdout } = await reconcile();
  expect(stdout).toContain("Completeness watch");

  await page.goto(`/calls/${waiting}`);
  const line = page.getByRole("list", { name: "Recording, transcript and summary status" });
  await expect(line).toHaveText(/recording ✓·?\s*·?\s*transcript pending 1[234] min\s*·?\s*summary ✓/);
  await expect(line.getByRole("listitem")).toHaveCount(3);
  await expect(line.getByRole("listitem").nth(1)).toHaveAttribute("title", /Fetched from OpenPhone if it has not arrived in 1[678] min/);
  await page.screenshot({ path: "test-results/completeness-pending.png" });

  await page.goto(`/calls/${known.id}`);
  await expect(page.getByRole("list", { name: "Recording, transcript and summary status" }).getByRole("listitem")).toHaveText([/recording ✓$/, /transcript ✓$/, /summary ✓$/]);
  await expect(page.getByText(known.transcript![0]!.content)).toBeVisible();
  await expect(page.getByText(known.summary!.summary[0]!)).toBeVisible();
});
