"use client";

import { useActionState } from "react";
import { Field, FormAlert, SubmitButton } from "@/components/form-controls";
import { RetryIcon } from "@/components/icons";
import { IDLE, type FormState } from "@/lib/auth/forms";

/** Range, numbers and dry run for a backfill; empty fields mean everything. */
export function BackfillForm({ action, disabled }: { action: (state: FormState, data: FormData) => Promise<FormState>; disabled: boolean }) {
  const [state, formAction] = useActionState(action, IDLE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" aria-label="Backfill options">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First day (UTC)" name="since" type="date" defaultValue={state.values?.since} error={errors.since} />
        <Field label="Last day (UTC)" name="until" type="date" defaultValue={state.values?.until} error={errors.until} />
      </div>
      <Field
        label="Workspace numbers"
        name="phoneNumbers"
        placeholder="PN…, PN…"
        defaultValue={state.values?.phoneNumbers}
        error={errors.phoneNumbers}
        hint="Empty for every number. OpenPhone's PN… ids, as Admin → Webhooks lists them."
        autoComplete="off"
        spellCheck={false}
      />
      <label className="flex items-start gap-2.5 text-sm text-zinc-800 dark:text-zinc-200">
        <input
          type="checkbox"
          name="dryRun"
          className="mt-0.5 size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-600 dark:border-white/20 dark:bg-white/5 dark:focus:ring-indigo-400"
        />
        <span>
          Dry run
          <span className="block text-xs text-zinc-500 dark:text-zinc-400">Report what is missing without writing anything.</span>
        </span>
      </label>
      <div className="flex flex-wrap items-center gap-3">
        <SubmitButton pendingLabel="Starting…" disabled={disabled} data-testid="start-backfill">
          <RetryIcon className="size-4" />
          Backfill
        </SubmitButton>
        {disabled ? <p className="text-sm text-zinc-500 dark:text-zinc-400">A backfill is running.</p> : null}
      </div>
      {state.message ? (
        <div data-testid="start-backfill-result">
          <FormAlert tone={state.status === "error" ? "error" : "success"}>{state.message}</FormAlert>
        </div>
      ) : null}
    </form>
  );
}
