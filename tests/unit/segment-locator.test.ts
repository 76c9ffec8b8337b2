import { describe, expect, it } from "vitest";
import { globalTime, locateSegment, segmentStart } from "@/components/audio/segment-locator";

describe("segment locator", () => {
  const parts = [30, 45, 20];

  it("finds the part a time on the whole recording falls in, and the seconds into it", () => {
    expect(locateSegment(parts, 0)).toEqual({ index: 0, offset: 0 });
    expect(locateSegment(parts, 29.5)).toEqual({ index: 0, offset: 29.5 });
    expect(locateSegment(parts, 30)).toEqual({ index: 1, offset: 0 });
    expect(locateSegment(parts, 80)).toEqual({ index: 2, offset: 5 });
  });

  it("clamps before the start, and lets the last part take any time past the end", () => {
    expect(locateSegment(parts, -4)).toEqual({ index: 0, offset: 0 });
    expect(locateSegment(parts, 200)).toEqual({ index: 2, offset: 125 });
  });

  it("stops at a part whose length is not known yet", () => {
    expect(locateSegment([30, 0, 20], 50)).toEqual({ index: 1, offset: 20 });
    expect(locateSegment([], 12)).toEqual({ index: 0, offset: 12 });
  });

  it("maps back: a position inside a part is its start plus the offset", () => {
    expect(segmentStart(parts, 0)).toBe(0);
    expect(segmentStart(parts, 2)).toBe(75);
    expect(globalTime(parts, { index: 1, offset: 12 })).toBe(42);
    for (const seconds of [0, 10, 30, 74.5, 75, 94]) expect(globalTime(parts, locateSegment(parts, seconds))).toBe(seconds);
  });
});
