import { describe, expect, it } from "vitest";
import { createRateLimiter } from "@/lib/openphone/api/rate-limiter";
import { parseRetryAfter } from "@/lib/openphone/api/transport";

describe("rate limiter (virtual clock)", () => {
  it("starts at most 10 requests in any one-second window, evenly spaced, in call order", async () => {
    let clock = 0;
    const limiter = createRateLimiter({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    const starts: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        limiter.acquire().then(() => {
          starts.push(clock);
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
    for (const t of starts) expect(starts.filter((s) => s >= t && s < t + 1000).length).toBeLessThanOrEqual(10);
    // 100 requests take about 10 seconds, not much more.
    expect(starts.at(-1)!).toBeLessThan(100 * 106);
    expect(starts.at(-1)!).toBeGreaterThanOrEqual(99 * 100);
  });

  it("lets a single request through at once", async () => {
    let clock = 5000;
    const limiter = createRateLimiter({ now: () => clock, sleep: async (ms) => void (clock += ms) });
    await limiter.acquire();
    expect(clock).toBe(5000);
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates, ignores junk", () => {
    expect(parseRetryAfter("3", 0)).toBe(3000);
    expect(parseRetryAfter("0.5", 0)).toBe(500);
    expect(parseRetryAfter("Wed, 02 Dec 2026 10:00:05 GMT", Date.parse("2026-12-02T10:00:00Z"))).toBe(5000);
    expect(parseRetryAfter("Wed, 02 Dec 2026 09:00:00 GMT", Date.parse("2026-12-02T10:00:00Z"))).toBe(0);
    expect(parseRetryAfter("soon", 0)).toBeNull();
    expect(parseRetryAfter(null, 0)).toBeNull();
  });
});
