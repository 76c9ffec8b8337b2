"use client";

import { useActionState, type ComponentType } from "react";
import { CheckCircleIcon, InboxIcon, MailDotIcon } from "@/components/icons";

type ActionState = { ok: true } | { ok: false; error: string } | null;
type Action = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** The thread's actions: Mark done or Reopen, and Mark unread. Plain forms, so they work before hydration too. */
export function ConversationActions({
  conversationId,
  state,
  markDone,
  reopen,
  markUnread,
}: {
  conversationId: number;
  state: "open" | "done";
  markDone: Action;
  reopen: Action;
  markUnread: Action;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2">
      {state === "open" ? (
        <ActionButton action={markDone} conversationId={conversationId} label="Mark done" pendingLabel="Marking done…" Icon={CheckCircleIcon} primary />
      ) : (
        <ActionButton action={reopen} conversationId={conversationId} label="Reopen" pendingLabel="Reopening…" Icon={InboxIcon} />
      )}
      <ActionButton action={markUnread} conversationId={conversationId} label="Mark unread" pendingLabel="Marking unread…" Icon={MailDotIcon} />
    </div>
  );
}

function ActionButton({
  action,
  conversationId,
  label,
  pendingLabel,
  Icon,
  primary = false,
}: {
  action: Action;
  conversationId: number;
  label: string;
  pendingLabel: string;
  Icon: ComponentType<{ className?: string }>;
  primary?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} className="contents">
      <input type="hidden" name="conversationId" value={conversationId} />
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending || undefined}
        className={[
          "inline-flex h-8 items-center gap-1.5 rounded-md px-3 text-sm font-medium shadow-xs transition-colors disabled:cursor-wait disabled:opacity-70",
          primary
            ? "bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
            : "bg-white text-zinc-700 ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 dark:bg-white/5 dark:text-zinc-200 dark:ring-white/10 dark:hover:bg-white/10",
        ].join(" ")}
      >
        <Icon className="size-4" />
        {pending ? pendingLabel : label}
      </button>
      {state && !state.ok ? (
        <p role="alert" className="w-full text-xs text-rose-700 dark:text-rose-300">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
