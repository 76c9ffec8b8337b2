"use client";

import { useActionState } from "react";
import { Field, FormAlert, SubmitButton } from "@/components/form-controls";
import { IDLE, type FormState } from "@/lib/auth/forms";

export function SignInForm({ action, next }: { action: (state: FormState, data: FormData) => Promise<FormState>; next?: string }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-5" noValidate>
      {state.message ? <FormAlert tone="error">{state.message}</FormAlert> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field
        label="Email"
        name="email"
        type="email"
        autoComplete="username"
        required
        autoFocus
        defaultValue={state.values?.email}
        error={state.fieldErrors?.email}
      />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={state.fieldErrors?.password} />
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
    </form>
  );
}
