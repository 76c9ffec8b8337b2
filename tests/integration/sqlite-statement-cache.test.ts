import path from "node:path";
import fs from "node:fs";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { migrate } from "@/lib/db/migrate";
import { CachedStatementsSqliteAdapter, cacheStatements } from "@/lib/db/sqlite-statement-cache";
import { TMP_DIR, testDialect } from "../helpers/test-db";

// The SQLite adapter's statement cache (issue 14): compiled statements are reused across queries,
// arguments are never mixed up between uses, and the cache stays bounded.

describe("cacheStatements on a better-sqlite3 handle", () => {
  it("prepares each SQL text once, binds fresh arguments each use, and evicts the least recently used", () => {
    const db = new Database(":memory:");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
    const stats = cacheStatements(db, 2);
    type View = { bind: (args: unknown[]) => View; run: () => { changes: number }; reader: boolean; raw: () => { all: () => unknown[][] }; columns: () => { name: string }[] };
    const prepare = db.prepare as unknown as (sql: string) => View;

    for (const [id, name] of [[1, "a"], [2, "b"], [3, "c"]] as const) {
      expect(prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([id, name]).run().changes).toBe(1);
    }
    const select = "SELECT id, name FROM t WHERE id >= ? ORDER BY id";
    const view = prepare(select).bind([2]);
    expect(view.reader).toBe(true);
    expect(view.columns().map((c) => c.name)).toEqual(["id", "name"]);
    expect(view.raw().all()).toEqual([[2, "b"], [3, "c"]]);
    expect(prepare(select).bind([3]).raw().all()).toEqual([[3, "c"]]);
    expect(stats()).toEqual({ hits: 3, misses: 2, size: 2 });

    // A failed run (unique violation) leaves the compiled statement usable.
    expect(() => prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([4, "a"]).run()).toThrow(/UNIQUE/);
    expect(prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([4, "d"]).run().changes).toBe(1);

    // A third text evicts the least recently used (the SELECT), not the INSERT just used.
    prepare("SELECT COUNT(*) FROM t").bind([]).raw().all();
    const before = stats();
    prepare("INSERT INTO t (id, name) VALUES (?, ?)").bind([5, "e"]).run();
    expect(stats()).toEqual({ hits: before.hits + 1, misses: before.misses, size: 2 });
    prepare(select).bind([5]).raw().all();
    expect(stats().misses).toBe(before.misses + 1);
    db.close();
  });
});

describe.runIf(testDialect() === "sqlite")("the Prisma SQLite adapter with the statement cache", () => {
  const file = path.join(TMP_DIR, `statement-cache-${process.pid}.db`);
  let adapter: CachedStatementsSqliteAdapter;
  let prisma: PrismaClient;

  beforeAll(async () => {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    await migrate(`file:${file}`);
    adapter = new CachedStatementsSqliteAdapter({ url: file });
    prisma = new PrismaClient({ adapter });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  });

  it("reuses compiled statements across ORM queries, raw queries and transactions, with the right rows each time", async () => {
    for (let i = 0; i < 20; i++) {
      await prisma.$transaction(async (tx) => {
        await tx.contact.create({ data: { openphoneContactId: `CT${i}`, firstName: `Name ${i}` } });
      });
    }
    const warm = adapter.statementCacheStats()!;
    for (let i = 0; i < 20; i++) {
      const contact = await prisma.contact.findUnique({ where: { openphoneContactId: `CT${i}` }, select: { firstName: true } });
      expect(contact?.firstName).toBe(`Name ${i}`);
      const [row] = await prisma.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM "Contact" WHERE "firstName" <= ${`Name ${i}`}`;
      expect(Number(row!.n)).toBeGreaterThan(0);
    }
    const after = adapter.statementCacheStats()!;
    // 40 queries, 2 distinct texts: at most 2 new compilations.
    expect(after.misses - warm.misses).toBeLessThanOrEqual(2);
    expect(after.hits - warm.hits).toBeGreaterThanOrEqual(38);
    expect(await prisma.contact.count()).toBe(20);
  });
});
