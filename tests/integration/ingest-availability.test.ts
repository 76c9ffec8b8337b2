import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAvailability } from "@/lib/db/availability";
import { createDatabase } from "@/lib/db/create-database";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { messageEvent } from "@/lib/simulator/payloads";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.cleanup();
});

describe("ingest while the database is unavailable", () => {
  it("answers 503 at once during the hold after a failed write, stores nothing, and processes the redelivery after it", async () => {
    const availability = createAvailability(60_000);
    const { post } = createPoster(db, { availability });
    availability.markUnavailable(Date.now());
    const event = messageEvent();
    const held = await post(event);
    expect(held).toMatchObject({ httpStatus: 503, outcome: "database_unavailable" });
    expect(await db.prisma.webhookEvent.count({ where: { eventId: event.id as string } })).toBe(0);

    availability.markAvailable();
    expect(await post(event)).toMatchObject({ httpStatus: 200, outcome: "processed" });
  });

  it.runIf(testDialect() === "sqlite")(
    "SQLite write-locked by another process: 503 within 2 s, later deliveries held off without waiting, health reports it",
    async () => {
      const target = parseDatabaseUrl(db.url);
      if (target.dialect !== "sqlite") throw new Error("SQLite only");
      // The server's short busy timeout (lib/db/shared.ts).
      const server = createDatabase(db.url, { busyTimeoutMs: 1_000 });
      const availability = createAvailability(1_000);
      const { post } = createPoster(server, { availability });
      await post(messageEvent()); // connect and warm up
      const lock = new Database(target.file);
      lock.exec("BEGIN EXCLUSIVE");
      try {
        const started = Date.now();
        const first = await post(messageEvent());
        const second = await post(messageEvent());
        expect(first).toMatchObject({ httpStatus: 503, outcome: "database_unavailable" });
        expect(second).toMatchObject({ httpStatus: 503, outcome: "database_unavailable" });
        // Two deliveries: the first waits out the 1 s busy timeout, the second is held off (margin for a busy CI machine).
        expect(Date.now() - started).toBeLessThan(2_500);
        expect(availability.isDown(Date.now())).toBe(true);
      } finally {
        lock.exec("ROLLBACK");
        lock.close();
      }
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await post(messageEvent())).toMatchObject({ httpStatus: 200 });
      expect(availability.isDown(Date.now())).toBe(false);
      await server.prisma.$disconnect();
    },
  );
});
