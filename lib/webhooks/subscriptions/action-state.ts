import type { TestResult } from "./manager";

/** What a webhook server action returns to its form (useActionState). Secrets only in `secret`, only on reveal. */
export type WebhookActionState = {
  status: "idle" | "error" | "success";
  message?: string;
  /** The failure kind (unauthorized, rate_limited, …) so the form can style it. */
  kind?: string;
  fieldErrors?: Record<string, string | undefined>;
  test?: TestResult;
  secret?: string;
};

export const IDLE_WEBHOOK_STATE: WebhookActionState = { status: "idle" };
