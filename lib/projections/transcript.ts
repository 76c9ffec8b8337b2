import type { Tx } from "../db/types";
import type { Envelope, NormalizedTranscript } from "../openphone/normalized";
import { refreshCallActivity } from "./activity-row";
import { ensureCall } from "./call";
import { touched, type ProjectionResult } from "./result";

/** Transcripts are versioned by their creation time (else event time): an older version never replaces a newer one. */
export async function projectTranscript(tx: Tx, transcript: NormalizedTranscript, envelope: Envelope): Promise<ProjectionResult> {
  const callId = await ensureCall(tx, transcript.callId);
  const versionAt = transcript.createdAt ?? envelope.occurredAt;
  const stored = await tx.callTranscript.findUnique({ where: { callId }, select: { id: true, versionAt: true } });
  if (stored && versionAt < stored.versionAt) return touched(await refreshCallActivity(tx, callId));
  const data = { status: transcript.status, duration: transcript.duration, versionAt };
  const row = await tx.callTranscript.upsert({ where: { callId }, create: { callId, ...data }, update: data, select: { id: true } });
  await tx.transcriptSegment.deleteMany({ where: { transcriptId: row.id } });
  if (transcript.dialogue.length > 0) {
    await tx.transcriptSegment.createMany({
      data: transcript.dialogue.map((segment, position) => ({ transcriptId: row.id, position, ...segment })),
    });
  }
  return touched(await refreshCallActivity(tx, callId));
}
