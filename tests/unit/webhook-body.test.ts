import { describe, expect, it } from "vitest";
import { createSlots } from "@/lib/limits/slots";
import { readWebhookBody } from "@/lib/webhooks/read-body";

/** A request whose body sends `first` and then stalls (a slow-loris sender). */
function stalledRequest(first: Uint8Array): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(first);
    },
  });
  return new Request("http://localhost/api/webhooks/openphone", { method: "POST", body, duplex: "half" } as RequestInit);
}

const options = (extra: Partial<Parameters<typeof readWebhookBody>[1]> = {}) => ({ maxBytes: 1024, deadlineMs: 10_000, slots: createSlots(4), ...extra });

describe("readWebhookBody", () => {
  it("reads a body within the cap", async () => {
    const result = await readWebhookBody(new Request("http://localhost/", { method: "POST", body: "hello" }), options());
    expect(result).toEqual({ ok: true, body: new TextEncoder().encode("hello") });
  });

  it("refuses a body over the cap, declared or streamed", async () => {
    expect(await readWebhookBody(new Request("http://localhost/", { method: "POST", body: "x".repeat(2000) }), options())).toEqual({ ok: false, reason: "too_large" });
  });

  it("gives up on a sender that stalls past the deadline", async () => {
    const started = Date.now();
    const result = await readWebhookBody(stalledRequest(new Uint8Array(10)), options({ deadlineMs: 100 }));
    expect(result).toEqual({ ok: false, reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers busy beyond the cap on concurrent unverified bodies, and frees the slot afterwards", async () => {
    const slots = createSlots(1);
    const slow = readWebhookBody(stalledRequest(new Uint8Array(10)), options({ slots, deadlineMs: 200 }));
    expect(await readWebhookBody(new Request("http://localhost/", { method: "POST", body: "hi" }), options({ slots }))).toEqual({ ok: false, reason: "busy" });
    expect(await slow).toEqual({ ok: false, reason: "timeout" });
    expect(slots.inUse).toBe(0);
    expect((await readWebhookBody(new Request("http://localhost/", { method: "POST", body: "hi" }), options({ slots }))).ok).toBe(true);
  });
});
