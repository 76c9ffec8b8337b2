import Database from "better-sqlite3";
import { createTestDatabase } from "../tests/helpers/test-db";
import { createPoster } from "../tests/helpers/ingest";
import { planDeliveries } from "../lib/bench/ingest-deliveries";

const times = new Map<string, [number, number]>();
const proto = (Database.prototype as any);
const origPrepare = proto.prepare;
proto.prepare = function (sql: string) {
  const st = origPrepare.call(this, sql);
  for (const m of ["run", "all", "get"]) {
    const f = st[m].bind(st);
    st[m] = (...a: unknown[]) => { const t = performance.now(); try { return f(...a); } finally { const e = times.get(sql) ?? [0, 0]; e[0] += performance.now() - t; e[1]++; times.set(sql, e); } };
  }
  return st;
};
const db = await createTestDatabase();
const { post } = createPoster(db);
const conv = Number(process.env.CONV ?? 500);
const plan = planDeliveries({ count: 4000, conversations: conv, duplicateRate: 0.05, label: "x", now: new Date() });
const t0 = performance.now();
let next = 0;
await Promise.all(Array.from({ length: 50 }, async () => { while (next < plan.bodies.length) { const b = plan.bodies[next++]!; const r = await post(b); if (r.httpStatus !== 200) throw new Error(JSON.stringify(r)); } }));
const wall = performance.now() - t0;
let total = 0; for (const [, [t]] of times) total += t;
console.log("wall ms", wall.toFixed(0), "per delivery", (wall / 4000).toFixed(3), "sql ms total", total.toFixed(0), "per delivery", (total / 4000).toFixed(3));
for (const [sql, [t, n]] of [...times].sort((a, b) => b[1][0] - a[1][0]).slice(0, 20)) console.log(t.toFixed(0).padStart(6), String(n).padStart(6), (t / n).toFixed(3), sql.replace(/\s+/g, " ").slice(0, 150));
const c = await db.prisma.conversation.findMany({ take: 3, orderBy: { id: "asc" } }); console.log(c);
await db.cleanup();
