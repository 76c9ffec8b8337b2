import { createHash } from "node:crypto";

/**
 * Seeded pseudo-random numbers (mulberry32 seeded from a SHA-256 of the seed string), so a
 * scenario built twice from the same seed is byte-for-byte the same.
 */
export class SeededRandom {
  #state: number;

  constructor(seed: string) {
    this.#state = createHash("sha256").update(seed).digest().readUInt32LE(0);
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick() from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

/**
 * OpenPhone-style ids (`EV…`, `AC…`, `CN…`, 24-hex contact ids) that depend only on a namespace
 * (seed + mode) and a per-prefix counter, never on the clock: a scenario sent twice carries the
 * same event ids, so the second run is all duplicates.
 */
export class IdFactory {
  readonly #namespace: string;
  readonly #counters = new Map<string, number>();

  constructor(namespace: string) {
    this.#namespace = namespace;
  }

  /** `prefix` + `length` hex characters, e.g. next("AC") → "AC3f9a…" (32 hex, like OpenPhone's). */
  next(prefix: string, length = 32): string {
    const n = (this.#counters.get(prefix) ?? 0) + 1;
    this.#counters.set(prefix, n);
    return prefix + createHash("sha256").update(`${this.#namespace}:${prefix}:${n}`).digest("hex").slice(0, length);
  }
}

/** An id that depends only on its key, e.g. one conversation id per (workspace number, customer) pair. */
export function stableId(prefix: string, key: string, length = 32): string {
  return prefix + createHash("sha256").update(`${prefix}:${key}`).digest("hex").slice(0, length);
}
