import type { Tx } from "../db/types";
import type { NormalizedCall, NormalizedRecording } from "../openphone/normalized";
import { refreshCallActivity } from "./activity-row";
import { ensureCall, mergeCall, upsertRecordings } from "./call";
import { touched, type ProjectionResult } from "./result";

/** call.recording.completed: the recordings of a call, with the call object when the event carries one. */
export async function projectRecording(
  tx: Tx,
  input: { callId: string; call: NormalizedCall | null; recordings: NormalizedRecording[] },
): Promise<ProjectionResult> {
  const callId = input.call ? await mergeCall(tx, input.call, null) : await ensureCall(tx, input.callId);
  await upsertRecordings(tx, callId, input.recordings);
  return touched(await refreshCallActivity(tx, callId));
}
