import { OpenPhoneApiError, describeKind, type OpenPhoneApiErrorKind } from "../../openphone/api/errors";
import { WebhookAdminError, type AdminErrorCode } from "./manager";

export type AdminFailure = { kind: OpenPhoneApiErrorKind | AdminErrorCode; message: string };

/** An expected failure of a webhook operation in words for the page and the CLI; null for a bug (rethrow it). */
export function describeAdminFailure(error: unknown): AdminFailure | null {
  if (error instanceof WebhookAdminError) return { kind: error.code, message: error.message };
  if (error instanceof OpenPhoneApiError) {
    const sentence = describeKind(error.kind);
    const detail = error.apiMessage ? ` OpenPhone said: “${error.apiMessage}”.` : "";
    const wait = error.kind === "rate_limited" && error.retryAfterSeconds ? ` Wait ${error.retryAfterSeconds} s.` : "";
    return { kind: error.kind, message: `${sentence[0]!.toUpperCase()}${sentence.slice(1)}.${detail}${wait}` };
  }
  return null;
}
