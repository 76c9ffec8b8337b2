import { OpenPhoneApiError, describeKind, type OpenPhoneApiErrorKind } from "../../openphone/api/errors";
import { WebhookAdminError, type AdminErrorCode } from "./manager";

export type AdminFailure = { kind: OpenPhoneApiErrorKind | AdminErrorCode; message: string };

/** An expected failure of a webhook operation in words for the page and the CLI; null for a bug (rethrow it). */
export function describeAdminFailure(error: unknown): AdminFailure | null {
  if (error instanceof WebhookAdminError) return { kind: error.code, message: error.message };
  if (error instanceof OpenPhoneApiError) {
    const sentence = describeKind(error.kind);
    // No answer at all: say what the network layer saw (ECONNREFUSED, a DNS failure, the timeout), so
    // an admin can tell a wrong OPENPHONE_API_BASE_URL from an outage.
    const network = !error.apiMessage && error.detail ? ` (${error.detail})` : "";
    const said = error.apiMessage ? ` OpenPhone said: “${error.apiMessage}”.` : "";
    const wait = error.kind === "rate_limited" && error.retryAfterSeconds ? ` Wait ${error.retryAfterSeconds} s.` : "";
    return { kind: error.kind, message: `${sentence[0]!.toUpperCase()}${sentence.slice(1)}${network}.${said}${wait}` };
  }
  return null;
}
