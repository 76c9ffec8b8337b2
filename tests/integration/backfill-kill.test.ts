import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseCheckpoint, START } from "@/lib/backfill/checkpoint";
import { parseCounts } from "@/lib/backfill/counts";
import { runBackfill } from "@/lib/backfill/run";
import { startBackfill } from "@/lib/backfill/runs";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { TEST_APP_SECRET } from "../helpers/ingest";
import { tableCounts } from "../helpers/table-counts";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/** `npm run backfill` as a real process, killed with SIGKILL midway and started again. */
const root = path.resolve(import.meta.dirname, "../..");
const ONE_NUMBER = { phoneNumbers: 1 };

let fake: FakeOpenPhone;
let db: TestDatabase;
let child: ChildProcess | null = null;

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 0, seed: ONE_NUMBER });
});
afterAll(() => fake.close());
beforeEach(async () => {
  fake.reset(ONE_NUMBER);
  db = await createTestDatabase();
});
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  child = null;
  await db.cleanup();
});

function startCli(args: string[]) {
  // node --import tsx (not the tsx binary, which runs the script in a second process a SIGKILL would not reach).
  const proc = spawn(process.execPath, ["--import", "tsx", "scripts/backfill.ts", ...args], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      APP_SECRET: TEST_APP_SECRET,
      OPENPHONE_API_KEY: fake.apiKey,
      OPENPHONE_API_BASE_URL: fake.url,
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  proc.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    proc.on("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  child = proc;
  return { proc, exited };
}

describe(`npm run backfill killed midway (${testDialect()})`, () => {
  it("SIGKILL after the checkpoint shows progress; the restart continues from it: exact counts and end state, nothing twice", async () => {
    // The reference: the same workspace backfilled in one go, in a database of its own.
    const reference = await createTestDatabase();
    let expectedSnapshot: Awaited<ReturnType<typeof domainSnapshot>>;
    try {
      const started = await startBackfill(reference, { since: null, until: null, phoneNumberIds: [], dryRun: false }, new Date(), null, "reference");
      if (!started.ok) throw new Error("busy");
      const clean = await runBackfill(reference, started.runId, { api: { apiKey: fake.apiKey, baseUrl: fake.url }, holder: "reference" });
      expect(clean.status).toBe("done");
      expectedSnapshot = await domainSnapshot(reference.prisma);
    } finally {
      await reference.cleanup();
    }

    // Slow OpenPhone down so the kill lands in the middle of the calls.
    fake.setFaults({ delayMs: 150 });
    const first = startCli(["--json"]);
    let progress = parseCounts(JSON.stringify({}));
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const run = await db.prisma.backfillRun.findFirst({ select: { counts: true } });
      if (run) progress = parseCounts(run.counts);
      if (progress.calls.seen >= 2) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(progress.calls.seen).toBeGreaterThanOrEqual(2);
    first.proc.kill("SIGKILL");
    const killed = await first.exited;
    expect(killed.signal).toBe("SIGKILL");

    const interrupted = await db.prisma.backfillRun.findFirstOrThrow();
    expect(interrupted.status).toBe("running");
    expect(parseCheckpoint(interrupted.checkpoint)).not.toEqual(START);
    const countsAtKill = parseCounts(interrupted.counts);
    expect(countsAtKill.calls.recovered).toBeLessThan(6);
    // What the checkpoint says is exactly what was written.
    expect(await db.prisma.message.count()).toBe(countsAtKill.messages.recovered);
    expect(await db.prisma.call.count()).toBe(countsAtKill.calls.recovered);

    // Started again with the same options: it waits for the dead runner's lease, then continues.
    fake.setFaults({});
    const second = startCli(["--json", "--wait"]);
    const done = await second.exited;
    expect(done.code, done.stderr).toBe(0);
    const report = JSON.parse(done.stdout) as { runId: number; resumed: boolean; status: string; counts: unknown };
    expect(report).toMatchObject({ runId: interrupted.id, resumed: true, status: "done" });
    expect(report.counts).toEqual({
      messages: { seen: 12, present: 0, recovered: 12 },
      calls: { seen: 6, present: 0, recovered: 6 },
      recordings: { seen: 4, present: 0, recovered: 4 },
      voicemails: { seen: 2, present: 0, recovered: 2 },
      summaries: { seen: 4, present: 0, recovered: 4 },
      transcripts: { seen: 4, present: 0, recovered: 4 },
    });
    expect(await tableCounts(db.prisma)).toMatchObject({ messages: 12, calls: 6, recordings: 4, voicemails: 2, summaries: 4, transcripts: 4, segments: 8, mediaAttachments: 2 });
    expect(await domainSnapshot(db.prisma)).toEqual(expectedSnapshot);
    expect(await db.prisma.backfillRun.count()).toBe(1);
  }, 150_000);

  it("SIGTERM stops after the current item and frees the lease: the next run continues at once", async () => {
    fake.setFaults({ delayMs: 150 });
    const first = startCli([]);
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
      const run = await db.prisma.backfillRun.findFirst({ select: { counts: true } });
      if (run && parseCounts(run.counts).messages.seen >= 3) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    first.proc.kill("SIGTERM");
    const stopped = await first.exited;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toMatch(/Stopping after the current item \(SIGTERM\)/);
    const run = await db.prisma.backfillRun.findFirstOrThrow();
    expect(run).toMatchObject({ status: "failed", error: "stopped (SIGTERM)" });
    const countsAtStop = parseCounts(run.counts);
    expect(await db.prisma.message.count()).toBe(countsAtStop.messages.recovered);

    // No --wait: the lease is free already.
    fake.setFaults({});
    const second = startCli(["--json"]);
    const done = await second.exited;
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ runId: run.id, resumed: true, status: "done", recovered: 32 });
    expect(await tableCounts(db.prisma)).toMatchObject({ messages: 12, calls: 6, recordings: 4, voicemails: 2, summaries: 4, transcripts: 4 });
  }, 120_000);
});
