"use client";

import { useActionState } from "react";
import { Field, SelectField, SubmitButton } from "@/components/form-controls";
import { IDLE_WEBHOOK_STATE, type WebhookActionState } from "@/lib/webhooks/subscriptions/action-state";
import { ActionResult } from "./action-result";

type Action = (state: WebhookActionState, data: FormData) => Promise<WebhookActionState>;

/** One subscription: an event family, optionally limited to some numbers, to any URL. */
export function CreateWebhookForm({
  action,
  defaultUrl,
  families,
  phoneNumbers,
}: {
  action: Action;
  defaultUrl: string;
  families: { value: string; label: string }[];
  phoneNumbers: { id: string; label: string }[];
}) {
  const [state, formAction] = useActionState(action, IDLE_WEBHOOK_STATE);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} aria-label="New subscription" className="grid gap-4 sm:grid-cols-2">
      <SelectField label="Events" name="family" error={errors.family} defaultValue={families[0]?.value}>
        {families.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="API generation" name="generation" error={errors.generation} defaultValue="2026">
        <option value="2026">2026-03-30 (Standard Webhooks)</option>
        <option value="legacy">Legacy v1</option>
      </SelectField>
      <div className="sm:col-span-2">
        <Field label="URL" name="url" type="url" required defaultValue={defaultUrl} error={errors.url} />
      </div>
      <Field label="Label" name="label" placeholder="OpenPhone Inbox" maxLength={100} error={errors.label} />
      <fieldset>
        <legend className="block text-sm font-medium text-zinc-900 dark:text-zinc-100">Phone numbers</legend>
        <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">None ticked: every number.</p>
        <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1.5">
          {phoneNumbers.map((n) => (
            <label key={n.id} className="inline-flex items-center gap-2 text-sm text-zinc-700 dark:text-zinc-300">
              <input type="checkbox" name="numbers" value={n.id} className="size-4 rounded border-zinc-300 accent-indigo-600" />
              {n.label}
            </label>
          ))}
        </div>
        {errors.numbers ? <p className="mt-1.5 text-xs text-rose-600 dark:text-rose-400">{errors.numbers}</p> : null}
      </fieldset>
      <div className="sm:col-span-2">
        <SubmitButton pendingLabel="Creating…" tone="secondary">
          Create subscription
        </SubmitButton>
        <ActionResult state={state} />
      </div>
    </form>
  );
}
