import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifyWebhookSignature, type VerifyResult } from "@/lib/openphone/signature";

export type ReceivedDelivery = { headers: http.IncomingHttpHeaders; body: string; verdict: VerifyResult };

/** A plain HTTP endpoint that checks each delivery's signature against the given secrets. */
export async function startSignedReceiver(secrets: () => string[]): Promise<{ url: string; received: ReceivedDelivery[]; close: () => Promise<void> }> {
  const received: ReceivedDelivery[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const verdict = verifyWebhookSignature({ secrets: secrets(), headers: req.headers, rawBody: body, nowMs: Date.now() });
      received.push({ headers: req.headers, body, verdict });
      res.writeHead(verdict.ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify({ ok: verdict.ok }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/openphone`,
    received,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** Polls until `check` returns a value (or the time runs out). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 5000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 25));
  }
}
