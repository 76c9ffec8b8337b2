#!/usr/bin/env node
// The production HTTP server (`npm start`, `npm run app`): Next's request handler behind a small
// layer that decides the client's address from the socket and TRUSTED_PROXY_HOPS before Next sees
// the request (scripts/client-address.mjs). `next start` alone would let a client choose its
// X-Forwarded-For, and with it its sign-in rate-limit bucket.
import http from "node:http";
import path from "node:path";
import next from "next";
import { applyClientAddress } from "./client-address.mjs";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || 3000);
const hopsSetting = process.env.TRUSTED_PROXY_HOPS || "0";
if (!/^\d{1,2}$/.test(hopsSetting)) {
  console.error(`✖ Invalid configuration: TRUSTED_PROXY_HOPS: must be a whole number of proxies (0 without a reverse proxy)`);
  process.exit(1);
}
const hops = Number(hopsSetting);

const app = next({ dev: false, dir: root, port, hostname: "localhost" });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  applyClientAddress(req.headers, req.socket.remoteAddress, hops);
  void handle(req, res);
});
// A slow sender cannot hold a connection for Node's default 300 s (the webhook route reads its
// body with a shorter deadline of its own).
server.headersTimeout = 10_000;
server.requestTimeout = 60_000;
server.listen(port, () => console.log(`▶ Listening on port ${port}${hops ? ` behind ${hops} trusted proxy hop(s)` : ""}`));

// Stop: no new connections, let requests in flight finish (live streams are cut after 10 s; their
// browsers reconnect to another instance or after the restart).
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
