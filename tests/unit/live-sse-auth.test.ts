import { describe, expect, it } from "vitest";
import { createLiveHub } from "@/lib/live/hub";
import { liveEventStream } from "@/lib/live/sse";

describe("SSE stream and the session behind it", () => {
  it("re-checks the session on each heartbeat and ends the stream once it is gone", async () => {
    const hub = createLiveHub();
    let valid = true;
    let checks = 0;
    const stream = liveEventStream(hub, new AbortController().signal, {
      heartbeatMs: 20,
      stillAuthorized: async () => {
        checks++;
        return valid;
      },
    });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: heartbeat")) text += decoder.decode((await reader.read()).value);
    expect(checks).toBeGreaterThanOrEqual(1);
    valid = false;
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
    }
    expect(hub.listenerCount()).toBe(0);
  });

  it("a failing check (database down) does not end the stream", async () => {
    const hub = createLiveHub();
    const stream = liveEventStream(hub, new AbortController().signal, {
      heartbeatMs: 10,
      maxStreamMs: 200,
      stillAuthorized: async () => {
        throw new Error("db down");
      },
    });
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let heartbeats = 0;
    while (heartbeats < 3) heartbeats += (decoder.decode((await reader.read()).value).match(/event: heartbeat/g) ?? []).length;
    expect(hub.listenerCount()).toBe(1);
    await reader.cancel();
  });
});
