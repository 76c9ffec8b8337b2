import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, csvCell, timelineCsvStream } from "@/lib/timeline/csv";
import { NO_FILTERS, resolveFilters } from "@/lib/timeline/filters";
import { parseCsv } from "../helpers/csv";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";
import { seedTimeline, type SeededTimeline } from "../helpers/timeline-seed";

let db: TestDatabase;
let seed: SeededTimeline;

beforeAll(async () => {
  db = await createTestDatabase();
  seed = await seedTimeline(db);
});
afterAll(async () => {
  await db.cleanup();
});

async function exportCsv(filters = NO_FILTERS, tz = "UTC", batchSize = 3) {
  const stream = timelineCsvStream(db, { filters, tz, baseUrl: "https://inbox.example.com", batchSize });
  // ignoreBOM: keep the BOM in the decoded text, to check that it is there.
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  expect(text.startsWith("\uFEFF")).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  expect(header).toEqual([...CSV_COLUMNS]);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])) as Record<(typeof CSV_COLUMNS)[number], string>);
}

describe(`CSV export (${testDialect()})`, () => {
  it("every row, newest first, across several batches, with local times and links", async () => {
    const rows = await exportCsv(NO_FILTERS, "America/Los_Angeles", 3);
    expect(rows).toHaveLength(seed.all.length);
    expect(rows.map((r) => r.kind)).toEqual(["call", "voicemail", "call", "call", "message", "message", "message", "message"]);
    const m1 = rows[7]!;
    expect(m1).toMatchObject({
      occurred_at_utc: "2026-05-04T08:00:00.000Z",
      occurred_at_local: "2026-05-04 01:00:00",
      direction: "incoming",
      status: "received",
      contact: "Alice Nguyen",
      contact_number: "(415) 555-0123",
      inbox: "Main line",
      inbox_number: "(650) 555-0100",
      text: "Can you check the gutter tomorrow?",
      attachments: "0",
      link: `https://inbox.example.com/conversations/${(await db.prisma.activity.findUniqueOrThrow({ where: { id: seed.m1 } })).conversationId}`,
    });
    const c1 = rows[3]!;
    expect(c1).toMatchObject({ status: "answered", duration_seconds: "125", has_recording: "yes", has_summary: "yes", link: "https://inbox.example.com/calls/ACc1" });
    expect(rows[1]).toMatchObject({ status: "voicemail", has_voicemail: "yes", contact_number: "'+442071234567" });
    expect(rows[4]).toMatchObject({ attachments: "2", text: "Photos of the ceiling" });
  });

  it("quotes commas and quotes, and defuses formulas", async () => {
    const rows = await exportCsv(resolveFilters({ status: "failed" }, "UTC"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.text).toBe("'=HYPERLINK(\"http://evil.example\") quote, \"attached\"");
    expect(csvCell("+1 555")).toBe(`"'+1 555"`);
    expect(csvCell("-2")).toBe(`"'-2"`);
    expect(csvCell("@SUM(A1)")).toBe(`"'@SUM(A1)"`);
    expect(csvCell("a\nb")).toBe('"a\nb"');
    expect(csvCell(42)).toBe("42");
    expect(csvCell(null)).toBe("");
  });

  it("exports exactly what a filter or a search shows", async () => {
    expect((await exportCsv(resolveFilters({ inbox: seed.sales, kind: "call" }, "UTC"))).map((r) => r.link)).toEqual([
      "https://inbox.example.com/calls/ACc4",
      "https://inbox.example.com/calls/ACc2",
    ]);
    expect((await exportCsv(resolveFilters({ q: "skylight" }, "UTC"))).map((r) => r.link)).toEqual(["https://inbox.example.com/calls/ACc1"]);
    expect(await exportCsv(resolveFilters({ from: "2030-01-01" }, "UTC"))).toEqual([]);
  });
});
