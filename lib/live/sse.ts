import type { LiveEvent, LiveHub } from "./hub";

export const HEARTBEAT_MS = 20_000;
/** How long the browser waits before reconnecting after the stream drops. */
export const RETRY_MS = 3_000;
/**
 * A stream ends after this long; the browser reconnects (EventSource does so by itself) and the
 * route authenticates again, so a revoked token or deactivated user stops receiving within it.
 */
export const MAX_STREAM_MS = 10 * 60_000;
/** Chunks queued for a client that stopped reading; beyond this the stream is dropped. */
const MAX_QUEUED_CHUNKS = 256;

const encoder = new TextEncoder();

export function sseFrame(event: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * A Server-Sent Events stream of the hub's events plus a heartbeat (which also lets proxies and the
 * browser notice a dead connection). Ends when the client goes away (`signal`) or, checked on each
 * heartbeat, when its session or token no longer authorizes it.
 */
export function liveEventStream(
  hub: LiveHub,
  signal: AbortSignal,
  options: {
    heartbeatMs?: number;
    maxStreamMs?: number;
    now?: () => number;
    /** Checked on each heartbeat: false (signed out, session expired, user deactivated) ends the stream. */
    stillAuthorized?: () => Promise<boolean>;
  } = {},
): ReadableStream<Uint8Array> {
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const maxStreamMs = options.maxStreamMs ?? MAX_STREAM_MS;
  const now = options.now ?? Date.now;
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (chunk: Uint8Array) => {
        if (closed) return;
        if ((controller.desiredSize ?? 0) < -MAX_QUEUED_CHUNKS) return cleanup();
        try {
          controller.enqueue(chunk);
        } catch {
          cleanup();
        }
      };
      const unsubscribe = hub.subscribe((event: LiveEvent) => {
        send(event.type === "activity" ? sseFrame("activity", { ids: event.ids }) : sseFrame("resync", {}));
      });
      const heartbeat = setInterval(() => {
        send(sseFrame("heartbeat", { t: now() }));
        // A failed check (database briefly down) keeps the stream; MAX_STREAM_MS bounds it anyway.
        options.stillAuthorized?.().then(
          (authorized) => authorized || cleanup(),
          () => undefined,
        );
      }, heartbeatMs);
      const lifetime = setTimeout(() => cleanup(), maxStreamMs);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      if (signal.aborted) return cleanup();
      send(encoder.encode(`retry: ${RETRY_MS}\n\n`));
      send(sseFrame("ready", { t: now() }));
    },
    cancel() {
      cleanup();
    },
  });
}
