import { describe, expect, it } from "vitest";
import { parseInsightsQuery, resolveInsightsRange } from "@/lib/insights/range";
import { rollupCovers } from "@/lib/insights/rollup";

const NOW = new Date("2026-03-10T12:00:00Z");
const rangeIn = (tz: string) => resolveInsightsRange(parseInsightsQuery({ range: "30d", tz }), "UTC", NOW);

describe("rollupCovers: quarter hours map to local days and hours exactly", () => {
  it.each(["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "America/St_Johns", "Australia/Lord_Howe", "Pacific/Chatham"])("in %s", (tz) => {
    expect(rollupCovers(rangeIn(tz))).toBe(true);
  });

  it("not when an edge or an offset is off the quarter hour (the charts then count from Activity)", () => {
    const range = rangeIn("UTC");
    expect(rollupCovers({ ...range, start: new Date(range.start.getTime() + 60_000) })).toBe(false);
    expect(rollupCovers({ ...range, segments: [{ from: range.previous.start, offsetSeconds: -(44 * 60 + 30) }] })).toBe(false);
    expect(rollupCovers({ ...range, segments: [...range.segments, { from: new Date(range.start.getTime() + 1000), offsetSeconds: 3600 }] })).toBe(false);
  });
});
