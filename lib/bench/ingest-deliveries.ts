import { messageEvent } from "../simulator/payloads";

export type DeliveryPlan = {
  /** Request bodies in sending order; a duplicate is the exact body of an earlier request. */
  bodies: string[];
  /** Distinct events among them. */
  uniqueEvents: number;
};

/**
 * `count` inbound-message deliveries from `conversations` customers to one workspace number, where
 * about `duplicateRate` of the requests repeat an earlier delivery (OpenPhone's at-least-once retries).
 * With conversations = 1 every delivery lands on the same conversation: the hot-row case.
 */
export function planDeliveries(input: { count: number; conversations: number; duplicateRate: number; label: string; now: Date }): DeliveryPlan {
  const every = input.duplicateRate > 0 ? Math.max(2, Math.round(1 / input.duplicateRate)) : 0;
  const unique: string[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < input.count; i++) {
    if (every > 0 && unique.length > 0 && i % every === every - 1) {
      // Knuth's multiplicative hash spreads the repeats over earlier deliveries, near and far.
      bodies.push(unique[(i * 2654435761) % unique.length]!);
      continue;
    }
    const customer = i % input.conversations;
    const body = JSON.stringify(
      messageEvent({
        eventId: `EVbench${input.label}${i}`,
        id: `ACbench${input.label}${i}`,
        participant: `+1415${String(5_000_000 + customer)}`,
        text: `Benchmark message ${i}: can someone call me back about the quote for the roof?`,
        createdAt: new Date(input.now.getTime() - (input.count - i) * 1000),
      }),
    );
    unique.push(body);
    bodies.push(body);
  }
  return { bodies, uniqueEvents: unique.length };
}
