import { randomBytes } from "node:crypto";
import type { OpenPhoneClient } from "../openphone/api/client";
import type { ArtifactKind } from "./rules";

/** The client methods the watch uses: OpenPhone's per-call reads (/v1/call-recordings/{callId}, …). */
export type ArtifactClient = Pick<OpenPhoneClient["legacy"], "getCallRecordings" | "getCallTranscript" | "getCallSummary" | "getCallVoicemails">;

export type FetchedArtifact =
  /** `body` is a webhook body the receiver's normaliser reads (lib/openphone/events.ts). */
  | { found: true; body: string }
  /** OpenPhone has nothing (yet): `reason` says what it answered. */
  | { found: false; reason: string };

/**
 * Fetches one missing piece through the API client and, when OpenPhone has it, returns it as the
 * webhook OpenPhone would have sent: the v1 per-call answers have the same shape as the `data.object`
 * of the legacy events, so the receiver's own normaliser and projections apply it (no second mapping).
 */
export async function fetchArtifact(client: ArtifactClient, kind: ArtifactKind, callId: string, now: Date): Promise<FetchedArtifact> {
  switch (kind) {
    case "recording": {
      const recordings = (await client.getCallRecordings(callId)).filter((r) => r.url);
      if (recordings.length === 0) return { found: false, reason: "no recording yet" };
      // The 2026-03-30 recording event's shape: the call with its recordings[], all segments at once.
      return found("call.recording.completed", { id: callId, recordings }, now);
    }
    case "transcript": {
      const transcript = await client.getCallTranscript(callId);
      if (transcript.dialogue.length === 0) return { found: false, reason: `transcript ${transcript.status ?? "without dialogue"}` };
      return found("call.transcript.completed", { ...transcript, callId, status: transcript.status ?? "completed" }, now);
    }
    case "summary": {
      const summary = await client.getCallSummary(callId);
      if (summary.summary.length === 0 && summary.nextSteps.length === 0) return { found: false, reason: `summary ${summary.status ?? "empty"}` };
      return found("call.summary.completed", { ...summary, callId, status: summary.status ?? "completed" }, now);
    }
    case "voicemail": {
      const voicemail = await client.getCallVoicemails(callId);
      if (!voicemail.recordingUrl && !voicemail.transcript) return { found: false, reason: `voicemail ${voicemail.status ?? "without audio"}` };
      return found(
        "call.voicemail.completed",
        { callId, voicemailId: voicemail.id, recordingUrl: voicemail.recordingUrl, duration: voicemail.duration, transcript: voicemail.transcript },
        now,
      );
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown artifact kind ${String(never)}`);
    }
  }
}

function found(type: string, object: Record<string, unknown>, now: Date): FetchedArtifact {
  const envelope = {
    // Not a delivery: the id only has to be unique; it is never stored in the event log.
    id: `EVwatch${randomBytes(12).toString("hex")}`,
    object: "event",
    apiVersion: "v3",
    createdAt: now.toISOString(),
    type,
    data: { object },
  };
  return { found: true, body: JSON.stringify(envelope) };
}
