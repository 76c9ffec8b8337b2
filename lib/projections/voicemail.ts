import type { Tx } from "../db/types";
import { outcomeWithVoicemail } from "../openphone/call-lifecycle";
import type { NormalizedCall, NormalizedVoicemail } from "../openphone/normalized";
import { refreshCallActivity } from "./activity-row";
import { ensureCall, mergeCall, upsertVoicemail } from "./call";
import { touched, type ProjectionResult } from "./result";

export async function projectVoicemail(
  tx: Tx,
  input: { callId: string; call: NormalizedCall | null; voicemail: NormalizedVoicemail },
): Promise<ProjectionResult> {
  const callId = input.call ? await mergeCall(tx, input.call, null) : await ensureCall(tx, input.callId);
  await upsertVoicemail(tx, callId, input.voicemail);
  // A voicemail settles the outcome even when the call row was merged before it arrived.
  const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { outcome: true, hasDetails: true } });
  const outcome = outcomeWithVoicemail(call.outcome);
  if (call.hasDetails && outcome !== call.outcome) {
    await tx.call.update({ where: { id: callId }, data: { outcome } });
  }
  return touched(await refreshCallActivity(tx, callId));
}
