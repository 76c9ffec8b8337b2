import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenPhoneClient, createRateLimiter } from "@/lib/openphone/api";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { runWebhooksCli } from "@/lib/webhooks/subscriptions/cli";
import { createWebhookManager } from "@/lib/webhooks/subscriptions/manager";
import { TEST_APP_SECRET, createPoster } from "../helpers/ingest";
import { startIngestReceiver } from "../helpers/ingest-receiver";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/** `npm run webhooks` against the fake OpenPhone API: in-process for every command, and once as a real process. */

let fake: FakeOpenPhone;
let db: TestDatabase;
let receiver: Awaited<ReturnType<typeof startIngestReceiver>>;
let poster: ReturnType<typeof createPoster>;

async function cli(argv: string[], options: { answer?: boolean; apiKey?: string | null } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const apiKey = options.apiKey === undefined ? fake.apiKey : options.apiKey;
  const manager = createWebhookManager({
    prisma: db.prisma,
    client: apiKey ? createOpenPhoneClient({ apiKey, baseUrl: fake.url, limiter: createRateLimiter({ limit: 1000 }), sleep: async () => undefined }) : null,
    appSecret: TEST_APP_SECRET,
    webhookUrl: receiver.url,
    graceSeconds: 60,
    now: () => new Date(),
    onKeysChanged: poster.invalidateKeys,
    testTimeoutMs: 5000,
  });
  const code = await runWebhooksCli(argv, {
    manager,
    actor: { id: null, label: "command line (test)" },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    confirm: async () => options.answer ?? false,
  });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
  receiver = await startIngestReceiver(poster.deps);
});
afterEach(async () => {
  fake.reset();
  await receiver.close();
  await db.cleanup();
});

describe(`npm run webhooks (${testDialect()})`, () => {
  it("create --all twice, list as a table and as JSON, test every webhook, rotate, delete --all", async () => {
    const first = await cli(["create", "--all", "--json"]);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.out).created).toHaveLength(4);
    const again = await cli(["create", "--all"]);
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain("Nothing to create");
    expect(fake.state.webhooks).toHaveLength(4);

    const table = await cli(["list"]);
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/^ID\s+GENERATION\s+EVENTS\s+STATUS\s+TARGET/);
    expect(table.out).toContain("Calls and recordings");
    const listed = JSON.parse((await cli(["list", "--json"])).out).subscriptions as { id: string; pointsHere: boolean; hasKey: boolean }[];
    expect(listed).toHaveLength(4);
    expect(listed.every((s) => s.pointsHere && s.hasKey)).toBe(true);

    const tested = await cli(["test", "--json"]);
    expect(tested.code).toBe(0);
    expect(JSON.parse(tested.out).results.map((r: { stored: boolean }) => r.stored)).toEqual([true, true, true, true]);

    const rotated = await cli(["rotate", "--id", listed[0]!.id]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toMatch(/old key is trusted until/);

    expect(await cli(["delete", "--all"])).toMatchObject({ code: 1, err: expect.stringContaining("--yes") });
    expect(fake.state.webhooks.filter((w) => !w.deletedAt)).toHaveLength(4);
    expect(await cli(["delete", "--all"], { answer: true })).toMatchObject({ code: 0 });
    expect(fake.state.webhooks.filter((w) => !w.deletedAt)).toHaveLength(0);
    const audit = await db.prisma.webhookAuditEntry.findMany();
    expect(new Set(audit.map((a) => a.actorLabel))).toEqual(new Set(["command line (test)"]));
  });

  it("create --family with numbers, legacy, then switch --yes to 2026", async () => {
    const pn = fake.state.workspace.phoneNumbers[0]!.id;
    const one = await cli(["create", "--family", "messages", "--generation", "legacy", "--numbers", pn, "--json"]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out).created).toMatchObject({ generation: "legacy", resourceIds: [pn], family: "messages" });
    const switched = await cli(["switch", "--yes", "--json"]);
    expect(switched.code).toBe(0);
    expect(JSON.parse(switched.out)).toMatchObject({ ok: true, deleted: [JSON.parse(one.out).created.id] });
  });

  it("exit codes: 2 for usage, 3 for a missing or rejected key, 4 when OpenPhone is unavailable, 1 for an unknown id", async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    expect((await cli(["create"])).code).toBe(2);
    expect((await cli(["create", "--family", "faxes"])).code).toBe(2);
    expect((await cli(["list", "--bogus"])).code).toBe(2);
    expect((await cli(["rotate"])).code).toBe(2);
    expect((await cli(["create", "--all", "--numbers", "nope"])).code).toBe(2);
    expect(await cli(["list"], { apiKey: null })).toMatchObject({ code: 3, err: expect.stringContaining("OPENPHONE_API_KEY") });
    expect(await cli(["list"], { apiKey: "wrong" })).toMatchObject({ code: 3, err: expect.stringContaining("rejected the API key") });
    fake.setFaults({ serverErrors: { count: 99 } });
    const down = await cli(["list", "--json"]);
    expect(down.code).toBe(4);
    expect(JSON.parse(down.out)).toMatchObject({ error: { kind: "server" } });
    fake.setFaults({});
    expect((await cli(["delete", "--id", "WHnope", "--yes"])).code).toBe(1);
  });

  it("runs as a real process: npm run webhooks -- list --json (exit codes are covered in-process above)", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const run = promisify(execFile);
    await cli(["create", "--all", "--generation", "legacy"]);
    const env = {
      ...process.env,
      DATABASE_URL: db.url,
      APP_SECRET: TEST_APP_SECRET,
      OPENPHONE_API_KEY: fake.apiKey,
      OPENPHONE_API_BASE_URL: fake.url,
      WEBHOOK_BASE_URL: receiver.url.replace("/api/webhooks/openphone", ""),
      LOG_LEVEL: "silent",
    };
    const { stdout } = await run(path.join(root, "node_modules/.bin/tsx"), ["scripts/webhooks.ts", "list", "--json"], { cwd: root, env });
    const listed = JSON.parse(stdout).subscriptions as { generation: string; pointsHere: boolean; hasKey: boolean }[];
    expect(listed).toHaveLength(4);
    expect(listed.every((s) => s.generation === "legacy" && s.pointsHere && s.hasKey)).toBe(true);
  }, 180_000);
});
