import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { verifyWebhookSignature } from "@/lib/openphone/signature";
import { mediaBaseUrlFor, parseSimulateArgs } from "@/lib/simulator/cli-options";
import { ProgressReporter, formatFailures, formatSummaryTable } from "@/lib/simulator/report";
import { buildScenario } from "@/lib/simulator/scenarios";
import { percentile, sendDeliveries, summarizeResults, type DeliveryResult } from "@/lib/simulator/send";

const SECRET = Buffer.from("simulator-send-test-signing-key!").toString("base64");
const deliveries = buildScenario("all", { now: new Date(), mediaBaseUrl: "http://localhost" }).deliveries;

type Handler = (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void | Promise<void>;
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: Handler): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => void handler(req, Buffer.concat(chunks).toString("utf8"), res));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/openphone`;
}

const json = (res: http.ServerResponse, status: number, body: object) => {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
};
const noSleep = async () => {};

describe("sendDeliveries", () => {
  it("posts each exact body signed for its scheme, and reads the receiver's status", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const url = await serve((req, body, res) => {
      received.push({ headers: req.headers, body });
      json(res, 200, { ok: true, status: "processed", eventId: (JSON.parse(body) as { id: string }).id });
    });
    const { results } = await sendDeliveries(deliveries.slice(0, 6), { url, secret: SECRET });
    expect(results.map((r) => [r.httpStatus, r.status, r.attempts])).toEqual(deliveries.slice(0, 6).map(() => [200, "processed", 1]));
    expect(received.map((r) => r.body).sort()).toEqual(deliveries.slice(0, 6).map((d) => d.body).sort());
    for (const { headers, body } of received) {
      expect(headers["content-type"]).toBe("application/json");
      const verdict = verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: body, nowMs: Date.now() });
      expect(verdict.ok).toBe(true);
    }
  });

  it("sends Standard Webhooks deliveries with the delivery's stable webhook-id", async () => {
    const newShape = buildScenario("all", { now: new Date(), mediaBaseUrl: "http://localhost", shape: "new" }).deliveries.slice(0, 2);
    const ids: string[] = [];
    const url = await serve((req, _body, res) => {
      ids.push(String(req.headers["webhook-id"]));
      json(res, 200, { ok: true, status: "processed" });
    });
    await sendDeliveries(newShape, { url, secret: SECRET, concurrency: 1 });
    expect(ids).toEqual(newShape.map((d) => d.deliveryId));
  });

  it("never has more than `concurrency` deliveries in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const url = await serve(async (_req, _body, res) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 15));
      inFlight -= 1;
      json(res, 200, { ok: true, status: "processed" });
    });
    await sendDeliveries(deliveries.slice(0, 12), { url, secret: SECRET, concurrency: 3 });
    expect(most).toBe(3);
  });

  it("retries a delivery whose connection dropped, with a fresh signature", async () => {
    const seen = new Map<string, number>();
    const url = await serve((req, body, res) => {
      const n = (seen.get(body) ?? 0) + 1;
      seen.set(body, n);
      if (n === 1) return void req.socket.destroy();
      json(res, 200, { ok: true, status: "processed" });
    });
    const { results } = await sendDeliveries(deliveries.slice(0, 2), { url, secret: SECRET, sleep: noSleep });
    expect(results.map((r) => [r.httpStatus, r.attempts])).toEqual([
      [200, 2],
      [200, 2],
    ]);
    expect(summarizeResults(results, 10)).toMatchObject({ retries: 2, unexpected: 0, networkErrors: 0 });
  });

  it("does not retry an HTTP error: it is the receiver's verdict", async () => {
    let calls = 0;
    const url = await serve((_req, _body, res) => {
      calls += 1;
      json(res, 401, { ok: false, error: "invalid_signature", reason: "signature_mismatch" });
    });
    const { results } = await sendDeliveries(deliveries.slice(0, 1), { url, secret: SECRET, sleep: noSleep });
    expect(calls).toBe(1);
    expect(results[0]).toMatchObject({ httpStatus: 401, status: null, detail: "invalid_signature: signature_mismatch", attempts: 1 });
    expect(formatFailures(results)).toContain("hint: every signature was rejected");
  });

  it("gives up after the retries when nothing answers", async () => {
    const url = await serve((_req, _body, res) => json(res, 200, {}));
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const { results } = await sendDeliveries(deliveries.slice(0, 1), { url, secret: SECRET, retries: 2, sleep: noSleep });
    expect(results[0]).toMatchObject({ httpStatus: null, attempts: 3, latencyMs: null });
    expect(results[0]!.detail).toMatch(/ECONNREFUSED|fetch failed/);
    expect(summarizeResults(results, 1)).toMatchObject({ networkErrors: 1, unexpected: 1 });
  });
});

describe("summarizeResults", () => {
  const result = (httpStatus: number | null, status: string | null, latencyMs: number | null): DeliveryResult => ({
    index: 0,
    label: "x",
    eventId: "EVx",
    httpStatus,
    status,
    detail: null,
    latencyMs,
    attempts: 1,
  });

  it("counts outcomes, non-2xx by code, latency percentiles, and what was unexpected", () => {
    const results = [
      result(200, "processed", 10),
      result(200, "processed", 20),
      result(200, "duplicate", 30),
      result(200, "ignored", 40),
      result(200, "invalid", 50),
      result(401, null, 5),
      result(500, null, 60),
      result(500, null, 70),
      result(null, null, null),
    ];
    const summary = summarizeResults(results, 2000);
    expect(summary).toMatchObject({
      sent: 9,
      ok: 5,
      processed: 2,
      duplicate: 1,
      ignored: 1,
      invalid: 1,
      non2xx: { "401": 1, "500": 2 },
      networkErrors: 1,
      unexpected: 5,
      latencyMs: { p50: 30, p99: 70, max: 70 },
      perSecond: 4.5,
    });
    const table = formatSummaryTable(summary);
    expect(table).toMatch(/non-2xx\s+3 \(401: 1, 500: 2\)/);
    expect(table).toMatch(/latency p99\s+70 ms/);
  });

  it("percentile is nearest-rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile(Array.from({ length: 100 }, (_, i) => i + 1), 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
  });
});

describe("ProgressReporter", () => {
  const ok = { index: 0, label: "x", eventId: "EVx", httpStatus: 200, status: "processed", detail: null, latencyMs: 1, attempts: 1 };

  it("rewrites one line on a terminal", () => {
    let out = "";
    const progress = new ProgressReporter({ write: (t) => (out += t), isTTY: true }, 2, { clock: () => 0 });
    progress.update(ok, 1);
    progress.update({ ...ok, status: "duplicate" }, 2);
    expect(out).toContain("\r");
    expect(out.endsWith("sent 2/2  ok 2  duplicate 1  failed 0  0/s\n")).toBe(true);
  });

  it("prints plain periodic lines otherwise", () => {
    const lines: string[] = [];
    let now = 0;
    const progress = new ProgressReporter({ write: (t) => lines.push(t) }, 4, { clock: () => now, intervalMs: 1000 });
    progress.update(ok, 1);
    now = 500;
    progress.update(ok, 2);
    now = 1500;
    progress.update({ ...ok, httpStatus: 401, status: null }, 3);
    now = 1600;
    progress.update(ok, 4);
    expect(lines.every((l) => !l.includes("\r") && l.endsWith("\n"))).toBe(true);
    expect(lines.map((l) => l.trim().split("  ")[0])).toEqual(["sent 1/4", "sent 3/4", "sent 4/4"]);
    expect(lines.at(-1)).toContain("failed 1");
  });
});

describe("parseSimulateArgs", () => {
  const env = { WEBHOOK_BASE_URL: "https://inbox.example.com/", OPENPHONE_WEBHOOK_SIGNING_KEY: `${SECRET}, ${Buffer.from("a second, rotated signing key").toString("base64")}`, APP_SECRET_FILE: "/nonexistent/never-created" };

  it("takes the URL and the first signing secret from the app's configuration", () => {
    const parsed = parseSimulateArgs(["full"], env);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        mode: "full",
        url: "https://inbox.example.com/api/webhooks/openphone",
        mediaBaseUrl: "https://inbox.example.com",
        secret: SECRET,
        shape: undefined,
        count: 1,
        concurrency: 8,
        shuffle: false,
        duplicates: undefined,
        seed: "bay-roofing",
        json: false,
      },
    });
  });

  it("defaults to localhost on the app's port", () => {
    expect(parseSimulateArgs(["ai"], { OPENPHONE_WEBHOOK_SIGNING_KEY: SECRET, PORT: "4123", APP_SECRET_FILE: "/nonexistent/x" })).toMatchObject({
      ok: true,
      options: { url: "http://localhost:4123/api/webhooks/openphone", mediaBaseUrl: "http://localhost:4123" },
    });
  });

  it("flags override the configuration", () => {
    const parsed = parseSimulateArgs(
      ["media", "--url", "http://127.0.0.1:9/hook", "--secret", "c2VjcmV0", "--shape", "new", "--count", "3", "--concurrency", "20", "--shuffle", "--duplicates", "0.2", "--seed", "s1", "--json"],
      {},
    );
    expect(parsed).toMatchObject({
      ok: true,
      options: { mode: "media", url: "http://127.0.0.1:9/hook", mediaBaseUrl: "http://127.0.0.1:9", secret: "c2VjcmV0", shape: "new", count: 3, concurrency: 20, shuffle: true, duplicates: 0.2, seed: "s1", json: true },
    });
  });

  it("explains a missing secret", () => {
    const parsed = parseSimulateArgs(["full"], { APP_SECRET_FILE: "/nonexistent/x" });
    expect(parsed).toMatchObject({ ok: false, usage: false });
    expect(!parsed.ok && parsed.message).toMatch(/OPENPHONE_WEBHOOK_SIGNING_KEY.*--secret/);
  });

  it.each([
    [[], /Missing <mode>/],
    [["everything"], /Unknown mode "everything"/],
    [["full", "ai"], /Expected one mode/],
    [["full", "--shape", "xml"], /--shape must be one of app, api, new/],
    [["full", "--count", "0"], /--count/],
    [["full", "--concurrency", "2.5"], /--concurrency/],
    [["full", "--duplicates", "1.5"], /--duplicates/],
    [["full", "--url", "localhost:3000"], /not an absolute URL|http/],
    [["full", "--bogus"], /Unknown option/],
  ])("rejects %j", (argv, message) => {
    const parsed = parseSimulateArgs(argv, { OPENPHONE_WEBHOOK_SIGNING_KEY: SECRET, APP_SECRET_FILE: "/nonexistent/x" });
    expect(parsed).toMatchObject({ ok: false, usage: true });
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it("--help needs no configuration", () => {
    expect(parseSimulateArgs(["--help"], {})).toEqual({ ok: true, help: true });
  });

  it("media URLs keep the app's path prefix", () => {
    expect(mediaBaseUrlFor(new URL("https://x.test/inbox/api/webhooks/openphone/"))).toBe("https://x.test/inbox");
    expect(mediaBaseUrlFor(new URL("https://x.test:8443/hooks/openphone"))).toBe("https://x.test:8443");
  });
});
