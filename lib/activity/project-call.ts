import type { Tx } from "../db/types";
import { deriveCallOutcome, type CallPhase } from "../openphone/events";
import type {
  CallOutcome,
  Envelope,
  NormalizedCall,
  NormalizedMedia,
  NormalizedRecording,
  NormalizedSummary,
  NormalizedTranscript,
} from "../openphone/normalized";
import { linkParties } from "./parties";
import { refreshCallActivity } from "./timeline-row";

/** Lifecycle rank: a late `call.ringing` never undoes a `call.completed`. */
function callRank(phase: CallPhase | null, status: string | null): number {
  if (phase === "ringing") return 1;
  if (phase === "answered" || phase === "forwarded") return 2;
  if (phase === "missed" || phase === "completed") return 3;
  // A call object inside a recording/voicemail event: rank by its own status.
  if (status === "completed" || status === "missed" || status === "no-answer") return 3;
  if (status === "in-progress" || status === "answered") return 2;
  return status ? 1 : 0;
}

const SETTLED_OUTCOMES: ReadonlySet<CallOutcome> = new Set(["answered", "missed", "voicemail", "forwarded"]);

/**
 * A call row for this OpenPhone call id, created empty when an artifact arrives before the call.
 * The no-op update takes the row lock (PostgreSQL), so concurrent events about one call apply one
 * after the other instead of each rebuilding the call from a stale read.
 */
export async function ensureCall(tx: Tx, openphoneId: string): Promise<number> {
  const row = await tx.call.upsert({ where: { openphoneId }, create: { openphoneId }, update: { openphoneId }, select: { id: true } });
  return row.id;
}

function pick<T>(advance: boolean, incoming: T | null, stored: T | null): T | null {
  if (incoming === null) return stored;
  if (stored === null) return incoming;
  return advance ? incoming : stored;
}

/** Merges a call object into the stored call without moving its lifecycle backwards. */
export async function mergeCall(tx: Tx, call: NormalizedCall, phase: CallPhase | null): Promise<number> {
  const callId = await ensureCall(tx, call.id);
  const stored = await tx.call.findUniqueOrThrow({
    where: { id: callId },
    select: {
      statusRank: true,
      status: true,
      outcome: true,
      direction: true,
      fromNumber: true,
      toNumber: true,
      participant: true,
      userId: true,
      answeredBy: true,
      initiatedBy: true,
      forwardedFrom: true,
      forwardedTo: true,
      occurredAt: true,
      answeredAt: true,
      completedAt: true,
      duration: true,
      sourceUpdatedAt: true,
      phoneNumberId: true,
      conversationId: true,
      voicemail: { select: { id: true } },
    },
  });
  const rank = callRank(phase, call.status);
  // Same rank: only a newer resource timestamp overwrites; without timestamps (app payloads, calls
  // embedded in recording events) the event only fills gaps, so arrival order cannot matter.
  const advance =
    rank > stored.statusRank ||
    (rank === stored.statusRank &&
      call.updatedAt !== null &&
      stored.sourceUpdatedAt !== null &&
      call.updatedAt >= stored.sourceUpdatedAt);

  const occurredAt = pick(advance, call.createdAt, stored.occurredAt);
  const parties = await linkParties(tx, {
    openphonePhoneNumberId: call.phoneNumberId,
    workspaceNumber: call.workspaceNumber,
    participant: call.participant,
    openphoneConversationId: call.conversationId,
    activityAt: occurredAt ?? new Date(0),
  });
  const merged = {
    status: pick(advance, call.status, stored.status),
    direction: pick(advance, call.direction, stored.direction),
    fromNumber: pick(advance, call.from, stored.fromNumber),
    toNumber: pick(advance, call.to, stored.toNumber),
    participant: pick(advance, call.participant, stored.participant),
    userId: pick(advance, call.userId, stored.userId),
    answeredBy: pick(advance, call.answeredBy, stored.answeredBy),
    initiatedBy: pick(advance, call.initiatedBy, stored.initiatedBy),
    forwardedFrom: pick(advance, call.forwardedFrom, stored.forwardedFrom),
    forwardedTo: pick(advance, call.forwardedTo, stored.forwardedTo),
    occurredAt,
    answeredAt: pick(advance, call.answeredAt, stored.answeredAt),
    completedAt: pick(advance, call.completedAt, stored.completedAt),
    duration: pick(advance, call.duration, stored.duration),
    sourceUpdatedAt: pick(advance, call.updatedAt, stored.sourceUpdatedAt),
    phoneNumberId: parties.phoneNumberId ?? stored.phoneNumberId,
    conversationId: parties.conversationId ?? stored.conversationId,
  };
  const derived = deriveCallOutcome({
    phase: advance ? phase : null,
    direction: merged.direction,
    status: merged.status,
    answeredAt: merged.answeredAt,
    completedAt: merged.completedAt,
    forwardedTo: merged.forwardedTo,
    hasVoicemail: stored.voicemail !== null || call.voicemail !== null,
  });
  // A settled outcome is never replaced by an unsettled one (ringing/in progress).
  const outcome = stored.outcome && SETTLED_OUTCOMES.has(stored.outcome) && !SETTLED_OUTCOMES.has(derived) ? stored.outcome : derived;

  await tx.call.update({
    where: { id: callId },
    data: { ...merged, outcome, hasDetails: merged.occurredAt !== null, statusRank: Math.max(rank, stored.statusRank) },
  });
  if (call.voicemail) await upsertVoicemail(tx, callId, call.voicemail);
  if (call.recordings.length > 0) await upsertRecordings(tx, callId, call.recordings);
  return callId;
}

async function upsertVoicemail(tx: Tx, callId: number, voicemail: NormalizedMedia): Promise<void> {
  const data = { url: voicemail.url, contentType: voicemail.contentType, duration: voicemail.duration };
  await tx.voicemail.upsert({ where: { callId }, create: { callId, ...data }, update: data });
}

async function upsertRecordings(tx: Tx, callId: number, recordings: NormalizedRecording[]): Promise<void> {
  for (const [position, recording] of recordings.entries()) {
    const key = recording.id ?? recording.url;
    const data = {
      openphoneId: recording.id,
      position,
      url: recording.url,
      contentType: recording.contentType,
      duration: recording.duration,
      size: recording.size,
    };
    await tx.recording.upsert({ where: { callId_key: { callId, key } }, create: { callId, key, ...data }, update: data });
  }
}

export async function projectCall(tx: Tx, call: NormalizedCall, phase: CallPhase): Promise<void> {
  const callId = await mergeCall(tx, call, phase);
  await refreshCallActivity(tx, callId);
}

export async function projectRecording(
  tx: Tx,
  input: { callId: string; call: NormalizedCall | null; recordings: NormalizedRecording[] },
): Promise<void> {
  const callId = input.call ? await mergeCall(tx, input.call, null) : await ensureCall(tx, input.callId);
  await upsertRecordings(tx, callId, input.recordings);
  await refreshCallActivity(tx, callId);
}

export async function projectVoicemail(
  tx: Tx,
  input: { callId: string; call: NormalizedCall | null; voicemail: NormalizedMedia },
): Promise<void> {
  const callId = input.call ? await mergeCall(tx, input.call, null) : await ensureCall(tx, input.callId);
  await upsertVoicemail(tx, callId, input.voicemail);
  // A voicemail settles the outcome even when the call row was merged before it arrived.
  const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { outcome: true, hasDetails: true } });
  if (call.hasDetails && call.outcome !== "forwarded" && call.outcome !== "voicemail") {
    await tx.call.update({ where: { id: callId }, data: { outcome: "voicemail" } });
  }
  await refreshCallActivity(tx, callId);
}

/** Summaries and transcripts are versioned by event time: an older version never replaces a newer one. */
export async function projectSummary(tx: Tx, summary: NormalizedSummary, envelope: Envelope): Promise<void> {
  const callId = await ensureCall(tx, summary.callId);
  const versionAt = envelope.occurredAt;
  const data = {
    status: summary.status,
    summary: JSON.stringify(summary.summary),
    nextSteps: JSON.stringify(summary.nextSteps),
    sentiment: summary.sentiment,
    versionAt,
  };
  const stored = await tx.callSummary.findUnique({ where: { callId }, select: { versionAt: true } });
  if (!stored) {
    await tx.callSummary.upsert({ where: { callId }, create: { callId, ...data }, update: {} });
  } else if (versionAt >= stored.versionAt) {
    await tx.callSummary.update({ where: { callId }, data });
  }
  await refreshCallActivity(tx, callId);
}

export async function projectTranscript(tx: Tx, transcript: NormalizedTranscript, envelope: Envelope): Promise<void> {
  const callId = await ensureCall(tx, transcript.callId);
  const versionAt = transcript.createdAt ?? envelope.occurredAt;
  const stored = await tx.callTranscript.findUnique({ where: { callId }, select: { id: true, versionAt: true } });
  if (stored && versionAt < stored.versionAt) return refreshCallActivity(tx, callId);
  const data = { status: transcript.status, duration: transcript.duration, versionAt };
  const row = await tx.callTranscript.upsert({ where: { callId }, create: { callId, ...data }, update: data, select: { id: true } });
  await tx.transcriptSegment.deleteMany({ where: { transcriptId: row.id } });
  if (transcript.dialogue.length > 0) {
    await tx.transcriptSegment.createMany({
      data: transcript.dialogue.map((segment, position) => ({ transcriptId: row.id, position, ...segment })),
    });
  }
  await refreshCallActivity(tx, callId);
}
