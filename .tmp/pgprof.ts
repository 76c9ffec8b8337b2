import { createTestDatabase } from "../tests/helpers/test-db";
import { createPoster } from "../tests/helpers/ingest";
import { planDeliveries } from "../lib/bench/ingest-deliveries";

const times = new Map<string, [number, number]>();
const db = await createTestDatabase();
(db.prisma as any).$on?.("query", () => {});
const { PrismaClient } = await import("../lib/generated/postgres/client");
// re-create with query logging
import { createDatabase } from "../lib/db/create-database";
const logged = createDatabase(db.url, { poolSize: 10, onQuery: () => {} });
(logged.prisma as any).$on("query", (e: { query: string; duration: number }) => {
  const k = e.query.replace(/\s+/g, " ").slice(0, 120);
  const v = times.get(k) ?? [0, 0]; v[0] += Number(e.duration); v[1]++; times.set(k, v);
});
const { post } = createPoster(logged);
const conv = Number(process.env.CONV ?? 500);
const plan = planDeliveries({ count: 4000, conversations: conv, duplicateRate: 0.05, label: "x", now: new Date() });
const t0 = performance.now();
let next = 0;
await Promise.all(Array.from({ length: 50 }, async () => { while (next < plan.bodies.length) { const b = plan.bodies[next++]!; const r = await post(b); if (r.httpStatus !== 200) throw new Error(JSON.stringify(r)); } }));
const wall = performance.now() - t0;
let total = 0; for (const [, [t]] of times) total += t;
console.log("wall ms", wall.toFixed(0), "per delivery", (wall / 4000).toFixed(3), "sql ms total", total.toFixed(0));
for (const [sql, [t, n]] of [...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 16)) console.log(t.toFixed(0).padStart(6), String(n).padStart(6), (t / n).toFixed(3), sql);
await logged.prisma.$disconnect();
await db.cleanup();
