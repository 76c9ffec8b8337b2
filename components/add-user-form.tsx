"use client";

import { useActionState } from "react";
import { Field, FormAlert, SelectField, SubmitButton } from "@/components/form-controls";
import { OneTimeSecret } from "@/components/one-time-secret";
import { IDLE, type FormState } from "@/lib/auth/forms";
import { NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";

export function AddUserForm({ action }: { action: (state: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label="Add a user" className="space-y-4" noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Email" name="email" type="email" autoComplete="off" required defaultValue={state.values?.email} error={errors.email} />
        <Field label="Name" name="name" autoComplete="off" maxLength={NAME_MAX_LENGTH} defaultValue={state.values?.name} error={errors.name} hint="Optional." />
        <SelectField label="Role" name="role" defaultValue={state.values?.role ?? "staff"} error={errors.role}>
          <option value="staff">Staff: reads activity, plays recordings</option>
          <option value="admin">Admin: also manages users, tokens and webhooks</option>
        </SelectField>
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          minLength={PASSWORD_MIN_LENGTH}
          maxLength={PASSWORD_MAX_LENGTH}
          error={errors.password}
          hint="Leave empty to get an invite link where they choose their own."
        />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Adding…">Add user</SubmitButton>
      </div>
      {state.status === "error" && state.message ? <FormAlert tone="error">{state.message}</FormAlert> : null}
      {state.status === "success" ? (
        <FormAlert tone="success">
          <p>{state.message}</p>
          {state.secret ? <OneTimeSecret value={state.secret} label="Copy invite link" testId="invite-link" /> : null}
        </FormAlert>
      ) : null}
    </form>
  );
}
