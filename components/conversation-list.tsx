import Link from "next/link";
import { Avatar } from "@/components/avatar";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { MessageIcon, PaperclipIcon, PhoneIcon } from "@/components/icons";
import { CALL_OUTCOMES, TONE_TEXT, isCallOutcome, presentActivityStatus, type IconComponent } from "@/components/status-presentation";
import { LocalTime } from "@/components/local-time";
import { contactDisplayName, contactFullName, groupDisplayName } from "@/lib/contacts/name";
import type { ConversationListRow, ConversationPreview } from "@/lib/conversations/queries";

/** The inbox: one row per conversation (workspace number × contact), most recently active first. */
export function ConversationList({ rows, serverNow, label }: { rows: ConversationListRow[]; serverNow: string; label: string }) {
  return (
    <ul
      aria-label={label}
      className="divide-y divide-zinc-200/80 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/[0.07] dark:border-white/10 dark:bg-zinc-900"
    >
      {rows.map((row) => (
        <ConversationRow key={row.id} row={row} serverNow={serverNow} />
      ))}
    </ul>
  );
}

function ConversationRow({ row, serverNow }: { row: ConversationListRow; serverNow: string }) {
  const name = row.members ? groupDisplayName(row.members) : contactDisplayName(row.contact, row.participant);
  const hasName = !row.members && (contactFullName(row.contact) !== null || !!row.contact?.company);
  const line = row.phoneNumber.name ?? (row.phoneNumber.number ? formatPhoneNumber(row.phoneNumber.number) : "Workspace number");
  const preview = describePreview(row.latest);
  const counts = [
    row.messageCount ? `${row.messageCount} ${row.messageCount === 1 ? "message" : "messages"}` : null,
    row.callCount ? `${row.callCount} ${row.callCount === 1 ? "call" : "calls"}` : null,
  ].filter(Boolean);

  return (
    <li data-conversation-id={row.id} data-unread={row.unread || undefined}>
      <Link
        href={`/conversations/${row.id}`}
        className="group relative flex gap-3 px-4 py-3.5 transition-colors hover:bg-zinc-50 focus-visible:-outline-offset-2 sm:gap-3.5 sm:px-5 dark:hover:bg-white/[0.025]"
      >
        <span className="absolute top-1/2 left-1.5 -translate-y-1/2 sm:left-2" aria-hidden={!row.unread}>
          {row.unread ? (
            <>
              <span className="block size-2 rounded-full bg-indigo-600 dark:bg-indigo-400" />
              <span className="sr-only">Unread</span>
            </>
          ) : null}
        </span>
        <Avatar name={name} seed={row.participant} />
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-2">
            <p className={`min-w-0 truncate text-sm ${row.unread ? "font-semibold text-zinc-950 dark:text-white" : "font-medium text-zinc-900 dark:text-zinc-100"}`}>
              {name}
              {row.members ? <span className="ml-1.5 font-normal text-zinc-500 dark:text-zinc-400">· group of {row.members.length}</span> : null}
              {hasName ? <span className="ml-1.5 hidden font-normal text-zinc-500 sm:inline dark:text-zinc-400">{formatPhoneNumber(row.participant)}</span> : null}
            </p>
            <LocalTime
              iso={row.lastActivityAt.toISOString()}
              format="relative"
              serverNow={serverNow}
              className={`ml-auto shrink-0 text-xs tabular-nums ${row.unread ? "font-medium text-indigo-700 dark:text-indigo-300" : "text-zinc-500 dark:text-zinc-400"}`}
            />
          </div>
          <div className="mt-0.5 flex items-center gap-2">
            <p className={`flex min-w-0 flex-1 items-center gap-1.5 text-sm ${row.unread ? "text-zinc-800 dark:text-zinc-200" : "text-zinc-500 dark:text-zinc-400"}`}>
              <preview.Icon className={`size-3.5 shrink-0 ${preview.tone}`} />
              <span className="truncate">{preview.text}</span>
            </p>
            {row.unreadCount > 0 ? (
              <span className="inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-[11px] font-semibold text-white tabular-nums dark:bg-indigo-500">
                {row.unreadCount > 99 ? "99+" : row.unreadCount}
                <span className="sr-only"> unread</span>
              </span>
            ) : null}
          </div>
          <p className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
            <span className="inline-flex items-center gap-1 rounded bg-zinc-100 px-1.5 py-px font-medium text-zinc-600 dark:bg-white/[0.06] dark:text-zinc-300">
              <PhoneIcon className="size-3" />
              {line}
            </span>
            {counts.length > 0 ? <span>{counts.join(" · ")}</span> : null}
            {row.state === "done" ? <span className="text-emerald-700 dark:text-emerald-300">Done</span> : null}
          </p>
        </div>
      </Link>
    </li>
  );
}

/** The last item in words, with an icon: what a messaging app shows under the name. */
export function describePreview(latest: ConversationPreview | null): { text: string; Icon: IconComponent; tone: string } {
  const muted = "text-zinc-400 dark:text-zinc-500";
  if (!latest) return { text: "No messages yet", Icon: MessageIcon, tone: muted };
  if (latest.kind === "message") {
    const body = latest.preview || (latest.hasMedia ? "Attachment" : "Empty message");
    const failed = presentActivityStatus("message", latest.status)?.tone === "danger";
    return {
      text: `${latest.direction === "outgoing" ? (failed ? "Not delivered: " : "You: ") : ""}${body}`,
      Icon: latest.hasMedia && !latest.preview ? PaperclipIcon : MessageIcon,
      tone: failed ? TONE_TEXT.danger : muted,
    };
  }
  const withSummary = (label: string) => (latest.preview ? `${label} · ${latest.preview}` : label);
  if (!isCallOutcome(latest.status)) {
    return { text: withSummary(latest.direction === "outgoing" ? "Outgoing call" : "Incoming call"), Icon: PhoneIcon, tone: muted };
  }
  const { Icon, tone } = CALL_OUTCOMES[latest.status];
  // An answered call is the ordinary case: only the other outcomes colour the preview.
  const color = tone === "success" ? muted : TONE_TEXT[tone];
  switch (latest.status) {
    case "missed":
      return { text: withSummary(latest.direction === "outgoing" ? "No answer" : "Missed call"), Icon, tone: color };
    case "voicemail":
      return { text: withSummary("Voicemail"), Icon, tone: color };
    case "forwarded":
      return { text: withSummary("Forwarded call"), Icon, tone: color };
    case "ringing":
    case "in_progress":
      return { text: "Call in progress", Icon, tone: color };
    case "answered":
      return { text: withSummary(latest.direction === "outgoing" ? "Outgoing call" : "Incoming call"), Icon, tone: color };
  }
}
