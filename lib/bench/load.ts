/** A small closed-loop HTTP load generator: `concurrency` workers, each sending its next request as soon as the last answered. */
export type LoadRequest = { body: string; headers: Record<string, string> };
export type LoadResult = {
  sent: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  byStatus: Record<string, number>;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export async function runLoad(url: string, requests: LoadRequest[], concurrency: number): Promise<LoadResult> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  async function worker(): Promise<void> {
    for (;;) {
      const index = next++;
      if (index >= requests.length) return;
      const request = requests[index]!;
      const t0 = performance.now();
      let status = "error";
      try {
        const res = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
        await res.arrayBuffer();
        status = String(res.status);
      } catch {
        // counted as "error"
      }
      latencies.push(performance.now() - t0);
      byStatus[status] = (byStatus[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    sent: requests.length,
    seconds,
    perSecond: requests.length / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? 0,
    byStatus,
  };
}
