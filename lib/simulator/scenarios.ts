import { buildCustomers, mediaUrl } from "./cast";
import type { PayloadShape } from "./payloads";
import { IdFactory, SeededRandom } from "./random";
import { ScenarioRecorder, type Delivery, type ExpectedCounts } from "./scenario-recorder";
import { MINUTE, type ScenarioContext } from "./scenario-blocks";
import { buildAi } from "./modes/ai";
import { buildAll } from "./modes/all";
import { buildFull } from "./modes/full";
import { buildMedia } from "./modes/media";

/**
 * Pure builders of simulated OpenPhone traffic. Each mode returns an ordered list of signed-ready
 * deliveries plus what they should leave in a fresh database:
 * - all:   one delivery of every event type we accept (real names and the seed's names)
 * - media: messages with an image, a PDF and several attachments at once
 * - ai:    the demo calls with their recordings, summaries and transcripts
 * - full:  a realistic day at Bay Roofing, with late, out-of-order and repeated deliveries
 * Ids depend only on the seed (never the clock), so sending a scenario twice adds nothing.
 */

export const SCENARIO_MODES = ["all", "media", "ai", "full"] as const;
export type ScenarioMode = (typeof SCENARIO_MODES)[number];

export const DEFAULT_SEED = "bay-roofing";
export const DEFAULT_FULL_DUPLICATE_RATE = 0.05;
/** Customers besides the ones the demo media name. */
const GENERIC_CUSTOMERS = 36;


export type ScenarioOptions = {
  /** The end of the simulated time: every timestamp lies before it. */
  now: Date;
  /** Base URL the app serves `/demo/…` from, so media URLs work offline (e.g. "http://localhost:3000"). */
  mediaBaseUrl: string;
  seed?: string;
  /** Every delivery in this shape; default: mixed for `full` (mostly app, some api and new), app otherwise. */
  shape?: PayloadShape;
  /** Send in a random (seeded) order instead of arrival order. */
  shuffle?: boolean;
  /** Share of deliveries sent twice; default 0.05 for `full`, 0 otherwise. */
  duplicates?: number;
  /** Build the scenario this many times, each with fresh ids (load testing); default 1. */
  count?: number;
};

export type Scenario = { mode: ScenarioMode; seed: string; deliveries: Delivery[]; expected: ExpectedCounts };

export function isScenarioMode(value: string): value is ScenarioMode {
  return (SCENARIO_MODES as readonly string[]).includes(value);
}

export function buildScenario(mode: ScenarioMode, options: ScenarioOptions): Scenario {
  const seed = options.seed ?? DEFAULT_SEED;
  const count = options.count ?? 1;
  if (!Number.isInteger(count) || count < 1) throw new Error("count must be a positive integer");
  const duplicateRate = options.duplicates ?? (mode === "full" ? DEFAULT_FULL_DUPLICATE_RATE : 0);
  if (!(duplicateRate >= 0 && duplicateRate <= 1)) throw new Error("duplicates must be a rate between 0 and 1");

  const customers = buildCustomers(seed, GENERIC_CUSTOMERS);
  const rec = new ScenarioRecorder(new IdFactory(`${seed}:${mode}`), options.shape);
  for (let repetition = 0; repetition < count; repetition++) {
    const namespace = repetition === 0 ? `${seed}:${mode}` : `${seed}:${mode}:${repetition}`;
    rec.useIds(new IdFactory(namespace));
    // Each repetition is the same day with fresh ids: same content, same shapes.
    const ctx: ScenarioContext = {
      rec,
      random: new SeededRandom(`${seed}:${mode}:content`),
      shapes: new SeededRandom(`${seed}:${mode}:shapes`),
      mixedShapes: mode === "full",
      now: options.now.getTime(),
      media: (path) => mediaUrl(options.mediaBaseUrl, path),
      customers,
    };
    BUILDERS[mode](ctx);
  }
  const { deliveries, expected } = rec.finish({ randomSeed: `${seed}:${mode}`, shuffle: options.shuffle ?? false, duplicateRate });
  return { mode, seed, deliveries, expected };
}

/** The start of the current minute: runs within one minute send byte-identical bodies. */
export function scenarioNow(clock: Date = new Date()): Date {
  return new Date(Math.floor(clock.getTime() / MINUTE) * MINUTE);
}

const BUILDERS: Record<ScenarioMode, (ctx: ScenarioContext) => void> = { all: buildAll, media: buildMedia, ai: buildAi, full: buildFull };
