// The reliability suite's load: a separate process (so the test's own event loop, and its kill -9s,
// do not disturb it) that sends every delivery of a job file the way OpenPhone would: signed at the
// moment of sending, with a 10 s deadline, and again after any answer other than 2xx until it gets
// one. One JSON line per attempt on stdout: { i, t (epoch ms it started), status (0: no answer), ms }.
// Usage: tsx tests/reliability/sender.ts <job.json>
import fs from "node:fs";
import { signedHeaders } from "../../lib/simulator/sign";

export type SenderJob = {
  /** Webhook endpoints; attempts go to them in turn (several app instances). */
  urls: string[];
  secret: string;
  deliveries: { body: string; style: "legacy" | "standard"; eventId: string }[];
  concurrency: number;
  /** Pause between attempts of one delivery. */
  retryDelayMs: number;
};

export type Attempt = { i: number; t: number; status: number; ms: number; url: number };

const job = JSON.parse(fs.readFileSync(process.argv[2]!, "utf8")) as SenderJob;
let next = 0;
let turn = 0;

async function attempt(i: number): Promise<number> {
  const delivery = job.deliveries[i]!;
  const urlIndex = turn++ % job.urls.length;
  const t0 = Date.now();
  let status = 0;
  try {
    const res = await fetch(job.urls[urlIndex]!, {
      method: "POST",
      body: delivery.body,
      headers: signedHeaders(delivery.body, { secret: job.secret, style: delivery.style }),
      signal: AbortSignal.timeout(10_000),
    });
    status = res.status;
    await res.arrayBuffer();
  } catch {
    status = 0;
  }
  const line: Attempt = { i, t: t0, status, ms: Date.now() - t0, url: urlIndex };
  process.stdout.write(`${JSON.stringify(line)}\n`);
  return status;
}

async function worker() {
  for (let i = next++; i < job.deliveries.length; i = next++) {
    for (;;) {
      const status = await attempt(i);
      if (status >= 200 && status < 300) break;
      await new Promise((r) => setTimeout(r, job.retryDelayMs * (0.5 + Math.random())));
    }
  }
}

await Promise.all(Array.from({ length: job.concurrency }, worker));
