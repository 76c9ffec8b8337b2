import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createOpenPhoneClient, createRateLimiter } from "@/lib/openphone/api";
import { openPhoneUserNames, syncOpenPhoneUsers } from "@/lib/openphone/directory";
import { startFakeOpenPhone, type FakeOpenPhone } from "@/lib/openphone/fake/server";
import { runMaintenance } from "@/lib/ops/maintenance";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

/** OpenPhone's user directory (names for US… ids) read from the fake API, by hand and by the daily maintenance pass. */

let fake: FakeOpenPhone;
let db: TestDatabase;
const client = () => createOpenPhoneClient({ apiKey: fake.apiKey, baseUrl: fake.url, limiter: createRateLimiter({ limit: 1000 }), sleep: async () => undefined });
const userReads = () => fake.state.requests.filter((r) => r.path.startsWith("/v1/users")).length;

beforeAll(async () => {
  fake = await startFakeOpenPhone({ port: 0 });
});
afterAll(() => fake.close());
beforeEach(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  fake.reset();
  await db.cleanup();
});

describe(`OpenPhone user directory (${testDialect()})`, () => {
  it("reads every page of users, names them, and follows a rename", async () => {
    const [first, second] = fake.state.workspace.users;
    expect(await syncOpenPhoneUsers(db, client(), new Date(), 1)).toEqual({ users: 2 });
    expect(userReads()).toBe(2); // one user per page: the page token was followed
    const names = await openPhoneUserNames(db, [first!.id, second!.id, "USunknown", null]);
    expect(names).toEqual(new Map([
      [first!.id, `${first!.firstName} ${first!.lastName}`],
      [second!.id, `${second!.firstName} ${second!.lastName}`],
    ]));

    first!.firstName = "Renamed";
    await syncOpenPhoneUsers(db, client());
    expect(await db.prisma.openPhoneUser.count()).toBe(2);
    expect((await openPhoneUserNames(db, [first!.id])).get(first!.id)).toBe(`Renamed ${first!.lastName}`);
  });

  it("a user with no name is shown by email", async () => {
    const [first] = fake.state.workspace.users;
    first!.firstName = "";
    first!.lastName = "";
    await syncOpenPhoneUsers(db, client());
    expect((await openPhoneUserNames(db, [first!.id])).get(first!.id)).toBe(first!.email);
  });

  it("maintenance reads the directory once a day; after an API failure it tries again an hour later, not every pass", async () => {
    const config = { retentionDays: 90, noDeliveryMinutes: 60, alertWebhookUrl: undefined, baseUrl: "http://x", openphone: client() };
    const now = new Date("2026-06-01T12:00:00Z");
    expect(await runMaintenance(db, now, config)).toMatchObject({ ran: true, directoryUsers: 2 });
    expect(await runMaintenance(db, new Date(now.getTime() + 3_600_000), config)).toMatchObject({ ran: true, directoryUsers: null });

    fake.setFaults({ wrongKey: true });
    const dayLater = new Date(now.getTime() + 25 * 3_600_000);
    expect(await runMaintenance(db, dayLater, config)).toMatchObject({ ran: true, directoryUsers: null });
    fake.setFaults({});
    const reads = userReads();
    expect(await runMaintenance(db, new Date(dayLater.getTime() + 60_000), config)).toMatchObject({ ran: true, directoryUsers: null });
    expect(userReads()).toBe(reads); // the next pass does not ask again
    const hourLater = new Date(dayLater.getTime() + 61 * 60_000);
    expect(await runMaintenance(db, hourLater, config)).toMatchObject({ ran: true, directoryUsers: 2 });
    expect(await runMaintenance(db, new Date(hourLater.getTime() + 60_000), { ...config, openphone: null })).toMatchObject({ directoryUsers: null });
  });
});
