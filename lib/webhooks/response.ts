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

/** A body that was not read to the end: too large (413), too slow (408) or too many at once (503). */
export function unreadBodyResponse(reason: "too_large" | "timeout" | "busy", maxBytes: number): Response {
  const headers = { "Cache-Control": "no-store" };
  switch (reason) {
    case "too_large":
      return Response.json({ ok: false, error: "payload_too_large", maxBytes }, { status: 413, headers });
    case "timeout":
      return Response.json({ ok: false, error: "request_timeout" }, { status: 408, headers: { ...headers, Connection: "close" } });
    case "busy":
      return Response.json({ ok: false, error: "temporarily_unavailable" }, { status: 503, headers: { ...headers, "Retry-After": "5" } });
    default: {
      const unhandled: never = reason;
      return unhandled;
    }
  }
}
