"use client";

import { useActionState } from "react";
import { FormAlert, SubmitButton } from "@/components/form-controls";
import { OneTimeSecret } from "@/components/one-time-secret";
import { IDLE, type FormState } from "@/lib/auth/forms";

type Row = { id: number; email: string; role: "admin" | "staff"; active: boolean; hasPassword: boolean; isSelf: boolean };

/** The change buttons of one user; each submits `intent` to the same validated action. */
export function UserRowActions({ user, action }: { user: Row; action: (state: FormState, data: FormData) => Promise<FormState> }) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <div className="w-full">
      <form action={formAction} aria-label={`Change ${user.email}`} className="flex flex-wrap items-center gap-2 sm:justify-end">
        <input type="hidden" name="userId" value={user.id} />
        {user.active ? (
          <>
            <SubmitButton tone="secondary" size="sm" name="intent" value={user.role === "admin" ? "make_staff" : "make_admin"}>
              {user.role === "admin" ? "Make staff" : "Make admin"}
            </SubmitButton>
            <SubmitButton tone="secondary" size="sm" name="intent" value="reset_password">
              {user.hasPassword ? "Reset password" : "New invite link"}
            </SubmitButton>
            {user.isSelf ? null : (
              <SubmitButton tone="danger" size="sm" name="intent" value="deactivate">
                Deactivate
              </SubmitButton>
            )}
          </>
        ) : (
          <SubmitButton tone="secondary" size="sm" name="intent" value="reactivate">
            Reactivate
          </SubmitButton>
        )}
      </form>
      {state.status === "error" && state.message ? (
        <div className="mt-3">
          <FormAlert tone="error">{state.message}</FormAlert>
        </div>
      ) : null}
      {state.status === "success" && state.secret ? (
        <div className="mt-3">
          <FormAlert tone="success">
            <p>{state.message}</p>
            <OneTimeSecret value={state.secret} label="Copy reset link" testId="reset-link" />
          </FormAlert>
        </div>
      ) : null}
    </div>
  );
}
