/**
 * A cap on concurrent password hashes in this process. Each scrypt hash takes 128 MiB and a
 * thread-pool thread for a few hundred ms; unbounded, a flood of sign-ins would starve the event
 * loop and the memory. Beyond the cap a sign-in is answered "try again" at once instead of queued.
 */
export type HashSlots = { tryAcquire: () => (() => void) | null };

export function createHashSlots(capacity: number): HashSlots {
  let inUse = 0;
  return {
    tryAcquire() {
      if (inUse >= capacity) return null;
      inUse++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        inUse--;
      };
    },
  };
}

export const MAX_CONCURRENT_PASSWORD_HASHES = 2;

/** The process-wide slots used by sign-in. */
export const passwordHashSlots = createHashSlots(MAX_CONCURRENT_PASSWORD_HASHES);
