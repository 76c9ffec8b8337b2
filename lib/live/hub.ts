import { EventEmitter } from "node:events";

/** What subscribers hear: ids only, never message text or numbers (the page re-reads what it shows). */
export type LiveEvent =
  | { type: "activity"; ids: number[] }
  /** The cross-instance feed reconnected: events may have been missed, so clients re-check. */
  | { type: "resync" };

export type LiveHub = {
  emit: (event: LiveEvent) => void;
  subscribe: (listener: (event: LiveEvent) => void) => () => void;
  listenerCount: () => number;
};

/** An in-process fan-out: every SSE stream of this process subscribes here. */
export function createLiveHub(): LiveHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0); // one listener per open browser tab
  return {
    emit: (event) => {
      emitter.emit("event", event);
    },
    subscribe: (listener) => {
      // A throwing subscriber (a closed stream) must not stop the others.
      const safe = (event: LiveEvent) => {
        try {
          listener(event);
        } catch {
          // ignored: the stream cleans itself up on abort
        }
      };
      emitter.on("event", safe);
      return () => emitter.off("event", safe);
    },
    listenerCount: () => emitter.listenerCount("event"),
  };
}

const globalForHub = globalThis as unknown as { __openphoneInboxLiveHub?: LiveHub };

/** The hub of this process (survives dev hot reloads). */
export function processHub(): LiveHub {
  globalForHub.__openphoneInboxLiveHub ??= createLiveHub();
  return globalForHub.__openphoneInboxLiveHub;
}
