import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { callEvent, messageEvent, summaryEvent } from "@/lib/simulator/payloads";
import { createLiveHub, processHub, type LiveEvent, type LiveHub } from "@/lib/live/hub";
import { activityChannel } from "@/lib/live/channel";
import { startPgListener, type PgListener } from "@/lib/live/pg-listener";
import { notifyActivityInTransaction } from "@/lib/live/publish";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

let db: TestDatabase;
let poster: ReturnType<typeof createPoster>;
const listeners: PgListener[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  poster = createPoster(db);
});
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()));
});
afterAll(async () => {
  await db.cleanup();
});

/** Collects what a hub hears. */
function record(hub: LiveHub) {
  const events: LiveEvent[] = [];
  const stop = hub.subscribe((event) => events.push(event));
  return { events, stop, ids: () => events.flatMap((e) => (e.type === "activity" ? e.ids : [])) };
}

/** An app instance's live feed: on PostgreSQL its own LISTEN connection and hub; on SQLite the process hub. */
async function instance(): Promise<LiveHub> {
  if (db.dialect === "sqlite") return processHub();
  const hub = createLiveHub();
  const listener = startPgListener({ databaseUrl: db.url, hub });
  listeners.push(listener);
  await listener.ready;
  return hub;
}

const activityIdOf = async (openphoneId: string) =>
  (await db.prisma.activity.findFirstOrThrow({ where: { OR: [{ message: { openphoneId } }, { call: { openphoneId } }] } })).id;

describe(`live updates (${testDialect()})`, () => {
  it("a processed delivery publishes the ids of the rows it changed, nothing else", async () => {
    const hub = await instance();
    const heard = record(hub);
    await poster.post(messageEvent({ id: "AClive01", text: "secret words never leave the server" }));
    const id = await activityIdOf("AClive01");
    await expect.poll(() => heard.ids()).toEqual([id]);
    expect(JSON.stringify(heard.events)).not.toContain("secret");

    // A late summary for a call updates the call's row: same id again.
    await poster.post(callEvent({ id: "AClive02" }));
    await poster.post(summaryEvent({ callId: "AClive02", summary: ["Quote accepted."] }));
    const callRow = await activityIdOf("AClive02");
    await expect.poll(() => heard.ids()).toEqual([id, callRow, callRow]);
    heard.stop();
  });

  it("duplicates publish nothing", async () => {
    const hub = await instance();
    const heard = record(hub);
    const payload = messageEvent({ id: "AClive03", text: "once" });
    await poster.post(payload);
    const id = await activityIdOf("AClive03");
    // Notifications arrive asynchronously: wait for the first delivery's before sending the copy.
    await expect.poll(() => heard.ids()).toEqual([id]);
    expect((await poster.post(payload)).outcome).toBe("duplicate");
    await poster.post(messageEvent({ id: "AClive04", text: "marker" }));
    const marker = await activityIdOf("AClive04");
    // The marker is heard, and the duplicate in between published nothing.
    await expect.poll(() => heard.ids()).toEqual([id, marker]);
    heard.stop();
  });
});

describe.runIf(testDialect() === "postgres")("live updates across app instances (PostgreSQL)", () => {
  it("a delivery to instance A reaches instance B's subscribers (and A's)", async () => {
    const [a, b] = [await instance(), await instance()];
    const heardA = record(a);
    const heardB = record(b);
    // "Instance A" ingests: its own Prisma client, as a separate app process would have.
    await poster.post(messageEvent({ id: "AClive10", text: "to A" }));
    const id = await activityIdOf("AClive10");
    await expect.poll(() => heardB.ids()).toEqual([id]);
    await expect.poll(() => heardA.ids()).toEqual([id]);
  });

  it("NOTIFY is delivered on commit only, never for a rolled-back transaction", async () => {
    const heard = record(await instance());
    await expect(
      db.prisma.$transaction(async (tx) => {
        await notifyActivityInTransaction(tx, db, { ids: [424242] });
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    await db.prisma.$transaction(async (tx) => notifyActivityInTransaction(tx, db, { ids: [515151] }));
    await expect.poll(() => heard.ids()).toEqual([515151]);
    expect(heard.ids()).not.toContain(424242);
  });

  it("a listener whose connection drops reconnects, re-LISTENs and says resync", async () => {
    const hub = createLiveHub();
    const listener = startPgListener({ databaseUrl: db.url, hub });
    listeners.push(listener);
    await listener.ready;
    const heard = record(hub);
    const target = parseDatabaseUrl(db.url);
    if (target.dialect !== "postgres") throw new Error("unreachable");
    const admin = new pg.Client({ connectionString: target.connectionString });
    await admin.connect();
    try {
      const channel = activityChannel(db.url);
      // Kill every backend listening on this channel (only this test's listener).
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND query = $1`,
        [`LISTEN "${channel}"`],
      );
      await expect.poll(() => heard.events.some((e) => e.type === "resync"), { timeout: 10_000 }).toBe(true);
      expect(listener.connected()).toBe(true);
      await admin.query("SELECT pg_notify($1, $2)", [channel, JSON.stringify({ ids: [777] })]);
      await expect.poll(() => heard.ids()).toEqual([777]);
    } finally {
      await admin.end();
    }
  });

  it("instances on other schemas of the same database hear nothing", async () => {
    const other = await createTestDatabase();
    try {
      const heard = record(await instance());
      await createPoster(other).post(messageEvent({ id: "AClive20", text: "elsewhere" }));
      await poster.post(messageEvent({ id: "AClive21", text: "here" }));
      const here = await activityIdOf("AClive21");
      await expect.poll(() => heard.ids()).toEqual([here]);
    } finally {
      await other.cleanup();
    }
  });
});
