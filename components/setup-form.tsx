"use client";

import { useActionState } from "react";
import { Field, FormAlert, SubmitButton } from "@/components/form-controls";
import { IDLE, type FormState } from "@/lib/auth/forms";
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";

/** First admin (email, name, password) or an invited/reset user (password only). */
export function SetupForm({
  action,
  token,
  purpose,
  email,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  /** The one-time link's token: the credential the action redeems. */
  token: string;
  purpose: "first_admin" | "set_password";
  email?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-5" noValidate>
      <input type="hidden" name="token" value={token} />
      {state.message ? <FormAlert tone="error">{state.message}</FormAlert> : null}
      {purpose === "first_admin" ? (
        <>
          <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={state.values?.email} error={errors.email} />
          <Field label="Name" name="name" autoComplete="name" maxLength={NAME_MAX_LENGTH} defaultValue={state.values?.name} error={errors.name} hint="Optional." />
        </>
      ) : (
        // Lets password managers file the new password under the right account.
        <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      )}
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN_LENGTH}
        maxLength={PASSWORD_MAX_LENGTH}
        autoFocus={purpose === "set_password"}
        error={errors.password}
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A passphrase of a few words works well.`}
      />
      <Field label="Confirm password" name="confirm" type="password" autoComplete="new-password" required error={errors.confirm} />
      <SubmitButton className="w-full" pendingLabel="Saving…">
        {purpose === "first_admin" ? "Create admin account" : "Set password and sign in"}
      </SubmitButton>
    </form>
  );
}
