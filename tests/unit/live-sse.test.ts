import { describe, expect, it } from "vitest";
import { createLiveHub } from "@/lib/live/hub";
import { liveEventStream } from "@/lib/live/sse";

async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, done: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!done(text)) {
    const chunk = await reader.read();
    if (chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

describe("SSE stream of live events", () => {
  it("starts with retry + ready, forwards activity ids, sends heartbeats, and cleans up on abort", async () => {
    const hub = createLiveHub();
    const abort = new AbortController();
    const stream = liveEventStream(hub, abort.signal, { heartbeatMs: 30, now: () => 1 });
    const reader = stream.getReader();
    const start = await readUntil(reader, (t) => t.includes("event: ready"));
    expect(start).toMatch(/^retry: \d+\n\n/);
    expect(hub.listenerCount()).toBe(1);

    hub.emit({ type: "activity", ids: [41, 42] });
    expect(await readUntil(reader, (t) => t.includes("event: activity"))).toContain('event: activity\ndata: {"ids":[41,42]}\n\n');
    hub.emit({ type: "resync" });
    expect(await readUntil(reader, (t) => t.includes("event: resync"))).toContain("event: resync\ndata: {}\n\n");
    expect(await readUntil(reader, (t) => t.includes("event: heartbeat"))).toContain('event: heartbeat\ndata: {"t":1}\n\n');

    abort.abort();
    expect((await reader.read()).done).toBe(true);
    expect(hub.listenerCount()).toBe(0);
  });

  it("ends after its maximum lifetime so the client reconnects and is authenticated again", async () => {
    const hub = createLiveHub();
    const stream = liveEventStream(hub, new AbortController().signal, { heartbeatMs: 10_000, maxStreamMs: 40 });
    const reader = stream.getReader();
    await readUntil(reader, (t) => t.includes("event: ready"));
    expect(hub.listenerCount()).toBe(1);
    expect((await reader.read()).done).toBe(true);
    expect(hub.listenerCount()).toBe(0);
  });

  it("a request aborted before the stream starts subscribes nothing", async () => {
    const hub = createLiveHub();
    const abort = new AbortController();
    abort.abort();
    const reader = liveEventStream(hub, abort.signal).getReader();
    expect((await reader.read()).done).toBe(true);
    expect(hub.listenerCount()).toBe(0);
  });

  it("drops a client that stopped reading instead of queueing without bound", async () => {
    const hub = createLiveHub();
    liveEventStream(hub, new AbortController().signal, { heartbeatMs: 10_000 });
    expect(hub.listenerCount()).toBe(1);
    for (let i = 0; i < 400; i++) hub.emit({ type: "activity", ids: [i] });
    expect(hub.listenerCount()).toBe(0);
  });

  it("one failing subscriber does not stop the others", () => {
    const hub = createLiveHub();
    const heard: number[] = [];
    hub.subscribe(() => {
      throw new Error("closed stream");
    });
    hub.subscribe((e) => heard.push(e.type === "activity" ? e.ids[0]! : -1));
    hub.emit({ type: "activity", ids: [7] });
    expect(heard).toEqual([7]);
  });
});
