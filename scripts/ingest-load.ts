// The ingest benchmark's load generator, run by scripts/bench-ingest.ts as a separate process so it
// does not share the measuring process's event loop. autocannon sends the deliveries of a JSON file
// (one body per request, in order), signing each one as it goes out so that no signature goes
// stale during a long run, and prints one JSON summary line on stdout.
// Usage: tsx scripts/ingest-load.ts <job.json>
import fs from "node:fs";
import autocannon from "autocannon";
import { signedHeaders } from "../lib/simulator/sign";
import type { LoadJob, LoadSummary } from "../lib/bench/ingest-load-types";

const job = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as LoadJob;
const url = new URL(job.url);
let next = 0;

const result = await autocannon({
  url: url.origin,
  connections: job.connections,
  amount: job.bodies.length,
  timeout: job.timeoutSeconds,
  requests: [
    {
      method: "POST",
      path: url.pathname,
      // One delivery per request, shared by all connections; past the end (autocannon builds one
      // request ahead per connection) it wraps around, and those requests are never sent.
      setupRequest: (request) => {
        const body = job.bodies[next++ % job.bodies.length]!;
        return { ...request, body, headers: { ...signedHeaders(body, { secret: job.secret }), ...job.headers } };
      },
    },
  ],
});

const byStatus: Record<string, number> = {};
for (const [status, stats] of Object.entries(result.statusCodeStats ?? {})) byStatus[status] = (stats as { count: number }).count;
const summary: LoadSummary = {
  sent: result.requests.total,
  seconds: result.duration,
  perSecond: result.requests.total / result.duration,
  p50: result.latency.p50,
  p99: result.latency.p99,
  max: result.latency.max,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  byStatus,
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
