"use client";

import { useActionState } from "react";
import { CheckCircleIcon } from "@/components/icons";

type State = { ok: true } | { ok: false; error: string } | null;

/** "Mark handled": a plain form, so it works before hydration too. */
export function MarkHandledButton({ activityId, label, action }: { activityId: number; label: string; action: (previous: State, formData: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="flex items-center gap-2">
      <input type="hidden" name="activityId" value={activityId} />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending || undefined}
        aria-label={`Mark handled: ${label}`}
        className="inline-flex h-8 items-center gap-1.5 rounded-md bg-white px-3 text-sm font-medium text-zinc-800 shadow-xs ring-1 ring-zinc-300 ring-inset transition-colors hover:bg-zinc-50 disabled:cursor-wait disabled:opacity-70 dark:bg-white/5 dark:text-zinc-100 dark:ring-white/10 dark:hover:bg-white/10"
      >
        <CheckCircleIcon className="size-4" />
        {pending ? "Marking…" : "Mark handled"}
      </button>
      {state && !state.ok ? (
        <span role="alert" className="text-xs text-rose-600 dark:text-rose-400">
          {state.error}
        </span>
      ) : null}
    </form>
  );
}
