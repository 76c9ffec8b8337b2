import type { IngestResult } from "./ingest";

/** The JSON body OpenPhone (and a human with curl) gets back; never an internal detail or secret. */
export function ingestResponseBody(result: IngestResult): Record<string, unknown> {
  switch (result.outcome) {
    case "processed":
    case "duplicate":
    case "ignored":
      return { ok: true, status: result.outcome, eventId: result.eventId };
    case "invalid":
      return { ok: true, status: "invalid", eventId: result.eventId, error: result.error };
    case "rejected":
      return { ok: false, error: "invalid_signature", reason: result.reason };
    case "too_large":
      return { ok: false, error: "payload_too_large", maxBytes: result.maxBytes };
    case "no_secret_configured":
      return { ok: false, error: "no_signing_secret_configured" };
    case "database_unavailable":
      return { ok: false, error: "temporarily_unavailable" };
    case "failed":
      return { ok: false, error: "processing_failed", eventId: result.eventId };
    default: {
      const unhandled: never = result;
      return unhandled;
    }
  }
}
