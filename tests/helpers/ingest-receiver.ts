import http from "node:http";
import type { AddressInfo } from "node:net";
import { ingestWebhook, type IngestDeps } from "@/lib/webhooks/ingest";
import { ingestResponseBody } from "@/lib/webhooks/response";

/** A node:http stand-in for the Next route: raw body and headers in, the app's ingestWebhook, its JSON out. */
export async function startIngestReceiver(deps: IngestDeps): Promise<{ url: string; statuses: number[]; close: () => Promise<void> }> {
  const statuses: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
      }
      ingestWebhook(deps, { headers, rawBody: new Uint8Array(Buffer.concat(chunks)), now: new Date() }).then(
        (result) => {
          statuses.push(result.httpStatus);
          res.writeHead(result.httpStatus, { "content-type": "application/json" }).end(JSON.stringify(ingestResponseBody(result)));
        },
        (error: unknown) => {
          statuses.push(500);
          res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ ok: false, error: String(error) }));
        },
      );
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/api/webhooks/openphone`, statuses, close: () => new Promise((r) => server.close(() => r())) };
}
