import type { CallOutcome, Direction, NormalizedEvent } from "./normalized";

/**
 * The call lifecycle, in one place: which outcome a call has (deriveCallOutcome, used by the
 * normaliser for the call inside an event and by the projection for the merged, stored call), how
 * far along its lifecycle an event is (callLifecycleRank: a late `call.ringing` never undoes a
 * `call.completed`), and which outcomes are settled (never replaced by an unsettled one).
 */

/** The phase a call event's type names (call.ringing → "ringing", …). */
export type CallPhase = Extract<NormalizedEvent, { kind: "call" }>["phase"];

export type CallOutcomeInput = {
  /** From the event type; null when the call arrives inside a recording/voicemail event. */
  phase: CallPhase | null;
  direction: Direction | null;
  status: string | null;
  answeredAt: Date | null;
  completedAt: Date | null;
  forwardedTo: string | null;
  hasVoicemail: boolean;
};

/** Statuses after which a call that was never answered will not be answered any more. */
const ENDED_STATUSES: ReadonlySet<string> = new Set([
  "completed",
  "missed",
  "no-answer",
  "busy",
  "canceled",
  "cancelled",
  "failed",
  // 2026-03-30 call.completed statuses.
  "unanswered",
  "abandoned",
  "forwarded",
  "unknown",
]);

/**
 * One rule for a call's outcome. Forwarded only when the call was forwarded and not answered: a
 * `forwardedTo` on a ringing call (often a teammate's user id) or on an answered one is not a
 * forward outcome. A missed call with a voicemail is "voicemail"; an AI agent handling the call
 * (2026-03-30 status `ai-handled`) answered it.
 */
export function deriveCallOutcome(input: CallOutcomeInput): CallOutcome {
  if (input.phase === "forwarded") return "forwarded";
  if (input.hasVoicemail) return "voicemail";
  if (input.answeredAt !== null || input.phase === "answered" || input.status === "answered" || input.status === "ai-handled") {
    return "answered";
  }
  if (input.phase === "missed") return "missed";
  if (input.phase === "ringing") return "ringing";
  const ended = input.phase === "completed" || input.completedAt !== null || ENDED_STATUSES.has(input.status ?? "");
  // OpenPhone sends a missed call as status "completed" with answeredAt null. An outgoing call that
  // ended unanswered gets the same outcome: "missed" here means "nobody picked up", either way.
  if (ended) return input.forwardedTo || input.status === "forwarded" ? "forwarded" : "missed";
  if (input.status === "ringing") return "ringing";
  return "in_progress";
}


/**
 * Lifecycle rank of a call event (stored as Call.statusRank): 0 nothing known, 1 ringing,
 * 2 answered/forwarded/in progress, 3 ended. A call object inside a recording/voicemail event has
 * no phase and is ranked by its own status.
 */
export function callLifecycleRank(phase: CallPhase | null, status: string | null): number {
  if (phase === "ringing") return 1;
  if (phase === "answered" || phase === "forwarded") return 2;
  if (phase === "missed" || phase === "completed") return 3;
  if (status === "completed" || status === "missed" || status === "no-answer") return 3;
  if (status === "in-progress" || status === "answered") return 2;
  return status ? 1 : 0;
}

/** Outcomes a call keeps once it has them: ringing and in progress are the only unsettled ones. */
export const SETTLED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(["answered", "missed", "voicemail", "forwarded"]);

/** The outcome to store: a settled stored outcome is never replaced by an unsettled derived one. */
export function mergeCallOutcome(stored: CallOutcome | null, derived: CallOutcome): CallOutcome {
  return stored && SETTLED_OUTCOMES.has(stored) && !SETTLED_OUTCOMES.has(derived) ? stored : derived;
}

/**
 * The outcome of a call once its voicemail has arrived (same precedence as deriveCallOutcome:
 * forwarded beats voicemail, voicemail beats everything else).
 */
export function outcomeWithVoicemail(outcome: CallOutcome | null): CallOutcome {
  return outcome === "forwarded" ? "forwarded" : "voicemail";
}
