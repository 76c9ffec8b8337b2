/** Ports of the servers this suite starts itself (RELIABILITY_PORT, default 3300, and the next few). */
const BASE = Number(process.env.RELIABILITY_PORT ?? 3300);

export const PORTS = {
  crash: BASE,
  outage: BASE + 1,
  outageProxy: BASE + 2,
  instanceA: BASE + 3,
  instanceB: BASE + 4,
  internal: BASE + 5,
} as const;
