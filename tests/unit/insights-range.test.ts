import { describe, expect, it } from "vitest";
import { insightsSearchParams, parseInsightsQuery, resolveInsightsRange } from "@/lib/insights/range";
import { offsetSegments } from "@/lib/insights/zone-offsets";

const NOW = new Date("2026-03-10T03:30:00Z"); // Monday 23:30 in New York, Tuesday in UTC

describe("insights ranges", () => {
  it("resolves presets to whole local days ending today in the viewer's zone", () => {
    const week = resolveInsightsRange(parseInsightsQuery({}), "America/New_York", NOW);
    expect(week).toMatchObject({ preset: "7d", from: "2026-03-03", to: "2026-03-09" });
    expect(week.days).toHaveLength(7);
    expect(week.start.toISOString()).toBe("2026-03-03T05:00:00.000Z");
    expect(week.end.toISOString()).toBe("2026-03-10T04:00:00.000Z"); // EDT by then
    expect(week.previous.start.toISOString()).toBe("2026-02-24T05:00:00.000Z");
    expect(resolveInsightsRange(parseInsightsQuery({ range: "today" }), "UTC", NOW)).toMatchObject({ from: "2026-03-10", to: "2026-03-10" });
    expect(resolveInsightsRange(parseInsightsQuery({ range: "30d" }), "UTC", NOW).days).toHaveLength(30);
  });

  it("falls back to the default on unusable values and caps custom ranges", () => {
    expect(resolveInsightsRange(parseInsightsQuery({ range: "nope", number: "x" }), "UTC", NOW)).toMatchObject({ preset: "7d", phoneNumberId: null });
    expect(resolveInsightsRange(parseInsightsQuery({ range: "custom" }), "UTC", NOW)).toMatchObject({ preset: "7d" });
    expect(resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2026-03-05", to: "2026-03-01" }), "UTC", NOW)).toMatchObject({ from: "2026-03-05", to: "2026-03-05" });
    expect(resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2024-01-01", to: "2026-01-01" }), "UTC", NOW).days).toHaveLength(366);
    expect(resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2026-02-30" }), "UTC", NOW).preset).toBe("7d");
  });

  it("writes only what differs from the default into links", () => {
    const range = resolveInsightsRange(parseInsightsQuery({ range: "custom", from: "2026-03-01", to: "2026-03-02", number: "2" }), "UTC", NOW);
    expect(insightsSearchParams(range).toString()).toBe("range=custom&from=2026-03-01&to=2026-03-02&number=2");
    expect(insightsSearchParams(resolveInsightsRange(parseInsightsQuery({}), "UTC", NOW)).toString()).toBe("");
  });
});

describe("zone offset segments", () => {
  it("finds the exact second daylight saving starts and ends", () => {
    expect(offsetSegments(new Date("2026-03-07T05:00:00Z"), new Date("2026-03-10T04:00:00Z"), "America/New_York")).toEqual([
      { from: new Date("2026-03-07T05:00:00Z"), offsetSeconds: -5 * 3600 },
      { from: new Date("2026-03-08T07:00:00Z"), offsetSeconds: -4 * 3600 },
    ]);
    expect(offsetSegments(new Date("2026-10-20T00:00:00Z"), new Date("2026-10-30T00:00:00Z"), "Europe/Berlin")).toEqual([
      { from: new Date("2026-10-20T00:00:00Z"), offsetSeconds: 7200 },
      { from: new Date("2026-10-25T01:00:00Z"), offsetSeconds: 3600 },
    ]);
  });

  it("keeps a single segment for zones without changes, half-hour offsets included", () => {
    expect(offsetSegments(new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z"), "Asia/Kolkata")).toEqual([
      { from: new Date("2026-03-01T00:00:00Z"), offsetSeconds: 19_800 },
    ]);
  });
});
