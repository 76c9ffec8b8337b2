import type { Tx } from "../db/types";
import type { Envelope, NormalizedEvent } from "../openphone/normalized";
import { projectCall } from "./call";
import { projectContact } from "./contact";
import { projectMessage } from "./message";
import { projectRecording } from "./recording";
import { projectSummary } from "./summary";
import { projectTranscript } from "./transcript";
import { touched, type ProjectionResult } from "./result";
import { projectVoicemail } from "./voicemail";

/**
 * Applies one normalised event to the domain tables, inside the caller's transaction, and reports
 * the timeline rows it touched.
 */
export async function applyEvent(tx: Tx, event: NormalizedEvent, envelope: Envelope): Promise<ProjectionResult> {
  switch (event.kind) {
    case "message":
      return projectMessage(tx, event.message, envelope);
    case "call":
      return projectCall(tx, event.call, event.phase);
    case "call.recording":
      return projectRecording(tx, event);
    case "call.voicemail":
      return projectVoicemail(tx, event);
    case "call.summary":
      return projectSummary(tx, event.summary, envelope);
    case "call.transcript":
      return projectTranscript(tx, event.transcript, envelope);
    case "contact.updated":
      return projectContact(tx, event.contact, envelope, false);
    case "contact.deleted":
      return projectContact(tx, event.contact, envelope, true);
    case "token.validated":
      // A connectivity check: recorded in the event log, nothing to project.
      return touched(null);
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event kind ${(unhandled as { kind: string }).kind}`);
    }
  }
}
