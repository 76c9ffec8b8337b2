import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageEvent } from "@/lib/simulator/payloads";
import { getTimelinePage } from "@/lib/timeline/page";
import { searchTimeline } from "@/lib/timeline/search";
import { decodeTimelineCursor } from "@/lib/cursor";
import { parseTimelineQueryLenient, resolveFilters, type TimelineQuery } from "@/lib/timeline/filters";
import { HIGHLIGHT_END, HIGHLIGHT_START, splitHighlights } from "@/lib/timeline/search-query";
import { createPoster } from "../helpers/ingest";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";
import { BASE, MAIN, TRANSCRIPT_ONLY_WORD, seedTimeline, type SeededTimeline } from "../helpers/timeline-seed";

let db: TestDatabase;
let seed: SeededTimeline;

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedTimeline(db);
});
afterAll(async () => {
  await db.cleanup();
});

async function search(q: string, extra: TimelineQuery = {}, limit = 50) {
  const query = parseTimelineQueryLenient({ q });
  return searchTimeline(db, { ...resolveFilters({ ...query, ...extra }, "UTC"), q: query.q ?? "" }, { limit });
}
const idsOf = (page: { items: { id: number }[] }) => page.items.map((i) => i.id);

describe(`full-text search (${testDialect()})`, () => {
  it("finds a word that appears only in a call transcript, and highlights it", async () => {
    expect(await db.prisma.activity.count({ where: { preview: { contains: TRANSCRIPT_ONLY_WORD } } })).toBe(0);
    const page = await search(TRANSCRIPT_ONLY_WORD);
    expect(idsOf(page)).toEqual([seed.c1]);
    const snippet = page.items[0]!.snippet!;
    expect(snippet).toContain(`${HIGHLIGHT_START}${TRANSCRIPT_ONLY_WORD}${HIGHLIGHT_END}`);
    expect(splitHighlights(snippet).filter((p) => p.highlighted).map((p) => p.text.toLowerCase())).toEqual([TRANSCRIPT_ONLY_WORD]);
  });

  it("searches message text and summaries, several words (AND), case-insensitive", async () => {
    expect(idsOf(await search("gutter"))).toEqual([seed.m1]);
    expect(idsOf(await search("CHIMNEY leak"))).toEqual([seed.c1]);
    expect(idsOf(await search("gutter chimney"))).toEqual([]);
  });

  it("matches a prefix of the last word on SQLite; stems words on PostgreSQL", async () => {
    if (testDialect() === "sqlite") expect(idsOf(await search("chimn"))).toEqual([seed.c1]);
    else expect(idsOf(await search("photo"))).toEqual([seed.m4]);
  });

  it("finds a contact's activity by name or company, first, newest first", async () => {
    const byName = await search("alice");
    expect(idsOf(byName).slice(0, 3)).toEqual([seed.c1, seed.m2, seed.m1]);
    expect(idsOf(await search("nguyen roofing"))).toEqual([seed.c1, seed.m2, seed.m1]);
  });

  it("finds a number however it is typed", async () => {
    for (const q of ["415 555 0123", "(415) 555-0123", "+1 415-555-0123", "4155550123", "555 0123"]) {
      expect(idsOf(await search(q)), q).toEqual([seed.c1, seed.m2, seed.m1]);
    }
    expect(idsOf(await search("+44 20 7123 4567"))).toEqual([seed.c4, seed.c3]);
  });

  it("combines with filters", async () => {
    expect(idsOf(await search("alice", { kind: "message" }))).toEqual([seed.m2, seed.m1]);
    expect(idsOf(await search("alice", { direction: "outgoing" }))).toEqual([seed.m2]);
    expect(idsOf(await search("gutter", { inbox: seed.sales }))).toEqual([]);
  });

  it("ranks the better match first", async () => {
    const own = await createTestDatabase();
    try {
      const { post } = createPoster(own);
      const line = { phoneNumberId: "PNrank0001", workspaceNumber: "+16505550400" };
      await post(messageEvent({ ...line, participant: "+15005550001", text: "One shingle blew off.", createdAt: new Date(BASE) }));
      await post(messageEvent({ ...line, participant: "+15005550002", text: "Shingle, shingle, shingle: the shingle roof lost every shingle.", createdAt: new Date(BASE - 1000) }));
      await post(messageEvent({ ...line, participant: "+15005550003", text: "Nothing to see here.", createdAt: new Date(BASE + 1000) }));
      const page = await searchTimeline(own, { ...resolveFilters({}, "UTC"), q: "shingle" });
      expect(page.items.map((i) => i.contact?.number)).toEqual(["+15005550002", "+15005550001"]);
    } finally {
      await own.cleanup();
    }
  });

  it("pages ranked results without duplicates while new matches arrive", async () => {
    const own = await createTestDatabase();
    try {
      const { post } = createPoster(own);
      const line = { phoneNumberId: "PNpage0001", workspaceNumber: "+16505550500" };
      for (let i = 0; i < 12; i++) {
        await post(messageEvent({ ...line, participant: `+1500555${String(1000 + i)}`, text: `estimate ${"estimate ".repeat(i % 4)}number ${i}`, createdAt: new Date(BASE - i * 60_000) }));
      }
      const seen: number[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const decoded = decodeTimelineCursor(cursor ?? undefined);
        const page = await getTimelinePage(own, { filters: { ...resolveFilters({}, "UTC"), q: "estimate" }, cursor: decoded, limit: 5 });
        seen.push(...idsOf(page));
        cursor = page.nextCursor;
        pages += 1;
        await post(messageEvent({ ...line, participant: "+15005559999", text: `estimate estimate estimate estimate new ${pages}`, createdAt: new Date(BASE) }));
      } while (cursor && pages < 10);
      expect(pages).toBe(3);
      expect(seen).toHaveLength(12);
      expect(new Set(seen).size).toBe(12);
    } finally {
      await own.cleanup();
    }
  });

  it("ranks only the most recent matches when there are very many, and says so", async () => {
    const own = await createTestDatabase();
    try {
      const { post } = createPoster(own);
      const line = { phoneNumberId: "PNwin0001", workspaceNumber: "+16505550600" };
      // The oldest message is the best match (the word three times), but it is outside a window of 4.
      await post(messageEvent({ ...line, participant: "+15005552000", text: "gutter gutter gutter", createdAt: new Date(BASE - 10 * 60_000) }));
      for (let i = 1; i <= 6; i++) {
        await post(messageEvent({ ...line, participant: `+150055520${String(i).padStart(2, "0")}`, text: `the gutter again, number ${i}`, createdAt: new Date(BASE - (10 - i) * 60_000) }));
      }
      const filters = { ...resolveFilters({}, "UTC"), q: "gutter" };
      const windowed = await searchTimeline(own, filters, { window: 4 });
      expect(windowed.searchWindowed).toBe(true);
      expect(windowed.items.map((i) => i.contact?.number).sort()).toEqual(["+15005552003", "+15005552004", "+15005552005", "+15005552006"]);
      const all = await searchTimeline(own, filters, { window: 100 });
      expect(all.searchWindowed).toBeUndefined();
      expect(all.items[0]!.contact?.number).toBe("+15005552000");
      expect(all.items).toHaveLength(7);
      // Filters apply before the window: narrowed down, the old best match is back in it.
      const oldest = await own.prisma.contact.findUniqueOrThrow({ where: { number: "+15005552000" } });
      const filtered = await own.prisma.activity.findFirstOrThrow({ where: { contactId: oldest.id } });
      const narrowed = await searchTimeline(own, { ...resolveFilters({ to: "2026-05-04", from: "2026-05-04" }, "UTC"), conversationId: filtered.conversationId, q: "gutter" }, { window: 4 });
      expect(narrowed.items.map((i) => i.contact?.number)).toEqual(["+15005552000"]);
    } finally {
      await own.cleanup();
    }
  });

  it("hostile queries never throw", async () => {
    const hostile = [
      '"',
      '""',
      '"unbalanced',
      "*",
      "a*",
      "**",
      "NEAR",
      "NEAR(leak gutter)",
      "leak NEAR/2 gutter",
      "-",
      "-leak",
      "leak -gutter",
      "leak OR",
      "AND OR NOT",
      "(",
      ")",
      "^leak",
      "searchText:leak",
      "{searchText}: leak",
      "'; DROP TABLE \"Activity\"; --",
      "%_\\",
      "🙂 ✓ ünïcödé 漢字",
      "\u0000\u0001",
      HIGHLIGHT_START + HIGHLIGHT_END,
      "a".repeat(10_240),
      "leak ".repeat(2_000),
      "+",
      "()()()",
      "!",
      "<script>alert(1)</script>",
    ];
    for (const q of hostile) {
      const page = await search(q);
      expect(Array.isArray(page.items), JSON.stringify(q.slice(0, 40))).toBe(true);
    }
    // A dangerous-looking query is just text: it finds the message that contains it.
    expect(idsOf(await search('=HYPERLINK("http://evil.example")'))).toEqual([seed.m3]);
  });

  it("an empty or symbols-only query finds nothing rather than everything", async () => {
    expect(idsOf(await search("*"))).toEqual([]);
    expect(idsOf(await search("---"))).toEqual([]);
  });

  it("the search keeps the main line's inbox on each hit", async () => {
    const page = await search(TRANSCRIPT_ONLY_WORD);
    expect(page.items[0]!.inbox).toMatchObject({ name: "Main line", number: MAIN.workspaceNumber });
  });
});
