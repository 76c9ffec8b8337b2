import { describe, expect, it } from "vitest";
import { decodeTimelineCursor, encodeTimelineCursor } from "@/lib/cursor";
import {
  parseTimelineQueryLenient,
  parseTimelineQueryStrict,
  resolveFilters,
  timelineSearchParams,
} from "@/lib/timeline/filters";
import { dayInZone, startOfDayInZone, viewerTimeZone, zoneOffsetMinutes } from "@/lib/time-zone";
import { containsPattern, ftsMatchExpression, nameTokens, phoneDigits, splitHighlights, HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/timeline/search-query";
import { tidySnippet } from "@/lib/timeline/search";

describe("timeline query string", () => {
  it("parses every filter, first value wins, blanks are absent", () => {
    const parsed = parseTimelineQueryStrict(
      new URLSearchParams("q=%20roof%20&inbox=2&contact=7&direction=incoming&kind=voicemail&status=missed&recording=1&media=false&from=2026-05-01&to=2026-05-04&tz=America%2FNew_York&limit=20&inbox=9&conversation="),
    );
    expect(parsed).toEqual({
      ok: true,
      query: { q: "roof", inbox: 2, contact: 7, direction: "incoming", kind: "voicemail", status: "missed", recording: true, media: false, from: "2026-05-01", to: "2026-05-04", tz: "America/New_York", limit: 20 },
    });
  });

  it("strict parsing names each bad value; lenient parsing drops only those", () => {
    const input = { kind: "fax", inbox: "-3", from: "2026-13-01", tz: "Nowhere/City", direction: "outgoing", recording: "maybe" };
    const strict = parseTimelineQueryStrict(input);
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.issues.map((i) => i.split(":")[0])).toEqual(["inbox", "kind", "recording", "from", "tz"]);
    expect(parseTimelineQueryLenient(input)).toEqual({ direction: "outgoing" });
  });

  it("cuts a long search and drops control characters instead of failing", () => {
    const query = parseTimelineQueryLenient({ q: `\u0000leak${"x".repeat(10_000)}` });
    expect(query.q).toHaveLength(200);
    expect(query.q!.startsWith("leak")).toBe(true);
  });

  it("writes a query back in a stable order, leaving out defaults", () => {
    const query = parseTimelineQueryLenient({ status: "missed", q: "roof", recording: "1", media: "0", cursor: "abc" });
    expect(timelineSearchParams(query).toString()).toBe("q=roof&status=missed&recording=1&cursor=abc");
    expect(timelineSearchParams(query, { cursor: undefined, kind: "call" }).toString()).toBe("q=roof&kind=call&status=missed&recording=1");
  });
});

describe("cursors", () => {
  it("round-trip, and are opaque URL-safe strings", () => {
    const time = { kind: "time" as const, occurredAt: new Date("2026-05-04T18:00:00.123Z"), id: 42 };
    const encoded = encodeTimelineCursor(time);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeTimelineCursor(encoded)).toEqual(time);
    const rank = { kind: "rank" as const, offset: 50, maxId: 9000 };
    expect(decodeTimelineCursor(encodeTimelineCursor(rank))).toEqual(rank);
  });

  it("anything else decodes to null", () => {
    for (const bad of [undefined, "", "!!", "e30", "WyJ0IiwieCIsMV0", "WyJ0IiwiMjAyNi0wNS0wNFQxODowMDowMC4wMDBaIiwwXQ", "WyJyIiwtMSwxXQ", "a".repeat(600)]) {
      expect(decodeTimelineCursor(bad), String(bad)).toBeNull();
    }
  });
});

describe("time zones", () => {
  it("finds a day's start in a zone, across daylight saving changes", () => {
    expect(startOfDayInZone("2026-05-04", "UTC").toISOString()).toBe("2026-05-04T00:00:00.000Z");
    expect(startOfDayInZone("2026-05-04", "America/Los_Angeles").toISOString()).toBe("2026-05-04T07:00:00.000Z");
    expect(startOfDayInZone("2026-01-15", "America/Los_Angeles").toISOString()).toBe("2026-01-15T08:00:00.000Z");
    // DST starts on 2026-03-08 in the US (at 02:00): that day starts at 05:00 UTC (EST), the next at 04:00 (EDT).
    expect(startOfDayInZone("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(startOfDayInZone("2026-03-09", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(startOfDayInZone("2026-05-04", "Asia/Kolkata").toISOString()).toBe("2026-05-03T18:30:00.000Z");
    expect(zoneOffsetMinutes(new Date("2026-05-04T12:00:00Z"), "Asia/Kathmandu")).toBe(345);
  });

  it("resolves from/to into an inclusive-exclusive range in the query's zone", () => {
    const filters = resolveFilters({ from: "2026-05-01", to: "2026-05-04", tz: "Europe/Paris" }, "UTC");
    expect(filters.since?.toISOString()).toBe("2026-04-30T22:00:00.000Z");
    expect(filters.until?.toISOString()).toBe("2026-05-04T22:00:00.000Z");
    expect(resolveFilters({ from: "2026-05-01" }, "America/Chicago").since?.toISOString()).toBe("2026-05-01T05:00:00.000Z");
  });

  it("reads the viewer's zone from the cookie, falling back to UTC", () => {
    expect(viewerTimeZone("America%2FDenver")).toBe("America/Denver");
    expect(viewerTimeZone("Not/AZone")).toBe("UTC");
    expect(viewerTimeZone("%E0%A4%A")).toBe("UTC");
    expect(viewerTimeZone(undefined)).toBe("UTC");
    expect(dayInZone(new Date("2026-05-04T02:00:00Z"), "America/Los_Angeles")).toBe("2026-05-03");
  });
});

describe("search input", () => {
  it("quotes every token for FTS5, the last one as a prefix", () => {
    expect(ftsMatchExpression("roof leak")).toBe('"roof" "leak"*');
    expect(ftsMatchExpression('say "hi" NEAR(a b) -x *')).toBe('"say" """hi""" "NEAR(a" "b)" "-x"*');
    expect(ftsMatchExpression("  * - ( ")).toBeNull();
    expect(ftsMatchExpression("x ".repeat(100))!.split(" ")).toHaveLength(16);
  });

  it("recognises phone numbers however they are typed", () => {
    expect(phoneDigits("415 555 0123")).toBe("4155550123");
    expect(phoneDigits("+1 (415) 555-0123")).toBe("14155550123");
    expect(phoneDigits("12")).toBeNull();
    expect(phoneDigits("call 415")).toBeNull();
  });

  it("name tokens and LIKE patterns escape wildcards", () => {
    expect(nameTokens("Alice  O'Brien a")).toEqual(["Alice", "O'Brien"]);
    expect(containsPattern("50%_off\\")).toBe("%50\\%\\_off\\\\%");
  });

  it("splits highlighted snippets into parts, tolerating stray markers", () => {
    expect(splitHighlights(`a ${HIGHLIGHT_START}leak${HIGHLIGHT_END} b`)).toEqual([
      { text: "a ", highlighted: false },
      { text: "leak", highlighted: true },
      { text: " b", highlighted: false },
    ]);
    expect(splitHighlights(`${HIGHLIGHT_END}x${HIGHLIGHT_START}y`)).toEqual([
      { text: "x", highlighted: false },
      { text: "y", highlighted: true },
    ]);
    expect(tidySnippet(`Call me ${HIGHLIGHT_START}back${HIGHLIGHT_END} +14155550123 +16505550100`)).toBe(`Call me ${HIGHLIGHT_START}back${HIGHLIGHT_END}`);
  });
});
