import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { messageEvent } from "@/lib/simulator/payloads";
import { createGroupCommitter } from "@/lib/webhooks/group-commit";
import { groupCommitStats } from "@/lib/webhooks/ingest";
import { createPoster } from "../helpers/ingest";
import { injectProjectionFailure, removeInjectedFailure } from "../helpers/inject-failure";
import { tableCounts } from "../helpers/table-counts";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/**
 * Group commit (lib/webhooks/group-commit.ts): deliveries arriving together are written in one
 * transaction, each in its own savepoint, and each answered only after that transaction commits.
 */

let db: TestDatabase;
let statements: string[];
let poster: ReturnType<typeof createPoster>;

beforeEach(async () => {
  statements = [];
  db = await createTestDatabase({ onQuery: (sql) => statements.push(sql) });
  poster = createPoster(db);
});
afterEach(async () => {
  await db.cleanup();
});

const at = new Date("2026-06-01T10:00:00Z");

function delivery(i: number, overrides: { id?: string; conversations?: number } = {}) {
  return messageEvent({
    eventId: `EVgroup${i}`,
    id: overrides.id ?? `ACgroup${i}`,
    participant: `+1415555${String(1000 + (i % (overrides.conversations ?? 1)))}`,
    text: `message ${i}`,
    createdAt: new Date(at.getTime() + i * 1000),
  });
}

describe(`group commit (${testDialect()})`, () => {
  it("a batch with one failing delivery commits the others and answers 500 only for that one", async () => {
    await injectProjectionFailure(db, "ACbad");
    // The first delivery is written alone; the others arrive meanwhile and form one batch, with the bad one in its middle.
    const bodies = Array.from({ length: 12 }, (_, i) => delivery(i, i === 7 ? { id: "ACbad7", conversations: 3 } : { conversations: 3 }));
    const results = await Promise.all(bodies.map((body) => poster.post(body)));

    expect(results.map((r) => r.httpStatus)).toEqual(bodies.map((_, i) => (i === 7 ? 500 : 200)));
    expect(results[7]).toMatchObject({ outcome: "failed", eventId: "EVgroup7" });
    expect(groupCommitStats(db).largest).toBeGreaterThan(1);
    expect(statements.some((sql) => sql.startsWith("ROLLBACK TO SAVEPOINT"))).toBe(true);
    expect(await tableCounts(db.prisma)).toMatchObject({ events: 12, messages: 11, activities: 11, conversations: 3, contacts: 3 });
    expect(await db.prisma.webhookEvent.findUniqueOrThrow({ where: { eventId: "EVgroup7" } })).toMatchObject({ status: "failed", attempts: 1 });
    const processed = await db.prisma.webhookEvent.findMany({ where: { status: "processed" }, select: { processingMs: true } });
    expect(processed).toHaveLength(11);
    expect(processed.every((e) => e.processingMs !== null && e.processingMs > 0)).toBe(true);

    // OpenPhone retries the failed one once the cause is fixed.
    await removeInjectedFailure(db);
    expect(await poster.post(bodies[7]!)).toMatchObject({ httpStatus: 200, outcome: "processed" });
    expect(await tableCounts(db.prisma)).toMatchObject({ events: 12, messages: 12, activities: 12 });
  });

  it("a concurrent burst with duplicates, new threads and one hot thread stores every event exactly once", async () => {
    const unique = Array.from({ length: 40 }, (_, i) => delivery(i, { conversations: i < 20 ? 1 : 8 }));
    // Each of the first ten is delivered three times: copies land in one batch and across batches.
    const copies = unique.slice(0, 10).flatMap((body) => [body, body]);
    const burst = [...unique, ...copies].sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const results = await Promise.all(burst.map((body) => poster.post(body)));

    expect(results.every((r) => r.httpStatus === 200)).toBe(true);
    expect(results.filter((r) => r.outcome === "processed")).toHaveLength(40);
    expect(results.filter((r) => r.outcome === "duplicate")).toHaveLength(20);
    expect(groupCommitStats(db).largest).toBeGreaterThan(1);
    expect(await tableCounts(db.prisma)).toMatchObject({ events: 40, messages: 40, activities: 40, conversations: 8, contacts: 8 });
    const events = await db.prisma.webhookEvent.findMany({ select: { duplicates: true } });
    expect(events.reduce((sum, e) => sum + e.duplicates, 0)).toBe(20);
    // The hot thread's last activity is its latest message, whatever order the batch wrote them in.
    const hot = await db.prisma.conversation.findFirstOrThrow({ where: { participant: "+14155551000" } });
    expect(hot.lastActivityAt?.toISOString()).toBe(new Date(at.getTime() + 32 * 1000).toISOString());
  });

  it("answers nobody before the batch's transaction commits", async () => {
    const committer = createGroupCommitter<string>(db.prisma, { maxBatch: 10, maxWaitMs: 0 });
    const gate = (): { open: () => void; wait: Promise<void> } => {
      let open!: () => void;
      const wait = new Promise<void>((r) => (open = r));
      return { open, wait };
    };
    const first = gate();
    const last = gate();
    const settled: string[] = [];
    const write = (eventId: string) => (tx: Parameters<Parameters<typeof committer.run>[0]>[0]) =>
      tx.$executeRaw`INSERT INTO "Contact" ("number", "updatedAt") VALUES (${eventId}, ${new Date()})`.then(() => eventId);

    // The first runs alone and holds its transaction open; the next two queue up and form one batch.
    const a = committer.run(async (tx) => {
      await first.wait;
      return write("+1000")(tx);
    });
    await new Promise((r) => setTimeout(r, 50));
    const b = committer.run(write("+2000"));
    const c = committer.run(async (tx) => {
      await last.wait;
      return write("+3000")(tx);
    });
    for (const [name, p] of [["a", a], ["b", b], ["c", c]] as const) void p.then(() => settled.push(name));

    first.open();
    await a;
    await new Promise((r) => setTimeout(r, 100));
    // b's row is written, but its batch waits for c: b has no answer yet.
    expect(settled).toEqual(["a"]);
    if (db.dialect === "postgres") {
      // Another connection cannot see b's row before the commit. (SQLite: one shared connection, no second view.)
      const other = createDatabase(db.url, { poolSize: 1 });
      try {
        expect(await other.prisma.contact.count({ where: { number: "+2000" } })).toBe(0);
      } finally {
        await other.prisma.$disconnect();
      }
    }
    last.open();
    expect(await Promise.all([b, c])).toEqual([
      { ok: true, value: "+2000" },
      { ok: true, value: "+3000" },
    ]);
    expect(settled.sort()).toEqual(["a", "b", "c"]);
    expect(await db.prisma.contact.count()).toBe(3);
    expect(committer.stats()).toEqual({ batches: 2, members: 3, largest: 2 });
  });

  it("a batch that fails as a whole is written again one delivery at a time", async () => {
    const committer = createGroupCommitter<number>(db.prisma, {
      maxBatch: 10,
      maxWaitMs: 0,
      // Fails the commit of any batch of more than one, as a lost connection or a timeout would.
      beforeCommit: async (_tx, values) => {
        if (values.length > 1) throw new Error("commit lost");
      },
    });
    const blocker = committer.run(async () => new Promise<number>((r) => setTimeout(() => r(0), 50)));
    const insert = (n: number) => committer.run((tx) => tx.$executeRaw`INSERT INTO "Contact" ("number", "updatedAt") VALUES (${`+${n}`}, ${new Date()})`.then(() => n));
    const results = await Promise.all([blocker, insert(1), insert(2), insert(3)]);
    expect(results).toEqual([0, 1, 2, 3].map((value) => ({ ok: true, value })));
    expect(await db.prisma.contact.count()).toBe(3);
  });

  it("a batch lost to an unavailable database answers every member at once, without retrying each alone", async () => {
    let attempts = 0;
    const unavailable = Object.assign(new Error("database gone"), { code: "DATABASE_HELD_OFF" });
    const committer = createGroupCommitter<number>(db.prisma, {
      maxBatch: 10,
      maxWaitMs: 0,
      beforeCommit: async (_tx, values) => {
        if (values.length > 1) throw unavailable;
      },
      retryAlone: (error) => error !== unavailable,
    });
    const blocker = committer.run(async () => new Promise<number>((r) => setTimeout(() => r(0), 50)));
    const member = (n: number) => committer.run(async () => (attempts++, n));
    const results = await Promise.all([blocker, member(1), member(2), member(3)]);
    expect(results.slice(1)).toEqual([1, 2, 3].map(() => ({ ok: false, error: unavailable })));
    expect(attempts).toBe(3); // once each, in the one batch: none was written again alone
    expect(committer.stats()).toEqual({ batches: 2, members: 4, largest: 3 });
  });
});

describe(`gathering a batch (${testDialect()})`, () => {
  it("a batch without failures is written without savepoints", async () => {
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => poster.post(delivery(i, { conversations: 4 }))));
    expect(results.every((r) => r.httpStatus === 200 && r.outcome === "processed")).toBe(true);
    expect(groupCommitStats(db).largest).toBeGreaterThan(1);
    expect(statements.filter((sql) => sql.includes("SAVEPOINT"))).toEqual([]);
    expect(await tableCounts(db.prisma)).toMatchObject({ events: 12, messages: 12, activities: 12, conversations: 4 });
  });

  it("deliveries that arrive in separate turns of the event loop, as requests do, share a batch", async () => {
    // Each request reaches the receiver from its own socket callback. On SQLite a delivery's whole
    // transaction can run without leaving the microtask queue, so a batch that started at once
    // would be written and answered before the next callback ran: batches of one, whatever the load.
    const count = 20;
    const results = await new Promise<Awaited<ReturnType<typeof poster.post>>[]>((resolve, reject) => {
      const pending: ReturnType<typeof poster.post>[] = [];
      for (let i = 0; i < count; i++) {
        setImmediate(() => {
          pending.push(poster.post(delivery(i, { conversations: 5 })));
          if (pending.length === count) Promise.all(pending).then(resolve, reject);
        });
      }
    });
    expect(results.every((r) => r.httpStatus === 200 && r.outcome === "processed")).toBe(true);
    const stats = groupCommitStats(db);
    expect(stats.members).toBe(count);
    expect(stats.batches).toBeLessThanOrEqual(count / 4);
    expect(await tableCounts(db.prisma)).toMatchObject({ events: count, messages: count, activities: count });
  });

  it("a batch waits for a delivery announced on its way, and no longer than that", async () => {
    const committer = createGroupCommitter<string>(db.prisma, { maxBatch: 10, maxWaitMs: 5_000 });
    const insert = (number: string) => (tx: Parameters<Parameters<typeof committer.run>[0]>[0]) =>
      tx.$executeRaw`INSERT INTO "Contact" ("number", "updatedAt") VALUES (${number}, ${new Date()})`.then(() => number);
    const started = performance.now();
    const arrived = committer.expect();
    const first = committer.run(insert("+1000"));
    await new Promise((r) => setTimeout(r, 100));
    // Still waiting for the announced delivery: nothing written yet.
    expect(committer.stats().batches).toBe(0);
    const second = committer.run(insert("+2000"));
    arrived();
    arrived(); // a second call changes nothing
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, value: "+1000" },
      { ok: true, value: "+2000" },
    ]);
    expect(committer.stats()).toEqual({ batches: 1, members: 2, largest: 2 });
    expect(performance.now() - started).toBeLessThan(4_000);

    // Nothing announced: a lone delivery on an idle committer is written without waiting.
    const idle = performance.now();
    expect(await committer.run(insert("+3000"))).toEqual({ ok: true, value: "+3000" });
    expect(performance.now() - idle).toBeLessThan(4_000);
    expect(await db.prisma.contact.count()).toBe(3);
  });

  it("an announced delivery that never comes holds the batch back only for the longest wait", async () => {
    const committer = createGroupCommitter<number>(db.prisma, { maxBatch: 10, maxWaitMs: 150 });
    committer.expect(); // its request was cut off before it could be queued, and nobody says so
    const started = performance.now();
    expect(await committer.run(async () => 1)).toEqual({ ok: true, value: 1 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe(`durability (${testDialect()})`, () => {
  it.runIf(testDialect() === "sqlite")("SQLite commits with synchronous = FULL", async () => {
    await poster.post(delivery(1));
    const [row] = await db.prisma.$queryRawUnsafe<{ synchronous: number | bigint }[]>("PRAGMA synchronous");
    expect(Number(row!.synchronous)).toBe(2);
  });
});
