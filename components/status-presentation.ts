import type { ComponentType } from "react";
import { AlertIcon, CheckIcon, ClockIcon, MessageIcon, PhoneForwardedIcon, PhoneIcon, PhoneMissedIcon, VoicemailIcon, XIcon } from "@/components/icons";
import type { ArtifactKind, PieceState } from "@/lib/completeness/rules";
import type { CallOutcome, MessageStatus } from "@/lib/openphone/normalized";
import type { WebhookEventStatus } from "@/lib/generated/sqlite/enums";
import type { BackfillRunState } from "@/lib/backfill/runs";

/**
 * How every call outcome, message status and event-log status looks: its words, its colour and
 * its icon. Typed by the enums, so a new value cannot be added without saying how it looks.
 */

export type IconComponent = ComponentType<{ className?: string }>;

/** The colour language shared by badges, icon chips and previews. */
export type Tone = "neutral" | "success" | "warning" | "danger" | "info" | "accent";

export type Presentation = { label: string; tone: Tone; Icon: IconComponent };

export const CALL_OUTCOMES: Record<CallOutcome, Presentation & { outgoingLabel?: string }> = {
  ringing: { label: "Ringing", tone: "info", Icon: PhoneIcon },
  in_progress: { label: "In progress", tone: "info", Icon: PhoneIcon },
  answered: { label: "Answered", tone: "success", Icon: PhoneIcon },
  missed: { label: "Missed", outgoingLabel: "No answer", tone: "danger", Icon: PhoneMissedIcon },
  voicemail: { label: "Voicemail", tone: "warning", Icon: VoicemailIcon },
  forwarded: { label: "Forwarded", tone: "accent", Icon: PhoneForwardedIcon },
};

export const MESSAGE_STATUSES: Record<MessageStatus, Presentation> = {
  queued: { label: "Queued", tone: "info", Icon: MessageIcon },
  sent: { label: "Sent", tone: "info", Icon: MessageIcon },
  delivered: { label: "Delivered", tone: "success", Icon: MessageIcon },
  // Receiving is the ordinary case for an incoming text: nothing to draw attention to.
  received: { label: "Received", tone: "neutral", Icon: MessageIcon },
  failed: { label: "Failed", tone: "danger", Icon: AlertIcon },
  undelivered: { label: "Undelivered", tone: "danger", Icon: AlertIcon },
};

export const WEBHOOK_EVENT_STATUSES: Record<WebhookEventStatus, Omit<Presentation, "Icon">> = {
  processed: { label: "Processed", tone: "success" },
  ignored: { label: "Ignored", tone: "neutral" },
  invalid: { label: "Invalid", tone: "danger" },
  failed: { label: "Failed", tone: "danger" },
};

export const BACKFILL_RUN_STATES: Record<BackfillRunState, Omit<Presentation, "Icon">> = {
  running: { label: "Running", tone: "info" },
  done: { label: "Done", tone: "success" },
  failed: { label: "Stopped by an error", tone: "danger" },
  // Its process died (a deploy, a kill): the next backfill with the same options continues it.
  stalled: { label: "Stopped", tone: "warning" },
  interrupted: { label: "Replaced", tone: "neutral" },
};

export function isCallOutcome(value: string | null | undefined): value is CallOutcome {
  return value != null && Object.hasOwn(CALL_OUTCOMES, value);
}

export function isMessageStatus(value: string | null | undefined): value is MessageStatus {
  return value != null && Object.hasOwn(MESSAGE_STATUSES, value);
}

/** An activity's status as stored (a message status or a call outcome); null when it is neither. */
export function presentActivityStatus(kind: "message" | "call", status: string | null): Presentation | null {
  if (kind === "call") return isCallOutcome(status) ? CALL_OUTCOMES[status] : null;
  return isMessageStatus(status) ? MESSAGE_STATUSES[status] : null;
}

/** A call's outcome in a word, from the caller's side: an outgoing call nobody picked up had "No answer". */
export function callOutcomeLabel(outcome: CallOutcome, direction: "incoming" | "outgoing" | null): string {
  const presentation = CALL_OUTCOMES[outcome];
  return direction === "outgoing" ? (presentation.outgoingLabel ?? presentation.label) : presentation.label;
}

/** A round icon chip (timeline rows, call cards, the call page header). */
export const TONE_CHIP: Record<Tone, string> = {
  neutral: "bg-zinc-100 text-zinc-600 ring-zinc-500/15 dark:bg-white/5 dark:text-zinc-300 dark:ring-white/10",
  success: "bg-emerald-50 text-emerald-600 ring-emerald-600/15 dark:bg-emerald-400/10 dark:text-emerald-300 dark:ring-emerald-400/20",
  warning: "bg-amber-50 text-amber-700 ring-amber-600/20 dark:bg-amber-400/10 dark:text-amber-300 dark:ring-amber-400/20",
  danger: "bg-rose-50 text-rose-600 ring-rose-600/15 dark:bg-rose-400/10 dark:text-rose-300 dark:ring-rose-400/20",
  info: "bg-indigo-50 text-indigo-600 ring-indigo-600/15 dark:bg-indigo-400/10 dark:text-indigo-300 dark:ring-indigo-400/20",
  accent: "bg-violet-50 text-violet-600 ring-violet-600/15 dark:bg-violet-400/10 dark:text-violet-300 dark:ring-violet-400/20",
};

/** An icon beside quiet text (the inbox preview line). */
export const TONE_TEXT: Record<Tone, string> = {
  neutral: "text-zinc-400 dark:text-zinc-500",
  success: "text-emerald-500",
  warning: "text-amber-500",
  danger: "text-rose-500",
  info: "text-indigo-500",
  accent: "text-violet-500",
};

/** A call's headline, icon and colours: the thread's call card and the call page say the same. */
export function describeCall(call: { direction: "incoming" | "outgoing" | null; outcome: string | null }) {
  const direction = call.direction === "outgoing" ? "Outgoing" : call.direction === "incoming" ? "Incoming" : "";
  const plainTitle = direction ? `${direction} call` : "Call";
  if (!isCallOutcome(call.outcome)) return { title: plainTitle, outcome: "Call", Icon: PhoneIcon, tone: "neutral" as Tone };
  const { Icon, tone } = CALL_OUTCOMES[call.outcome];
  const outcome = callOutcomeLabel(call.outcome, call.direction);
  const title =
    call.outcome === "missed"
      ? call.direction === "outgoing"
        ? "Outgoing call, no answer"
        : "Missed call"
      : call.outcome === "voicemail"
        ? "Voicemail"
        : call.outcome === "forwarded"
          ? "Forwarded call"
          : plainTitle;
  return { title, outcome, Icon, tone };
}

/** How a call's follow-up piece looks (the completeness line): arrived, waiting, overdue, given up. */
export type PieceLook = "arrived" | "waiting" | "overdue" | "unavailable";

export const PIECE_LOOKS: Record<PieceLook, Presentation> = {
  arrived: { label: "Arrived", tone: "success", Icon: CheckIcon },
  // Within the delay: OpenPhone usually sends it within minutes, nothing is wrong yet.
  waiting: { label: "Pending", tone: "neutral", Icon: ClockIcon },
  overdue: { label: "Overdue", tone: "warning", Icon: ClockIcon },
  unavailable: { label: "Not available", tone: "neutral", Icon: XIcon },
};

export function pieceLook(piece: PieceState): PieceLook {
  if (piece.state === "pending") return piece.overdue ? "overdue" : "waiting";
  return piece.state;
}

export const ARTIFACT_KIND_LABELS: Record<ArtifactKind, string> = {
  recording: "Recording",
  transcript: "Transcript",
  summary: "Summary",
  voicemail: "Voicemail",
};
