import { formatDateTime, formatPhoneNumber } from "@/components/format";
import type { RecentConversation } from "@/lib/activity/queries";

/** The most recently active conversations (interim view until the conversation pages land). */
export function ConversationList({ conversations }: { conversations: RecentConversation[] }) {
  return (
    <ul
      aria-label="Recent conversations"
      className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/10 dark:border-white/10 dark:bg-zinc-900"
    >
      {conversations.map((conversation) => {
        const name = contactName(conversation);
        const line = conversation.phoneNumber.name ?? conversation.phoneNumber.number;
        return (
          <li key={conversation.id} className="flex items-center gap-3.5 px-4 py-3.5 sm:px-5">
            <span
              aria-hidden="true"
              className="flex size-9 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600 ring-1 ring-inset ring-zinc-950/5 dark:bg-white/5 dark:text-zinc-300 dark:ring-white/10"
            >
              {initials(name ?? conversation.participant)}
            </span>
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium text-zinc-950 dark:text-white">{name ?? formatPhoneNumber(conversation.participant)}</p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
                {name ? `${formatPhoneNumber(conversation.participant)} · ` : ""}
                {conversation._count.activities === 1 ? "1 activity" : `${conversation._count.activities} activities`}
                {line ? ` · via ${conversation.phoneNumber.name ?? formatPhoneNumber(line)}` : ""}
              </p>
            </div>
            {conversation.lastActivityAt ? (
              <time
                dateTime={conversation.lastActivityAt.toISOString()}
                className="shrink-0 text-xs whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400"
              >
                {formatDateTime(conversation.lastActivityAt)}
              </time>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function contactName(conversation: RecentConversation): string | null {
  const contact = conversation.contact;
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(" ");
  return name || contact?.company || null;
}

function initials(text: string): string {
  const letters = text
    .split(/\s+/)
    .filter((word) => /^[A-Za-z]/.test(word))
    .map((word) => word[0]!.toUpperCase());
  return letters.length > 0 ? letters.slice(0, 2).join("") : "#";
}
