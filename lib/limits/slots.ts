/**
 * A cap on concurrent units of costly work in this process (password hashes, unverified webhook
 * bodies). Beyond the cap the caller answers "try again" at once instead of queueing, so a flood
 * cannot starve the event loop, the thread pool or the memory.
 */
export type Slots = { tryAcquire: () => (() => void) | null; readonly inUse: number };

export function createSlots(capacity: number): Slots {
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
    get inUse() {
      return inUse;
    },
  };
}
