import Link from "next/link";
import type { ReactNode } from "react";
import { AudioPlayer } from "@/components/audio-player";
import { Avatar } from "@/components/avatar";
import { Badge } from "@/components/badge";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { PhoneMissedIcon, VoicemailIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import { contactDisplayName } from "@/lib/contacts/name";
import type { CallbackItem, HandledItem } from "@/lib/callbacks/queue";
import { formatWait } from "@/lib/insights/format";

function inboxLabel(phoneNumber: CallbackItem["phoneNumber"]): string | null {
  if (!phoneNumber) return null;
  return phoneNumber.name ?? (phoneNumber.number ? formatPhoneNumber(phoneNumber.number) : null);
}

function CallbackRow({ item, serverNow, children }: { item: CallbackItem; serverNow: string; children: ReactNode }) {
  const name = contactDisplayName(item.contact, item.contact.number);
  const inbox = inboxLabel(item.phoneNumber);
  return (
    <li data-activity-id={item.activityId} className="flex flex-col gap-3 px-4 py-3.5 sm:flex-row sm:items-start sm:gap-4">
      <div className="flex min-w-0 flex-1 items-start gap-3">
        <Avatar name={name} seed={item.contact.number ?? name} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            {item.conversationId ? (
              <Link href={`/conversations/${item.conversationId}`} className="truncate text-sm font-semibold text-zinc-900 hover:underline dark:text-white">
                {name}
              </Link>
            ) : (
              <span className="truncate text-sm font-semibold text-zinc-900 dark:text-white">{name}</span>
            )}
            {item.outcome === "voicemail" ? (
              <Badge tone="warning">
                <VoicemailIcon className="size-3.5" />
                Voicemail
              </Badge>
            ) : (
              <Badge tone="danger">
                <PhoneMissedIcon className="size-3.5" />
                Missed call
              </Badge>
            )}
          </div>
          <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">
            {item.contact.number && name !== formatPhoneNumber(item.contact.number) ? `${formatPhoneNumber(item.contact.number)} · ` : ""}
            <LocalTime iso={item.occurredAt.toISOString()} format="medium" serverNow={serverNow} />
            {inbox ? ` · to ${inbox}` : ""}
          </p>
          {item.voicemail ? (
            <div className="mt-2.5 max-w-sm rounded-xl bg-zinc-50 p-2 ring-1 ring-zinc-950/5 dark:bg-white/[0.03] dark:ring-white/10">
              <AudioPlayer sources={[item.voicemail]} title={`Voicemail from ${name}`} variant="compact" />
            </div>
          ) : null}
        </div>
      </div>
      <div className="flex shrink-0 items-center justify-between gap-3 pl-[3.25rem] sm:flex-col sm:items-end sm:pl-0">
        {children}
      </div>
    </li>
  );
}

/** The queue: oldest first, each with its waiting time, voicemail player and "Mark handled". */
export function CallbackList({ items, serverNow, action }: { items: CallbackItem[]; serverNow: string; action: (item: CallbackItem) => ReactNode }) {
  return (
    <ul aria-label="Waiting for a callback" className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-white/5 dark:border-white/10 dark:bg-zinc-900">
      {items.map((item) => (
        <CallbackRow key={item.activityId} item={item} serverNow={serverNow}>
          <>
            <WaitingTime item={item} serverNow={serverNow} />
            {action(item)}
          </>
        </CallbackRow>
      ))}
    </ul>
  );
}

function WaitingTime({ item, serverNow }: { item: CallbackItem; serverNow: string }) {
  const waitingSeconds = (Date.parse(serverNow) - item.occurredAt.getTime()) / 1000;
  return (
    <p className="text-sm font-medium text-zinc-900 tabular-nums dark:text-white" data-testid="waiting">
      <span className="sr-only">Waiting </span>
      {formatWait(waitingSeconds)}
      <span className="ml-1 text-xs font-normal text-zinc-500 dark:text-zinc-400">waiting</span>
    </p>
  );
}

/** Recently handled calls, with who marked them and when. */
export function HandledList({ items, serverNow }: { items: HandledItem[]; serverNow: string }) {
  return (
    <ul aria-label="Recently marked handled" className="divide-y divide-zinc-100 overflow-hidden rounded-xl border border-zinc-200 bg-white dark:divide-white/5 dark:border-white/10 dark:bg-zinc-900">
      {items.map((item) => (
        <CallbackRow key={item.activityId} item={item} serverNow={serverNow}>
          <p className="text-xs text-zinc-500 sm:text-right dark:text-zinc-400">
            Handled by <span className="font-medium text-zinc-700 dark:text-zinc-200">{item.handledBy ? (item.handledBy.name ?? item.handledBy.email) : "a removed user"}</span>
            <br />
            <LocalTime iso={item.handledAt.toISOString()} format="relative" serverNow={serverNow} />
          </p>
        </CallbackRow>
      ))}
    </ul>
  );
}
