"use client";

import { FormAlert } from "@/components/form-controls";
import { CheckIcon, XIcon } from "@/components/icons";
import { OneTimeSecret } from "@/components/one-time-secret";
import type { WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";

const STEPS = [
  ["sent", "Sent"],
  ["received", "Received"],
  ["verified", "Verified"],
  ["stored", "Stored"],
] as const;

/** The answer of a webhook action: a message, a test's round trip, or a revealed key. */
export function ActionResult({ state }: { state: WebhookActionState }) {
  if (state.status === "idle") return null;
  return (
    <div className="mt-3 space-y-2" data-testid="action-result" data-status={state.status} data-kind={state.kind}>
      {state.test ? (
        <ol aria-label="Test round trip" data-testid="test-round-trip" className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs font-medium">
          {STEPS.map(([key, label]) => {
            const ok = state.test![key];
            return (
              <li key={key} data-step={key} data-ok={ok} className={`inline-flex items-center gap-1 ${ok ? "text-emerald-700 dark:text-emerald-300" : "text-zinc-400 dark:text-zinc-500"}`}>
                {ok ? <CheckIcon className="size-3.5" /> : <XIcon className="size-3.5" />}
                {label}
              </li>
            );
          })}
          <li className="text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="test-ms">
            {state.test.ms} ms
          </li>
        </ol>
      ) : null}
      {state.message || state.secret ? (
        <FormAlert tone={state.status === "error" ? "error" : "success"}>
          {state.message ? <p>{state.message}</p> : null}
          {state.secret ? <OneTimeSecret value={state.secret} label="Copy signing key" testId="revealed-key" /> : null}
        </FormAlert>
      ) : null}
    </div>
  );
}
