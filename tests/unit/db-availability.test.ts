import { describe, expect, it } from "vitest";
import { createAvailability } from "@/lib/db/availability";
import { classifyDbError } from "@/lib/webhooks/db-errors";
import { DatabaseHeldOff } from "@/lib/db/availability";

describe("database availability", () => {
  it("holds attempts off for a moment after a failed write, then lets one probe", () => {
    const availability = createAvailability(1_000);
    expect(availability.isHeldOff(0)).toBe(false);
    availability.markUnavailable(10_000);
    expect(availability.isHeldOff(10_500)).toBe(true);
    expect(availability.isHeldOff(11_000)).toBe(false);
    expect(availability.isDown(11_000)).toBe(true);
  });

  it("a success ends the outage at once", () => {
    const availability = createAvailability(1_000);
    availability.markUnavailable(10_000);
    availability.markAvailable();
    expect(availability.isHeldOff(10_100)).toBe(false);
    expect(availability.isDown(10_100)).toBe(false);
  });

  it("stops reporting the database down when nothing has tried it for a while", () => {
    const availability = createAvailability(1_000);
    availability.markUnavailable(10_000);
    expect(availability.isDown(19_000)).toBe(true);
    expect(availability.isDown(20_001)).toBe(false);
  });

  it("a held-off attempt counts as the database being unavailable (503, retried)", () => {
    expect(classifyDbError(new DatabaseHeldOff())).toBe("unavailable");
  });
});
