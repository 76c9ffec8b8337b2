import http from "node:http";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import {
  callEvent,
  contactEvent,
  messageEvent,
  recordingEvent,
  summaryEvent,
  tokenValidatedEvent,
  transcriptEvent,
} from "@/lib/simulator/payloads";
import { signedHeaders } from "@/lib/simulator/sign";
import { TEST_SECRET } from "../helpers/ingest";

const baseUrl = inject("baseUrl");
const endpoint = `${baseUrl}/api/webhooks/openphone`;
let db: AppDatabase;

beforeAll(() => {
  db = createDatabase(inject("databaseUrl"));
});
afterAll(async () => {
  await db.prisma.$disconnect();
});

async function post(payload: object | string, options: { secret?: string; style?: "legacy" | "standard" } = {}) {
  const body = typeof payload === "string" ? payload : JSON.stringify(payload);
  const res = await fetch(endpoint, {
    method: "POST",
    headers: signedHeaders(body, { secret: options.secret ?? TEST_SECRET, style: options.style }),
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

describe("POST /api/webhooks/openphone on the production build", () => {
  it("accepts one event of every family and stores it", async () => {
    const callId = "AChttpcall01";
    const cases: [string, object][] = [
      ["message", messageEvent({ id: "AChttpmsg01", text: "hello over http" })],
      ["message (new API, standard signature)", messageEvent({ shape: "new", text: "new api over http" })],
      ["call", callEvent({ id: callId, participant: "+15550009999" })],
      ["recording", recordingEvent({ callId })],
      ["summary", summaryEvent({ callId, summary: ["Discussed the roof."] })],
      ["transcript", transcriptEvent({ callId })],
      ["contact", contactEvent({ firstName: "Ada", lastName: "Lovelace", phone: "+15550009999" })],
      ["token", tokenValidatedEvent()],
    ];
    for (const [label, payload] of cases) {
      const res = await post(payload, { style: label.includes("standard") ? "standard" : "legacy" });
      expect(res.status, label).toBe(200);
      expect(res.json, label).toMatchObject({ ok: true, status: "processed" });
      expect(res.headers.get("cache-control")).toBe("no-store");
    }
    const call = await db.prisma.call.findUniqueOrThrow({
      where: { openphoneId: callId },
      include: { recordings: true, summary: true, transcript: true },
    });
    expect(call.recordings).toHaveLength(1);
    expect(call.summary).not.toBeNull();
    expect(call.transcript).not.toBeNull();
    expect(await db.prisma.contact.findUniqueOrThrow({ where: { number: "+15550009999" } })).toMatchObject({ firstName: "Ada" });
    expect(await db.prisma.message.findUniqueOrThrow({ where: { openphoneId: "AChttpmsg01" } })).toMatchObject({ text: "hello over http" });
  });

  it("answers a redelivery with duplicate and an unknown type with ignored", async () => {
    const payload = messageEvent({ text: "twice" });
    expect((await post(payload)).json).toMatchObject({ status: "processed" });
    expect((await post(payload)).json).toMatchObject({ status: "duplicate" });
    const unknown = { id: "EVhttpunknown", object: "event", apiVersion: "v3", createdAt: new Date().toISOString(), type: "task.created", data: { object: { id: "TK1" } } };
    expect(await post(unknown)).toMatchObject({ status: 200, json: { status: "ignored" } });
  });

  it("stores a signed malformed body as invalid with 200", async () => {
    const res = await post("[1,2,3]");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "invalid" });
  });

  it("rejects a bad signature with 401 and stores nothing", async () => {
    const payload = messageEvent({ id: "AChttpbad", text: "forged" });
    const res = await post(payload, { secret: Buffer.from("not-the-configured-secret-at-all").toString("base64") });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ ok: false, error: "invalid_signature", reason: "signature_mismatch" });
    expect(await db.prisma.message.findUnique({ where: { openphoneId: "AChttpbad" } })).toBeNull();
    const unsigned = await fetch(endpoint, { method: "POST", body: JSON.stringify(payload), headers: { "content-type": "application/json" } });
    expect(unsigned.status).toBe(401);
  });

  it("refuses a body over the cap with 413, by Content-Length and when streamed without one", async () => {
    const big = JSON.stringify(messageEvent({ text: "x".repeat(70 * 1024) }));
    const declared = await fetch(endpoint, { method: "POST", headers: signedHeaders(big, { secret: TEST_SECRET }), body: big });
    expect(declared.status).toBe(413);

    // Chunked transfer encoding: no Content-Length, the server must count bytes.
    const url = new URL(endpoint);
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { ...signedHeaders(big, { secret: TEST_SECRET }), "transfer-encoding": "chunked" } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      for (let i = 0; i < big.length; i += 8192) req.write(big.slice(i, i + 8192));
      req.end();
    });
    expect(status).toBe(413);
  });

  it("only accepts POST", async () => {
    const res = await fetch(endpoint);
    expect(res.status).toBe(405);
  });
});
