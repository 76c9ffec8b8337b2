/**
 * OpenPhone allows 10 requests per second per API key. This limiter is a token bucket of depth
 * one refilled every window/limit (105 ms): requests start evenly spaced, never in bursts, so
 * uneven network delays cannot squeeze 11 arrivals into one second. It also keeps the start times
 * of the last `limit` requests as a hard cap per window. It is per process: several app instances
 * share nothing.
 */
export type RateLimiter = { acquire: () => Promise<void> };

export function createRateLimiter(options: {
  limit?: number;
  windowMs?: number;
  marginMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
} = {}): RateLimiter {
  const limit = options.limit ?? 10;
  const windowMs = (options.windowMs ?? 1000) + (options.marginMs ?? 50);
  const spacingMs = windowMs / limit;
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const starts: number[] = [];
  // Callers queue in order: each waits for the previous one's slot decision.
  let queue: Promise<void> = Promise.resolve();

  async function takeSlot(): Promise<void> {
    for (;;) {
      const t = now();
      while (starts.length > 0 && t - (starts[0] as number) >= windowMs) starts.shift();
      const oldest = starts[0];
      const latest = starts[starts.length - 1];
      const spacingWait = latest === undefined ? 0 : spacingMs - (t - latest);
      const windowWait = oldest === undefined || starts.length < limit ? 0 : windowMs - (t - oldest);
      const wait = Math.max(spacingWait, windowWait);
      if (wait <= 0) {
        starts.push(t);
        return;
      }
      await sleep(wait);
    }
  }

  return {
    acquire() {
      const slot = queue.then(takeSlot);
      queue = slot.catch(() => undefined);
      return slot;
    },
  };
}

const shared = new Map<string, RateLimiter>();

/** The limiter of one API key in this process, shared by every client built for that key. */
export function sharedRateLimiter(apiKey: string): RateLimiter {
  let limiter = shared.get(apiKey);
  if (!limiter) {
    limiter = createRateLimiter();
    shared.set(apiKey, limiter);
  }
  return limiter;
}
