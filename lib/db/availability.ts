/**
 * This process's view of whether its database takes writes. A write that failed because the
 * database was unreachable or locked holds further attempts off for a moment: deliveries answer 503
 * at once instead of queueing behind the driver (better-sqlite3 waits out its busy timeout on the
 * event loop, so a queue of them would stall every request), and /api/health reports the outage
 * even when its `SELECT 1` still works (SQLite with the write lock held elsewhere). The first
 * attempt after the hold probes again; a success ends the outage.
 */
export type DatabaseAvailability = {
  markUnavailable: (nowMs: number) => void;
  markAvailable: () => void;
  /** Within the hold after a failure: do not try the database now. */
  isHeldOff: (nowMs: number) => boolean;
  /** The last write failed (within `windowMs`) and none succeeded since. */
  isDown: (nowMs: number, windowMs?: number) => boolean;
};

export const AVAILABILITY_HOLD_MS = 2_000;
const DOWN_WINDOW_MS = 10_000;

export function createAvailability(holdMs = AVAILABILITY_HOLD_MS): DatabaseAvailability {
  let failedAt: number | null = null;
  return {
    markUnavailable: (nowMs) => {
      failedAt = nowMs;
    },
    markAvailable: () => {
      failedAt = null;
    },
    isHeldOff: (nowMs) => failedAt !== null && nowMs - failedAt < holdMs,
    isDown: (nowMs, windowMs = DOWN_WINDOW_MS) => failedAt !== null && nowMs - failedAt < windowMs,
  };
}

const globalForAvailability = globalThis as unknown as { __openphoneInboxAvailability?: DatabaseAvailability };

/** The one availability state of this server process (the webhook route and the health check share it). */
export function processAvailability(): DatabaseAvailability {
  globalForAvailability.__openphoneInboxAvailability ??= createAvailability();
  return globalForAvailability.__openphoneInboxAvailability;
}

/** Thrown instead of touching the database while it is held off; classified as "unavailable". */
export class DatabaseHeldOff extends Error {
  readonly code = "DATABASE_HELD_OFF";
  constructor() {
    super("database unavailable a moment ago; not retried yet");
  }
}
