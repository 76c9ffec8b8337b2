"use client";

import { useActionState, useState, type ReactNode } from "react";
import { buttonClass, type ButtonTone } from "@/components/button-styles";
import { SubmitButton } from "@/components/form-controls";
import { IDLE, type FormState } from "@/lib/auth/forms";

/**
 * A server action behind one button (replay, bulk replay, cancel, prune), with an optional
 * confirming second click and the action's answer shown next to it.
 */
export function ActionButton({
  action,
  fields = {},
  label,
  pendingLabel,
  confirm,
  tone = "secondary",
  icon,
  testId,
}: {
  action: (state: FormState, data: FormData) => Promise<FormState>;
  fields?: Record<string, string | undefined>;
  label: string;
  pendingLabel: string;
  /** When set, the first click asks this question and a second click runs the action. */
  confirm?: string;
  tone?: ButtonTone;
  icon?: ReactNode;
  testId?: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  const hidden = Object.entries(fields).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return (
    <div className="flex flex-col items-start gap-2">
      {confirm && !confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className={buttonClass(tone, "sm")} data-testid={testId}>
          {icon}
          {label}
        </button>
      ) : (
        <form action={formAction} onSubmit={() => setConfirming(false)} className="flex flex-wrap items-center gap-2">
          {hidden.map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {confirm ? <span className="text-sm text-zinc-700 dark:text-zinc-300">{confirm}</span> : null}
          <SubmitButton tone={confirm ? "primary" : tone} size="sm" pendingLabel={pendingLabel} data-testid={confirm ? `${testId}-confirm` : testId}>
            {icon}
            {confirm ? "Yes, go" : label}
          </SubmitButton>
          {confirm ? (
            <button type="button" onClick={() => setConfirming(false)} className={buttonClass("secondary", "sm")}>
              Cancel
            </button>
          ) : null}
        </form>
      )}
      {state.message ? (
        <p
          role={state.status === "error" ? "alert" : "status"}
          data-testid={testId ? `${testId}-result` : undefined}
          className={`text-sm ${state.status === "error" ? "text-rose-700 dark:text-rose-300" : "text-emerald-700 dark:text-emerald-300"}`}
        >
          {state.message}
        </p>
      ) : null}
    </div>
  );
}
