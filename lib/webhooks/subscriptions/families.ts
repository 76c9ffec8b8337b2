import type { WebhookFamily } from "../../openphone/api/schemas";

export type Generation = "legacy" | "2026";
export const GENERATIONS = ["legacy", "2026"] as const satisfies readonly Generation[];

/** The events each family subscribes to, per API generation (design §5; openphone-2026.md C). */
export const FAMILY_EVENTS: Record<Generation, Record<WebhookFamily, readonly string[]>> = {
  legacy: {
    messages: ["message.received", "message.delivered"],
    calls: ["call.ringing", "call.completed", "call.recording.completed"],
    summaries: ["call.summary.completed"],
    transcripts: ["call.transcript.completed"],
  },
  "2026": {
    messages: ["message.received", "message.delivered", "message.failed", "message.undelivered"],
    calls: ["call.ringing", "call.answered", "call.completed", "call.forwarded", "call.missed", "call.recording.completed", "call.voicemail.completed"],
    summaries: ["call.summary.completed"],
    transcripts: ["call.transcript.completed"],
  },
};

export const FAMILY_LABELS: Record<WebhookFamily, string> = {
  messages: "Messages",
  calls: "Calls and recordings",
  summaries: "Call summaries",
  transcripts: "Call transcripts",
};

export const GENERATION_LABELS: Record<Generation, string> = { legacy: "Legacy (v1)", "2026": "2026-03-30" };

/** The family whose events a subscription carries (the first that matches), or null for a custom mix. */
export function familyOf(events: readonly string[]): WebhookFamily | null {
  const first = events[0] ?? "";
  if (first.startsWith("message.")) return "messages";
  if (first === "call.summary.completed") return "summaries";
  if (first === "call.transcript.completed") return "transcripts";
  if (first.startsWith("call.")) return "calls";
  return null;
}

/** OpenPhone signs /v1 deliveries with `openphone-signature` and 2026 ones with Standard Webhooks. */
export const SCHEME_OF: Record<Generation, "legacy" | "standard"> = { legacy: "legacy", "2026": "standard" };

/** The 2026 test endpoint needs an event type; a contact event adds no activity to the inbox. */
export const TEST_EVENT_TYPE = "contact.updated";
