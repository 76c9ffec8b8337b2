"use client";

import { useActionState } from "react";
import { Field, FormAlert, SubmitButton } from "@/components/form-controls";
import { OneTimeSecret } from "@/components/one-time-secret";
import { IDLE, type FormState } from "@/lib/auth/forms";
import { TOKEN_NAME_MAX_LENGTH } from "@/lib/auth/schemas";

export function CreateTokenForm({ action }: { action: (state: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} aria-label="Create an API token" className="space-y-4" noValidate>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="sm:w-80">
          <Field
            label="Name"
            name="name"
            autoComplete="off"
            required
            maxLength={TOKEN_NAME_MAX_LENGTH}
            placeholder="Nightly CSV export"
            defaultValue={state.status === "error" ? state.values?.name : undefined}
            error={state.fieldErrors?.name}
            hint="Who or what uses it, so you know what breaks when you revoke it."
          />
        </div>
        <SubmitButton className="sm:mt-7" pendingLabel="Creating…">
          Create token
        </SubmitButton>
      </div>
      {state.status === "success" && state.secret ? (
        <FormAlert tone="success">
          <p>{state.message}</p>
          <OneTimeSecret value={state.secret} label="Copy API token" testId="new-api-token" />
        </FormAlert>
      ) : null}
    </form>
  );
}
