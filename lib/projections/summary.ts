import type { Tx } from "../db/types";
import type { Envelope, NormalizedSummary } from "../openphone/normalized";
import { refreshCallActivity } from "./activity-row";
import { ensureCall } from "./call";
import { touched, type ProjectionResult } from "./result";

/** Summaries are versioned by event time: an older version never replaces a newer one. */
export async function projectSummary(tx: Tx, summary: NormalizedSummary, envelope: Envelope): Promise<ProjectionResult> {
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
  // 2026-03-30 summaries name who answered; the call events may not have (call.completed does not).
  if (summary.answeredBy) await tx.call.updateMany({ where: { id: callId, answeredBy: null }, data: { answeredBy: summary.answeredBy } });
  return touched(await refreshCallActivity(tx, callId));
}
