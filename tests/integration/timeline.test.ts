import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callEvent, messageEvent } from "@/lib/simulator/payloads";
import { getTimelinePage } from "@/lib/timeline/page";
import { countByKind, latestActivityId, listNewerThan, listTimeline, type TimelineItem } from "@/lib/timeline/queries";
import { decodeTimelineCursor } from "@/lib/cursor";
import { NO_FILTERS, resolveFilters, type TimelineFilters, type TimelineQuery } from "@/lib/timeline/filters";
import { readTimelineApiRequest, readTimelinePageRequest } from "@/lib/timeline/request";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";
import { ALICE, BASE, MAIN, at, seedTimeline, type SeededTimeline } from "../helpers/timeline-seed";

let db: TestDatabase;
let seed: SeededTimeline;

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedTimeline(db);
});
afterAll(async () => {
  await db.cleanup();
});

const filters = (query: TimelineQuery, tz = "UTC"): TimelineFilters => resolveFilters(query, tz);
const idsOf = (items: TimelineItem[]) => items.map((i) => i.id);
async function ids(query: TimelineQuery, tz = "UTC"): Promise<number[]> {
  return idsOf((await listTimeline(db, filters(query, tz), { limit: 100 })).items);
}

describe(`timeline listing (${testDialect()})`, () => {
  it("lists every kind newest first, with what a row shows", async () => {
    const page = await listTimeline(db, NO_FILTERS);
    expect(idsOf(page.items)).toEqual([seed.c4, seed.c3, seed.c2, seed.c1, seed.m4, seed.m3, seed.m2, seed.m1]);
    expect(page.nextCursor).toBeNull();
    const byId = new Map(page.items.map((i) => [i.id, i]));

    expect(byId.get(seed.m1)).toMatchObject({
      kind: "message",
      direction: "incoming",
      status: "received",
      preview: "Can you check the gutter tomorrow?",
      contact: { id: seed.alice, name: "Alice Nguyen", number: ALICE },
      inbox: { id: seed.main, name: "Main line", number: MAIN.workspaceNumber },
      occurredAt: at(600).toISOString(),
    });
    expect(byId.get(seed.m2)).toMatchObject({ direction: "outgoing", status: "delivered" });
    expect(byId.get(seed.m3)).toMatchObject({ status: "failed", message: { errorCode: "carrier_rejected" }, contact: { name: null } });
    const media = byId.get(seed.m4)!.message!.media;
    expect(media.map((m) => [m.kind, m.contentType])).toEqual([
      ["image", "image/jpeg"],
      ["pdf", "application/pdf"],
    ]);
    // Upstream media URLs never leave the server: only ids for the media proxy.
    expect(JSON.stringify(page)).not.toContain("media.example.test");

    expect(byId.get(seed.c1)).toMatchObject({
      kind: "call",
      status: "answered",
      hasRecording: true,
      hasSummary: true,
      hasTranscript: true,
      preview: "Customer reported a leak near the chimney.",
      call: { openphoneId: "ACc1", durationSeconds: 125 },
    });
    expect(byId.get(seed.c2)).toMatchObject({ status: "missed", hasRecording: false });
    expect(byId.get(seed.c3)).toMatchObject({ status: "voicemail", hasVoicemail: true, call: { voicemailSeconds: 21 } });
    expect(byId.get(seed.c4)).toMatchObject({ status: "forwarded", direction: "outgoing", call: { forwardedTo: "+16505550999" } });
  });

  it("each filter, and filters combined", async () => {
    expect(await ids({ inbox: seed.main })).toEqual([seed.c3, seed.c1, seed.m2, seed.m1]);
    expect(await ids({ inbox: seed.sales })).toEqual([seed.c4, seed.c2, seed.m4, seed.m3]);
    expect(await ids({ contact: seed.alice })).toEqual([seed.c1, seed.m2, seed.m1]);
    expect(await ids({ direction: "outgoing" })).toEqual([seed.c4, seed.m3, seed.m2]);
    expect(await ids({ kind: "message" })).toEqual([seed.m4, seed.m3, seed.m2, seed.m1]);
    expect(await ids({ kind: "call" })).toEqual([seed.c4, seed.c3, seed.c2, seed.c1]);
    expect(await ids({ kind: "voicemail" })).toEqual([seed.c3]);
    expect(await ids({ status: "missed" })).toEqual([seed.c2]);
    expect(await ids({ status: "failed" })).toEqual([seed.m3]);
    expect(await ids({ status: "answered" })).toEqual([seed.c1]);
    expect(await ids({ status: "forwarded" })).toEqual([seed.c4]);
    expect(await ids({ status: "delivered" })).toEqual([seed.m2]);
    expect(await ids({ recording: true })).toEqual([seed.c1]);
    expect(await ids({ media: true })).toEqual([seed.m4]);
    expect(await ids({ media: false, kind: "message" })).toEqual([seed.m3, seed.m2, seed.m1]);
    expect(await ids({ inbox: seed.main, kind: "call" })).toEqual([seed.c3, seed.c1]);
    expect(await ids({ contact: seed.alice, direction: "incoming", kind: "message" })).toEqual([seed.m1]);
    expect(await ids({ inbox: seed.sales, status: "answered" })).toEqual([]);
    const conversation = (await db.prisma.activity.findUniqueOrThrow({ where: { id: seed.m1 } })).conversationId!;
    expect(await ids({ conversation })).toEqual([seed.c1, seed.m2, seed.m1]);
  });

  it("date ranges are whole days in the given time zone", async () => {
    // BASE is 2026-05-04 18:00 UTC; m1 (10 h earlier) is 08:00 UTC = 01:00 in Los Angeles, 04:00 in New York.
    expect(await ids({ from: "2026-05-04", to: "2026-05-04" })).toHaveLength(8);
    expect(await ids({ from: "2026-05-05" })).toEqual([]);
    expect(await ids({ to: "2026-05-03" })).toEqual([]);
    // In Tokyo (UTC+9) 08:00 UTC is 17:00 on May 4 and 15:00 UTC (c4) is 00:00 on May 5.
    expect(await ids({ from: "2026-05-05", tz: "Asia/Tokyo" })).toEqual([seed.c4]);
    expect(await ids({ to: "2026-05-04" }, "Asia/Tokyo")).toEqual([seed.c3, seed.c2, seed.c1, seed.m4, seed.m3, seed.m2, seed.m1]);
    // Pacific/Kiritimati is UTC+14: from 10:00 UTC on (m3 onwards) it is already May 5 there.
    expect(await ids({ from: "2026-05-05", to: "2026-05-05", tz: "Pacific/Kiritimati" })).toEqual([seed.c4, seed.c3, seed.c2, seed.c1, seed.m4, seed.m3]);
  });

  it("counts per kind for the current filter, ignoring the kind itself", async () => {
    expect(await countByKind(db, NO_FILTERS)).toEqual({ all: 8, message: 4, call: 4, voicemail: 1 });
    expect(await countByKind(db, filters({ inbox: seed.main, kind: "message" }))).toEqual({ all: 4, message: 2, call: 2, voicemail: 1 });
    expect(await countByKind(db, filters({ status: "missed" }))).toEqual({ all: 1, message: 0, call: 1, voicemail: 0 });
  });

  it("rows created after an id, for the live 'N new' pill", async () => {
    const latest = await latestActivityId(db);
    expect(latest).toBe(Math.max(...seed.all));
    expect(await listNewerThan(db, NO_FILTERS, latest)).toEqual([]);
    expect(idsOf(await listNewerThan(db, filters({ kind: "call" }), seed.m4))).toEqual([seed.c4, seed.c3, seed.c2, seed.c1]);
  });
});

describe(`keyset pagination (${testDialect()})`, () => {
  it("pages through everything once, in order, while new deliveries arrive", async () => {
    const own = await createTestDatabase();
    try {
      const { post } = createPoster(own);
      const line = { phoneNumberId: "PNpaging01", workspaceNumber: "+16505550300" };
      const start = BASE - 3 * 3600_000;
      // 23 rows, several sharing one timestamp so the id tie-break matters.
      for (let i = 0; i < 23; i++) {
        const createdAt = new Date(start + Math.floor(i / 3) * 60_000);
        const payload = i % 4 === 0 ? callEvent({ ...line, createdAt, answeredAt: null }) : messageEvent({ ...line, text: `paging ${i}`, createdAt });
        expect((await post(payload)).outcome).toBe("processed");
      }
      const before = idsOf((await listTimeline(own, NO_FILTERS, { limit: 1000 })).items);
      expect(before).toHaveLength(23);

      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const decoded = decodeTimelineCursor(cursor ?? undefined);
        const page = await listTimeline(own, NO_FILTERS, { cursor: decoded?.kind === "time" ? decoded : null, limit: 5 });
        seen.push(...idsOf(page.items));
        cursor = page.nextCursor;
        pages += 1;
        // Meanwhile: a brand-new message (newer than everything), and one that arrives late with a
        // timestamp inside the range already paged through.
        await post(messageEvent({ ...line, text: `new while paging ${pages}`, createdAt: new Date(BASE + pages * 1000) }));
        await post(messageEvent({ ...line, text: `late ${pages}`, createdAt: new Date(start + 30 * 60_000 + pages) }));
      } while (cursor && pages < 50);

      expect(pages).toBe(5);
      // No duplicates, no gaps: exactly the rows that existed when paging began, in the same order
      // (late rows that land after the current position may also show up, never twice).
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
      const all = await listTimeline(own, NO_FILTERS, { limit: 1000 });
      const order = idsOf(all.items);
      const positions = seen.map((id) => order.indexOf(id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    } finally {
      await own.cleanup();
    }
  });

  it("a cursor page continues exactly after the last row, on ties too", async () => {
    const first = await listTimeline(db, NO_FILTERS, { limit: 3 });
    expect(first.nextCursor).not.toBeNull();
    const cursor = decodeTimelineCursor(first.nextCursor!);
    expect(cursor).toMatchObject({ kind: "time", id: seed.c2 });
    const second = await listTimeline(db, NO_FILTERS, { cursor: cursor as Extract<typeof cursor, { kind: "time" }>, limit: 3 });
    expect(idsOf(second.items)).toEqual([seed.c1, seed.m4, seed.m3]);
  });

  it("bad cursors: the page falls back to the first page, the API answers 400", async () => {
    const bad = ["", "%%%", "bm90LWpzb24", "WyJ0Iiwibm90IGEgZGF0ZSIsMV0", "WyJ0IiwiMjAyNi0wNS0wNFQxODowMDowMC4wMDBaIiwtMV0", "x".repeat(600), "WyJyIiwwLDFd"];
    for (const cursor of bad) {
      const page = readTimelinePageRequest({ cursor }, "UTC");
      expect(page.cursor, cursor).toBeNull();
      const api = readTimelineApiRequest({ cursor });
      if (cursor !== "") expect(api.ok, cursor).toBe(false);
    }
    // A search cursor on a plain listing (and the reverse) is rejected too.
    const search = await getTimelinePage(db, { filters: filters({ q: "roof" }), cursor: null, limit: 1 });
    expect(readTimelineApiRequest({ cursor: search.nextCursor ?? "" }).ok).toBe(false);
    expect(readTimelineApiRequest({ q: "roof", cursor: search.nextCursor ?? "" }).ok).toBe(true);
  });

  it("the API rejects invalid filter values; the page drops them and keeps the rest", () => {
    expect(readTimelineApiRequest({ kind: "fax" })).toMatchObject({ ok: false });
    expect(readTimelineApiRequest({ from: "2026-02-30" })).toMatchObject({ ok: false });
    expect(readTimelineApiRequest({ tz: "Mars/Olympus" })).toMatchObject({ ok: false });
    expect(readTimelineApiRequest({ limit: "5000" })).toMatchObject({ ok: false });
    const page = readTimelinePageRequest({ kind: "fax", inbox: "abc", direction: "incoming", from: "nope" }, "UTC");
    expect(page.query).toEqual({ direction: "incoming" });
  });
});
