import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupDatabase, checkBackupFile, restoreDatabase } from "@/lib/db/backup";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase as Database } from "@/lib/db/types";
import { migrate } from "@/lib/db/migrate";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { domainSnapshot } from "../helpers/domain-snapshot";
import { createPoster } from "../helpers/ingest";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const event = () => {
  n++;
  const participant = `+1415555${String(1000 + (n % 50)).padStart(4, "0")}`;
  return n % 3 === 0 ? callEvent({ participant, createdAt: new Date(Date.now() - 60_000 + n) }) : messageEvent({ participant, text: `load message ${n}`, createdAt: new Date(Date.now() - 60_000 + n) });
};

/** A SQLite database of its own: backups are a SQLite feature, whichever database the suite runs on. */
async function sqliteDatabase(name: string): Promise<Database & { url: string }> {
  const url = `file:${path.join(dir, name, "app.db")}`;
  await migrate(url);
  return Object.assign(createDatabase(url, { poolSize: 2 }), { url });
}

describe("backup and restore (SQLite)", () => {
  let db: Database & { url: string };
  beforeAll(async () => {
    db = await sqliteDatabase("source");
  });
  afterAll(async () => {
    await db.prisma.$disconnect();
  });

  it("backs up while deliveries keep arriving; the restored database holds a consistent state", async () => {
    const poster = createPoster(db);
    const ackedBefore: string[] = [];
    for (let i = 0; i < 20; i++) {
      const result = await poster.post(event());
      if (result.httpStatus === 200 && "eventId" in result) ackedBefore.push(result.eventId);
    }
    let loading = true;
    const load = (async () => {
      while (loading) {
        await poster.post(event());
        // Let I/O (the backup process ending) through between deliveries.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const backupFile = path.join(dir, "under-load.db");
    // A separate process, like `npm run backup` next to the running app.
    const { stdout } = await run(tsx, ["scripts/backup.ts", "--to", backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_URL: db.url } });
    loading = false;
    await load;
    expect(stdout).toContain("Backed up to");
    expect(checkBackupFile(backupFile)).toBeNull();

    const targetUrl = `file:${path.join(dir, "restored", "app.db")}`;
    const restored = await run(tsx, ["scripts/restore.ts", backupFile], { cwd: ROOT, env: { ...process.env, DATABASE_URL: targetUrl } });
    expect(restored.stdout).toContain("Restored");
    await migrate(targetUrl);
    const target = createDatabase(targetUrl, { poolSize: 2 });
    const replay = await sqliteDatabase("replay");
    try {
      const events = await target.prisma.webhookEvent.findMany({ orderBy: { id: "asc" }, select: { eventId: true, rawBody: true } });
      // Everything acknowledged before the backup started is in it.
      expect(events.map((e) => e.eventId)).toEqual(expect.arrayContaining(ackedBefore));
      expect(events.length).toBeGreaterThan(ackedBefore.length);
      // No half-written delivery: the restored domain rows equal a clean replay of its event log.
      const replayPoster = createPoster(replay);
      for (const e of events) expect((await replayPoster.post(e.rawBody)).httpStatus).toBe(200);
      expect(await domainSnapshot(target.prisma)).toEqual(await domainSnapshot(replay.prisma));
    } finally {
      await target.prisma.$disconnect();
      await replay.prisma.$disconnect();
    }
  }, 180_000);

  it("refuses to restore while the database is open, or a file that is not a backup of this app", async () => {
    const backupFile = path.join(dir, "idle.db");
    expect(await backupDatabase(db.url, backupFile)).toMatchObject({ ok: true });
    // db (this process) holds the database open, as a running app would.
    expect(restoreDatabase(db.url, backupFile, new Date())).toMatchObject({ ok: false, message: expect.stringMatching(/in use: stop the app/) });

    const target = `file:${path.join(dir, "fresh", "app.db")}`;
    const notSqlite = path.join(dir, "not-a-db.db");
    fs.writeFileSync(notSqlite, "hello, this is text");
    expect(restoreDatabase(target, notSqlite, new Date())).toMatchObject({ ok: false, message: expect.stringMatching(/not a usable backup/) });

    const corrupt = path.join(dir, "corrupt.db");
    const bytes = fs.readFileSync(backupFile);
    bytes.fill(0x41, 4096 * 2, 4096 * 3);
    fs.writeFileSync(corrupt, bytes);
    expect(restoreDatabase(target, corrupt, new Date())).toMatchObject({ ok: false, message: expect.stringMatching(/not a usable backup/) });

    const empty = path.join(dir, "empty.db");
    await migrate(`file:${empty}`, { migrations: [] });
    expect(checkBackupFile(empty)).toMatch(/no migrations recorded/);

    const future = path.join(dir, "future.db");
    fs.copyFileSync(backupFile, future);
    const futureDb = createDatabase(`file:${future}`, { poolSize: 1 });
    await futureDb.prisma.$executeRawUnsafe(`INSERT INTO "_migrations" ("name", "checksum", "appliedAt") VALUES ('9999_from_the_future', 'x', '2030-01-01')`);
    await futureDb.prisma.$disconnect();
    expect(restoreDatabase(target, future, new Date())).toMatchObject({ ok: false, message: expect.stringMatching(/newer version/) });

    expect(restoreDatabase(target, backupFile, new Date())).toMatchObject({ ok: true, previous: null });
  }, 120_000);
});

describe("backup on PostgreSQL", () => {
  it("points to pg_dump instead (without connecting)", async () => {
    const url = "postgresql://inbox@127.0.0.1:1/inbox";
    expect(await backupDatabase(url, path.join(dir, "pg.db"))).toEqual({ ok: false, message: expect.stringMatching(/pg_dump/) });
    expect(restoreDatabase(url, path.join(dir, "pg.db"), new Date())).toEqual({ ok: false, message: expect.stringMatching(/pg_dump/) });
  });
});
