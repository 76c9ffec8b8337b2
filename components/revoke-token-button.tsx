"use client";

import { useActionState, useState } from "react";
import { buttonClass } from "@/components/button-styles";
import { SubmitButton } from "@/components/form-controls";
import { IDLE, type FormState } from "@/lib/auth/forms";

/** Revoke with one confirming click; revoking cannot be undone. */
export function RevokeTokenButton({
  tokenId,
  name,
  action,
}: {
  tokenId: number;
  name: string;
  action: (state: FormState, data: FormData) => Promise<FormState>;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <button type="button" onClick={() => setConfirming(true)} className={buttonClass("danger", "sm")} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
    );
  }
  return (
    <form action={formAction} className="flex flex-wrap items-center justify-end gap-2">
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton tone="danger" size="sm" pendingLabel="Revoking…" aria-label={`Confirm revoking ${name}`}>
        Yes, revoke
      </SubmitButton>
      <button type="button" onClick={() => setConfirming(false)} className={buttonClass("secondary", "sm")}>
        Cancel
      </button>
      {state.status === "error" ? <p className="w-full text-right text-xs text-rose-600 dark:text-rose-400">{state.message}</p> : null}
    </form>
  );
}
