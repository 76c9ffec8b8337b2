import type { Tx } from "../db/types";
import { callLifecycleRank, deriveCallOutcome, mergeCallOutcome, type CallPhase } from "../openphone/call-lifecycle";
import type { NormalizedCall, NormalizedRecording, NormalizedVoicemail } from "../openphone/normalized";
import { refreshCallActivity } from "./activity-row";
import { contactIdsColumn, linkParties } from "./parties";
import { touched, type ProjectionResult } from "./result";

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
      openphoneUrl: true,
      contactIds: true,
      voicemail: { select: { id: true } },
    },
  });
  const rank = callLifecycleRank(phase, call.status);
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
    // A call's thread is the first external party's (group calls are shown by their first caller).
    participants: [],
    group: false,
    openphoneConversationId: call.conversationId,
    deepLink: call.deepLink,
    contactIds: call.contactIds,
    contactLookup: call.contactLookup,
    activityAt: occurredAt ?? new Date(0),
  });
  const contactIds = contactIdsColumn(call.contactIds, call.contactLookup);
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
    openphoneUrl: pick(advance, call.deepLink, stored.openphoneUrl),
    contactIds: pick(advance, contactIds ?? null, stored.contactIds),
  };
  const derived = deriveCallOutcome({
    phase: advance ? phase : null,
    direction: merged.direction,
    status: merged.status,
    answeredAt: merged.answeredAt,
    completedAt: merged.completedAt,
    forwardedTo: merged.forwardedTo,
    // Once a voicemail is known (attached, announced by hasVoicemail, or already the outcome) it stays.
    hasVoicemail: stored.voicemail !== null || call.hasVoicemail || stored.outcome === "voicemail",
  });
  // A settled outcome is never replaced by an unsettled one (ringing/in progress).
  const outcome = mergeCallOutcome(stored.outcome, derived);

  await tx.call.update({
    where: { id: callId },
    data: { ...merged, outcome, hasDetails: merged.occurredAt !== null, statusRank: Math.max(rank, stored.statusRank) },
  });
  if (call.voicemail) await upsertVoicemail(tx, callId, call.voicemail);
  if (call.recordings.length > 0) await upsertRecordings(tx, callId, call.recordings);
  return callId;
}

/** A later voicemail event fills what an earlier one lacked (the transcript follows the recording); nothing known is erased. */
export async function upsertVoicemail(tx: Tx, callId: number, voicemail: NormalizedVoicemail): Promise<void> {
  const data = {
    ...(voicemail.id !== null ? { openphoneId: voicemail.id } : {}),
    ...(voicemail.url !== null ? { url: voicemail.url, contentType: voicemail.contentType } : {}),
    ...(voicemail.duration !== null ? { duration: voicemail.duration } : {}),
    ...(voicemail.transcript !== null ? { transcript: voicemail.transcript } : {}),
  };
  await tx.voicemail.upsert({ where: { callId }, create: { callId, ...data }, update: data });
}

export async function upsertRecordings(tx: Tx, callId: number, recordings: NormalizedRecording[]): Promise<void> {
  for (const [position, recording] of recordings.entries()) {
    // The same file comes with its CR… id (2026 events, the API) or without one (app webhooks):
    // a row already holding this URL is that recording, whichever key it was stored under.
    const sameUrl = await tx.recording.findFirst({ where: { callId, url: recording.url }, select: { key: true } });
    const key = sameUrl?.key ?? recording.id ?? recording.url;
    const data = {
      ...(recording.id !== null ? { openphoneId: recording.id } : {}),
      position,
      url: recording.url,
      contentType: recording.contentType,
      duration: recording.duration,
      size: recording.size,
    };
    await tx.recording.upsert({ where: { callId_key: { callId, key } }, create: { callId, key, ...data }, update: data });
  }
}

export async function projectCall(tx: Tx, call: NormalizedCall, phase: CallPhase): Promise<ProjectionResult> {
  const callId = await mergeCall(tx, call, phase);
  return touched(await refreshCallActivity(tx, callId));
}
