/** What scripts/bench-ingest.ts hands its load-generator process (scripts/ingest-load.ts), and what it gets back. */
export type LoadJob = {
  url: string;
  connections: number;
  timeoutSeconds: number;
  /** Webhook signing secret: each body is signed as it is sent. */
  secret: string;
  /** Extra headers on every request (the verify-only route's x-bench-token). */
  headers: Record<string, string>;
  /** One request per body, in this order. */
  bodies: string[];
};

export type LoadSummary = {
  sent: number;
  seconds: number;
  perSecond: number;
  /** Latencies in milliseconds. */
  p50: number;
  p99: number;
  max: number;
  /** Connection errors, including timeouts. */
  errors: number;
  timeouts: number;
  non2xx: number;
  byStatus: Record<string, number>;
};
