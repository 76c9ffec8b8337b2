import { createHash, randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/lib/db/create-database";
import { storableText } from "@/lib/openphone/events";
import type { AppDatabase } from "@/lib/db/types";
import { TEST_SECRET } from "../helpers/ingest";
import { buildDelivery, caseSpecArbitrary, type Delivery } from "./deliveries";
import { recordFigure } from "./summary";
import { serverPid, watchRss } from "./server-process";

// ≥ 10,000 generated cases through the production build's webhook endpoint (more deliveries: some
// are sent two or three times at once). The seed is printed; RELIABILITY_SEED=<n>
// (npm run test:reliability -- --seed <n>) replays a run.
const SEED = Number(process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const CASES = Number(process.env.RELIABILITY_FUZZ_CASES ?? 10_000);
const CONCURRENCY = 16;
// The HTTP suite's server is started with this cap (tests/helpers/http-global-setup.ts).
const MAX_BODY_BYTES = 64 * 1024;
const RSS_LIMIT_MB = 600;
const OTHER_SECRET = randomBytes(32).toString("base64");

type Outcome = { delivery: Delivery; index: number; statuses: number[]; eventIds: string[]; stored: string[] };

let db: AppDatabase;
const outcomes: Outcome[] = [];
let peakRssMb = 0;
let seconds = 0;
let sent = 0;

beforeAll(async () => {
  db = createDatabase(inject("databaseUrl"), { poolSize: 2 });
  console.log(`fuzz seed ${SEED} (replay: npm run test:reliability -- --seed ${SEED})`);
  const specs = fc.sample(caseSpecArbitrary, { seed: SEED, numRuns: CASES });
  const deliveries = specs.map((spec, i) => buildDelivery(spec, `fz${SEED.toString(36)}x${i.toString(36)}`, { secret: TEST_SECRET, otherSecret: OTHER_SECRET, maxBodyBytes: MAX_BODY_BYTES }));
  const url = `${inject("baseUrl")}/api/webhooks/openphone`;
  const pid = serverPid(Number(new URL(url).port));
  const rss = pid ? watchRss(pid) : undefined;
  const started = Date.now();
  let next = 0;
  const send = async (delivery: Delivery) => {
    const res = await fetch(url, { method: "POST", body: new Uint8Array(delivery.body), headers: delivery.headers(Date.now()) });
    const json = (await res.json().catch(() => ({}))) as { eventId?: string; status?: string };
    sent++;
    return { status: res.status, eventId: json.eventId ?? "", stored: json.status ?? "" };
  };
  const worker = async () => {
    for (let i = next++; i < deliveries.length; i = next++) {
      const delivery = deliveries[i]!;
      // Copies go out together, like OpenPhone delivering twice at once.
      const answers = await Promise.all(Array.from({ length: delivery.spec.copies }, () => send(delivery)));
      outcomes[i] = { delivery, index: i, statuses: answers.map((a) => a.status), eventIds: answers.map((a) => a.eventId), stored: answers.map((a) => a.stored) };
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  seconds = (Date.now() - started) / 1000;
  peakRssMb = rss?.stop() ?? 0;
}, 600_000);

afterAll(async () => {
  await db?.prisma.$disconnect();
});

/** "case #i (seed s): spec" — enough to find and replay a failing case. */
function describeCase(o: Outcome): string {
  return `case #${o.index} (seed ${SEED}): ${JSON.stringify(o.delivery.spec)} → ${o.statuses.join(",")} ${o.stored.join(",")} ${o.eventIds.join(",")}`;
}

/**
 * How often each event id is stored. A signed payload may put a lone surrogate into its id: the
 * response escapes it and the database keeps U+FFFD (UTF-8 cannot hold it), so ids are compared as
 * the receiver stores them (storableText), and otherwise exactly (ids that differ only in one
 * character, such as "\uFFFFEV1" and "EV1", are different events).
 */
async function storedCounts(eventIds: string[]): Promise<Map<string, number>> {
  const wanted = new Set(eventIds.map((id) => storableText(id)));
  const counts = new Map<string, number>();
  const rows = await db.prisma.webhookEvent.findMany({ select: { eventId: true } });
  for (const { eventId } of rows) {
    const key = storableText(eventId);
    if (wanted.has(key)) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe(`fuzzing the webhook endpoint (${CASES} generated cases)`, () => {
  it("sends at least 10,000 deliveries", () => {
    recordFigure("fuzz", "seed", SEED);
    recordFigure("fuzz", "cases tried", outcomes.length);
    recordFigure("fuzz", "deliveries sent", sent);
    recordFigure("fuzz", "deliveries per second", Math.round(sent / seconds));
    expect(sent).toBeGreaterThanOrEqual(10_000);
  });

  it("never answers bad or hostile input with a 5xx", () => {
    const failures = outcomes.filter((o) => o.statuses.some((s) => s >= 500));
    recordFigure("fuzz", "5xx for bad input", failures.reduce((n, o) => n + o.statuses.filter((s) => s >= 500).length, 0));
    expect(failures.slice(0, 5).map(describeCase)).toEqual([]);
  });

  it("accepts every well-signed delivery under the cap (2xx), refuses the rest (401, 413)", () => {
    const wrong = outcomes.filter((o) => {
      const expected = o.delivery.tooLarge ? 413 : o.delivery.signedWell ? 200 : 401;
      return o.statuses.some((s) => s !== expected);
    });
    recordFigure("fuzz", "refused signatures (401)", outcomes.reduce((n, o) => n + o.statuses.filter((s) => s === 401).length, 0));
    recordFigure("fuzz", "too large (413)", outcomes.reduce((n, o) => n + o.statuses.filter((s) => s === 413).length, 0));
    expect(wrong.slice(0, 5).map(describeCase)).toEqual([]);
  });

  it("stores every acknowledged event exactly once", async () => {
    const acknowledged = [...new Set(outcomes.flatMap((o) => o.eventIds.filter((_, i) => o.statuses[i] === 200)))];
    const counts = await storedCounts(acknowledged);
    const missing = acknowledged.filter((id) => counts.get(storableText(id)) !== 1);
    recordFigure("fuzz", "events acknowledged (distinct)", acknowledged.length);
    recordFigure("fuzz", "events found exactly once", acknowledged.length - missing.length);
    // Copies of one delivery all name the same event, and all but one say "duplicate".
    const copies = outcomes.filter((o) => o.statuses.length > 1 && o.statuses.every((s) => s === 200));
    // (A body equal to an earlier case's, such as an empty one, is a duplicate every time.)
    const badCopies = copies.filter((o) => new Set(o.eventIds).size !== 1 || o.stored.filter((s) => s !== "duplicate").length > 1);
    recordFigure("fuzz", "duplicate deliveries (copies sent together)", copies.reduce((n, o) => n + o.statuses.length - 1, 0));
    recordFigure("fuzz", "duplicates stored", badCopies.length);
    expect(missing.slice(0, 5)).toEqual([]);
    expect(badCopies.slice(0, 5).map(describeCase)).toEqual([]);
  });

  it("stores nothing for a refused signature", async () => {
    const refused = outcomes.filter((o) => o.statuses.every((s) => s === 401));
    const ids = refused.flatMap((o) => [o.delivery.eventId, `sha256:${createHash("sha256").update(new TextDecoder().decode(o.delivery.body)).digest("hex")}`]);
    const accepted = new Set(outcomes.flatMap((o) => o.eventIds.map((id) => storableText(id))));
    const counts = await storedCounts(ids.filter((id) => id && !accepted.has(storableText(id))));
    recordFigure("fuzz", "stored after a refused signature", counts.size);
    expect([...counts.keys()].slice(0, 5)).toEqual([]);
  });

  it("stores signed-but-invalid events as `invalid` and projects nothing from them", async () => {
    const invalid = outcomes.filter((o) => o.stored.includes("invalid"));
    const resourceIds = invalid.flatMap((o) => o.delivery.resourceIds);
    const rows = await db.prisma.webhookEvent.findMany({ where: { eventId: { in: invalid.map((o) => o.eventIds[0]!).slice(0, 5000) } }, select: { status: true } });
    const projected = [
      ...(await db.prisma.message.findMany({ where: { openphoneId: { in: resourceIds } }, select: { openphoneId: true } })),
      ...(await db.prisma.call.findMany({ where: { openphoneId: { in: resourceIds } }, select: { openphoneId: true } })),
    ];
    recordFigure("fuzz", "stored as invalid", invalid.length);
    recordFigure("fuzz", "invalid events projected", projected.length);
    expect(invalid.length).toBeGreaterThan(100);
    expect(rows.every((r) => r.status === "invalid")).toBe(true);
    expect(projected).toEqual([]);
  });

  it("keeps the server's memory bounded", () => {
    recordFigure("fuzz", "server peak RSS (MB)", peakRssMb);
    expect(peakRssMb).toBeGreaterThan(0);
    expect(peakRssMb).toBeLessThan(RSS_LIMIT_MB);
  });
});
