"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/form-controls";
import { IDLE_WEBHOOK_STATE, type WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";
import { ActionResult } from "./action-result";

/** The guided legacy → 2026 switch: create, verify, then delete. */
export function SwitchWebhooksForm({ action }: { action: (state: WebhookActionState, formData: FormData) => Promise<WebhookActionState> }) {
  const [state, formAction] = useActionState(action, IDLE_WEBHOOK_STATE);
  return (
    <div>
      <form action={formAction}>
        <SubmitButton tone="secondary" pendingLabel="Switching…" data-testid="switch-to-2026">
          Switch to 2026 webhooks
        </SubmitButton>
      </form>
      <ActionResult state={state} />
    </div>
  );
}
