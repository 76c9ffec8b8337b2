/** What went wrong talking to OpenPhone, in words a page or the CLI can act on. */
export type OpenPhoneApiErrorKind =
  | "not_configured"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "bad_request"
  | "rate_limited"
  | "server"
  | "unreachable"
  | "timeout"
  | "invalid_response";

/** OpenPhone's error body: `{ message, code, status, title, errors? }` (design §5, fact sheet C). */
export type OpenPhoneErrorBody = {
  message?: string;
  title?: string;
  code?: string;
  errors?: { path?: string; message?: string }[];
};

/** The one error every OpenPhone call throws. Never carries the API key or a signing secret. */
export class OpenPhoneApiError extends Error {
  readonly kind: OpenPhoneApiErrorKind;
  /** HTTP status of the last answer; null when there was none (unreachable, timeout). */
  readonly status: number | null;
  readonly title: string | null;
  readonly apiMessage: string | null;
  readonly code: string | null;
  /** `Retry-After` of a final 429, in seconds. */
  readonly retryAfterSeconds: number | null;
  readonly operation: string;
  /** What the network layer said when there was no answer (e.g. `ECONNREFUSED`, "no answer within 15000 ms"). */
  readonly detail: string | null;

  constructor(input: {
    kind: OpenPhoneApiErrorKind;
    operation: string;
    status?: number | null;
    body?: OpenPhoneErrorBody | null;
    retryAfterSeconds?: number | null;
    detail?: string;
  }) {
    const apiMessage = input.body?.message ?? null;
    super(`${input.operation}: ${describeKind(input.kind)}${apiMessage ? ` (${apiMessage})` : input.detail ? ` (${input.detail})` : ""}`);
    this.name = "OpenPhoneApiError";
    this.kind = input.kind;
    this.operation = input.operation;
    this.status = input.status ?? null;
    this.title = input.body?.title ?? null;
    this.apiMessage = apiMessage;
    this.code = input.body?.code ?? null;
    this.retryAfterSeconds = input.retryAfterSeconds ?? null;
    this.detail = input.detail ?? null;
  }
}

export function kindForStatus(status: number): OpenPhoneApiErrorKind {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server";
  return "bad_request";
}

/** One sentence per kind, shown by the admin page and the CLI. */
export function describeKind(kind: OpenPhoneApiErrorKind): string {
  switch (kind) {
    case "not_configured":
      return "no OpenPhone API key is configured (set OPENPHONE_API_KEY)";
    case "unauthorized":
      return "OpenPhone rejected the API key (check OPENPHONE_API_KEY)";
    case "forbidden":
      return "the API key may not do this";
    case "not_found":
      return "OpenPhone does not know this resource";
    case "bad_request":
      return "OpenPhone refused the request";
    case "rate_limited":
      return "OpenPhone is rate limiting this API key; try again shortly";
    case "server":
      return "OpenPhone had an internal error";
    case "unreachable":
      return "OpenPhone could not be reached";
    case "timeout":
      return "OpenPhone did not answer in time";
    case "invalid_response":
      return "OpenPhone answered with something unexpected";
    default: {
      const never: never = kind;
      return never;
    }
  }
}
