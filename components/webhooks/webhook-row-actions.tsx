"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/components/button-styles";
import { SubmitButton } from "@/components/form-controls";
import { IDLE_WEBHOOK_STATE, type WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";
import { ActionResult } from "./action-result";

type Action = (state: WebhookActionState, data: FormData) => Promise<WebhookActionState>;

/** Test, enable/disable, rotate, reveal and delete (with a confirmation step) for one subscription. */
export function WebhookRowActions({
  action,
  id,
  generation,
  status,
  hasKey,
}: {
  action: Action;
  id: string;
  generation: "legacy" | "2026";
  status: "enabled" | "disabled";
  hasKey: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE_WEBHOOK_STATE);
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="w-full">
      <form action={formAction} aria-label={`Manage webhook ${id}`} className="flex flex-wrap items-center gap-2 sm:justify-end">
        <input type="hidden" name="id" value={id} />
        {confirming ? (
          <>
            <span className="text-xs text-zinc-600 dark:text-zinc-300">Delete this webhook? OpenPhone stops delivering at once.</span>
            <SubmitButton tone="danger" size="sm" name="intent" value="delete" pendingLabel="Deleting…">
              Yes, delete
            </SubmitButton>
            <button type="button" className={buttonClass("secondary", "sm")} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <SubmitButton tone="secondary" size="sm" name="intent" value="test" pendingLabel="Testing…">
              Test
            </SubmitButton>
            {generation === "2026" ? (
              <>
                <SubmitButton tone="secondary" size="sm" name="intent" value={status === "enabled" ? "disable" : "enable"}>
                  {status === "enabled" ? "Disable" : "Enable"}
                </SubmitButton>
                <SubmitButton tone="secondary" size="sm" name="intent" value="rotate" pendingLabel="Rotating…">
                  Rotate key
                </SubmitButton>
              </>
            ) : null}
            {hasKey ? (
              <SubmitButton tone="secondary" size="sm" name="intent" value="reveal">
                Reveal key
              </SubmitButton>
            ) : null}
            <button type="button" className={buttonClass("danger", "sm")} onClick={() => setConfirming(true)}>
              Delete
            </button>
          </>
        )}
      </form>
      <ActionResult state={state} />
    </div>
  );
}
