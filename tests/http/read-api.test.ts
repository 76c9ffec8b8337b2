import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { callEvent, fakeId, messageEvent, recordingEvent, summaryEvent, transcriptEvent } from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { request } from "../helpers/http-client";
import { TEST_SECRET } from "../helpers/ingest";

// The read API and the media proxy over HTTP against the production build: deliveries go in through
// the real webhook endpoint; media URLs point at this app's own /demo/ files and at a fake CDN.

const baseUrl = inject("baseUrl");
const staff = { Cookie: inject("cookies").staff };
const participant = `+1415${String(5_000_000 + Math.floor(Math.random() * 999_999)).padStart(7, "0")}`;
const messageId = fakeId("AC");
const callId = fakeId("AC");
const CDN_BYTES = Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 256));
let cdn: http.Server;
let cdnUrl: string;

async function deliver(payload: object) {
  const body = JSON.stringify(payload);
  const res = await request(`${baseUrl}/api/webhooks/openphone`, { method: "POST", body, headers: signedHeaders(body, { secret: TEST_SECRET }) });
  expect(res.status, res.body).toBe(200);
}

async function getJson(path: string) {
  const res = await request(baseUrl + path, { headers: staff });
  return { ...res, json: res.headers.get("content-type")?.includes("json") ? JSON.parse(res.body) : null };
}

async function getBytes(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(baseUrl + path, { headers: { ...staff, ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

beforeAll(async () => {
  // A CDN that ignores Range and always sends the whole file (the proxy must cut the slice).
  cdn = http.createServer((req, res) => {
    if (req.url === "/media/whole.mp3") {
      res.writeHead(200, { "content-type": "audio/mpeg", "content-length": String(CDN_BYTES.length) });
      res.end(CDN_BYTES);
    } else {
      res.writeHead(404).end("nope");
    }
  });
  await new Promise<void>((resolve) => cdn.listen(0, "127.0.0.1", resolve));
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;

  const workspace = { phoneNumberId: "PNhttpread1", workspaceNumber: "+16505550111" };
  await deliver(
    messageEvent({
      ...workspace,
      id: messageId,
      participant,
      text: "Photo attached",
      createdAt: new Date(Date.now() - 60_000),
      media: [
        { url: `${baseUrl}/demo/images/ceiling-stain.jpg`, type: "image/jpeg", size: 20589 },
        { url: `${cdnUrl}/media/missing.jpg`, type: "image/jpeg" },
        { url: `${cdnUrl}/media/whole.mp3`, type: "audio/mpeg" },
      ],
    }),
  );
  await deliver(callEvent({ ...workspace, id: callId, participant, createdAt: new Date(Date.now() - 30_000) }));
  await deliver(recordingEvent({ callId, url: `${baseUrl}/demo/audio/leak-inspection.mp3`, duration: 31.104, size: 62208 }));
  await deliver(summaryEvent({ callId, summary: ["Asked about a leak."], nextSteps: ["Book an inspection."], sentiment: "neutral" }));
  await deliver(
    transcriptEvent({
      callId,
      dialogue: [
        { identifier: workspace.workspaceNumber, userId: "USagent01", start: 0.4, end: 2, content: "Bay Roofing, hello." },
        { identifier: participant, userId: null, start: 2.3, end: 4, content: "Hi, I have a leak." },
      ],
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => cdn.close(resolve));
});

describe("read API", () => {
  it("needs a signed-in user", async () => {
    for (const path of [`/api/messages/${messageId}`, `/api/calls/${callId}`, "/api/conversations/1", "/api/media/attachment/1"]) {
      expect((await request(baseUrl + path)).status, path).toBe(401);
    }
  });

  it("GET /api/messages/:id: the message with proxy URLs, never the upstream ones", async () => {
    const res = await getJson(`/api/messages/${messageId}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("private");
    expect(res.json.message.text).toBe("Photo attached");
    expect(res.json.message.media.map((m: { url: string }) => m.url)).toEqual([
      expect.stringMatching(/^\/api\/media\/attachment\/\d+$/),
      expect.stringMatching(/^\/api\/media\/attachment\/\d+$/),
      expect.stringMatching(/^\/api\/media\/attachment\/\d+$/),
    ]);
    expect(res.body).not.toContain("http://");
    expect((await getJson("/api/messages/ACnosuchmessage")).status).toBe(404);
  });

  it("GET /api/calls/:id: recordings, summary and a labelled transcript", async () => {
    const res = await getJson(`/api/calls/${callId}`);
    expect(res.status).toBe(200);
    const { call } = res.json;
    expect(call.recordings).toHaveLength(1);
    expect(call.recordings[0].url).toMatch(/^\/api\/media\/recording\/\d+$/);
    expect(call.summary).toMatchObject({ lines: ["Asked about a leak."], nextSteps: ["Book an inspection."], sentiment: "neutral" });
    expect(call.transcript.segments.map((s: { role: string; start: number }) => [s.role, s.start])).toEqual([
      ["agent", 0.4],
      ["contact", 2.3],
    ]);
    expect(res.body).not.toContain("/demo/audio");
    expect((await getJson("/api/calls/ACnosuchcall")).status).toBe(404);
  });

  it("GET /api/conversations/:id: conversation, items oldest first, cursor paging, 404 and 400", async () => {
    const message = (await getJson(`/api/messages/${messageId}`)).json.message;
    const res = await getJson(`/api/conversations/${message.conversationId}?limit=1`);
    expect(res.status).toBe(200);
    expect(res.json.conversation.participant).toBe(participant);
    expect(res.json.items).toHaveLength(1);
    expect(res.json.items[0].type).toBe("call");
    const older = await getJson(`/api/conversations/${message.conversationId}?limit=1&before=${res.json.olderCursor}`);
    expect(older.json.items[0].type).toBe("message");
    expect(older.json.olderCursor).toBeNull();
    expect((await getJson("/api/conversations/99999999")).status).toBe(404);
    expect((await getJson("/api/conversations/abc")).status).toBe(404);
    expect((await getJson(`/api/conversations/${message.conversationId}?before=garbage`)).status).toBe(400);
  });
});

describe("media proxy over HTTP", () => {
  async function attachmentUrls(): Promise<string[]> {
    return (await getJson(`/api/messages/${messageId}`)).json.message.media.map((m: { url: string }) => m.url);
  }

  it("serves this app's own /demo/ file with its type, whole or by range", async () => {
    const [image] = await attachmentUrls();
    const whole = await getBytes(image!);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/jpeg");
    expect(whole.headers.get("cache-control")).toMatch(/^private/);
    expect(whole.headers.get("accept-ranges")).toBe("bytes");
    expect(whole.bytes.length).toBe(20589);
    const part = await getBytes(image!, { Range: "bytes=0-99" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 0-99/20589");
    expect(part.bytes.equals(whole.bytes.subarray(0, 100))).toBe(true);
    expect((await getBytes(image!, { Range: "bytes=999999-" })).status).toBe(416);
  });

  it("cuts a range itself when the upstream ignores Range", async () => {
    const [, , audio] = await attachmentUrls();
    const part = await getBytes(audio!, { Range: "bytes=1000-1099" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 1000-1099/${CDN_BYTES.length}`);
    expect(part.bytes.equals(CDN_BYTES.subarray(1000, 1100))).toBe(true);
  });

  it("answers 502 when the upstream fails, without naming it", async () => {
    const [, missing] = await attachmentUrls();
    const res = await request(baseUrl + missing!, { headers: staff });
    expect(res.status).toBe(502);
    expect(JSON.parse(res.body).error).toBe("upstream_error");
    expect(res.body).not.toContain("127.0.0.1");
  });

  it("streams a recording by range for the player", async () => {
    const { call } = (await getJson(`/api/calls/${callId}`)).json;
    const part = await getBytes(call.recordings[0].url, { Range: "bytes=1000-1999" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 1000-1999/62208");
    expect(part.headers.get("content-type")).toBe("audio/mpeg");
    expect(part.bytes.length).toBe(1000);
  });

  it("404 for unknown ids and kinds", async () => {
    for (const path of ["/api/media/recording/99999999", "/api/media/voicemail/0", "/api/media/other/1", "/api/media/attachment/abc"]) {
      expect((await request(baseUrl + path, { headers: staff })).status, path).toBe(404);
    }
  });
});
