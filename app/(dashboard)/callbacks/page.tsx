import type { Metadata } from "next";
import { connection } from "next/server";
import { EmptyPanel } from "@/components/card";
import { CallbackList, HandledList } from "@/components/callbacks/callback-list";
import { CallbackQueueLive } from "@/components/callbacks/callback-queue-live";
import { MarkHandledButton } from "@/components/callbacks/mark-handled-button";
import { PageHeader } from "@/components/page-header";
import { contactDisplayName } from "@/lib/contacts/name";
import { requireUser } from "@/lib/auth/guards";
import { CALLBACK_QUEUE_LIMIT, countCallbackQueue, listCallbackQueue, listRecentlyHandled } from "@/lib/callbacks/queue";
import { getDatabase } from "@/lib/db";
import { markHandledAction } from "./actions";

export const metadata: Metadata = { title: "Callbacks" };

/** Missed calls and voicemails nobody has called or texted back yet, oldest first. */
export default async function CallbacksPage() {
  await requireUser();
  await connection(); // reads the database: render per request, never at build time
  const db = getDatabase();
  const [items, total, handled] = await Promise.all([listCallbackQueue(db), countCallbackQueue(db), listRecentlyHandled(db)]);
  const serverNow = new Date().toISOString();
  return (
    <>
      <PageHeader
        title="Callbacks"
        description="Missed calls and voicemails not yet followed by a call or text to that contact, oldest first. A callback from any number takes them off the list."
        actions={<CallbackQueueLive />}
      />
      <section aria-labelledby="queue-heading" className="space-y-3">
        <h2 id="queue-heading" className="text-sm font-semibold text-zinc-900 dark:text-white">
          Waiting <span className="ml-1 text-zinc-500 tabular-nums dark:text-zinc-400" data-testid="callback-count">{total.toLocaleString("en-US")}</span>
        </h2>
        {items.length === 0 ? (
          <EmptyPanel title="Everyone has been called back">Missed calls and voicemails show up here until someone calls or texts that contact back.</EmptyPanel>
        ) : (
          <CallbackList
            items={items}
            serverNow={serverNow}
            action={(item) => <MarkHandledButton activityId={item.activityId} label={contactDisplayName(item.contact, item.contact.number)} action={markHandledAction} />}
          />
        )}
        {total > items.length ? <p className="text-xs text-zinc-500 dark:text-zinc-400">Showing the {CALLBACK_QUEUE_LIMIT} oldest of {total.toLocaleString("en-US")}.</p> : null}
      </section>
      {handled.length > 0 ? (
        <section aria-labelledby="handled-heading" className="mt-10 space-y-3">
          <h2 id="handled-heading" className="text-sm font-semibold text-zinc-900 dark:text-white">
            Recently marked handled
          </h2>
          <HandledList items={handled} serverNow={serverNow} />
        </section>
      ) : null}
    </>
  );
}
