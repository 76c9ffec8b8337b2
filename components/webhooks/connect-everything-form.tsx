"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/form-controls";
import { IDLE_WEBHOOK_STATE, type WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";
import { ActionResult } from "./action-result";

type Action = (state: WebhookActionState, data: FormData) => Promise<WebhookActionState>;

/** One button that subscribes every event family to this app; running it again creates nothing. */
export function ConnectEverythingForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, IDLE_WEBHOOK_STATE);
  return (
    <div>
      <form action={formAction} className="flex flex-wrap items-end gap-3" aria-label="Connect everything">
        <fieldset className="flex items-center gap-1 rounded-md bg-zinc-100 p-0.5 text-sm dark:bg-white/5">
          <legend className="sr-only">API generation</legend>
          {(
            [
              ["2026", "2026-03-30"],
              ["legacy", "Legacy v1"],
            ] as const
          ).map(([value, label], i) => (
            <label
              key={value}
              className="cursor-pointer rounded px-2.5 py-1 text-zinc-600 has-[:checked]:bg-white has-[:checked]:text-zinc-950 has-[:checked]:shadow-xs dark:text-zinc-400 dark:has-[:checked]:bg-white/10 dark:has-[:checked]:text-white"
            >
              <input type="radio" name="generation" value={value} defaultChecked={i === 0} className="sr-only" />
              {label}
            </label>
          ))}
        </fieldset>
        <SubmitButton pendingLabel="Connecting…" data-testid="connect-everything">
          Connect everything
        </SubmitButton>
      </form>
      <ActionResult state={state} />
    </div>
  );
}
