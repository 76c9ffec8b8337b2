import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { Avatar } from "@/components/avatar";
import { Badge } from "@/components/badge";
import { EmptyPanel } from "@/components/card";
import { ConversationActions } from "@/components/conversation-actions";
import { formatPhoneNumber } from "@/lib/format/phone-number";
import { ArrowDownIcon, ChevronLeftIcon, PhoneIcon } from "@/components/icons";
import { LightboxProvider, type LightboxImage } from "@/components/lightbox";
import { OpenInOpenPhone } from "@/components/open-in-openphone";
import { DayDivider } from "@/components/local-time";
import { ScrollToLatest } from "@/components/scroll-to-latest";
import { CallCard, MessageBubble } from "@/components/thread-items";
import { contactDisplayName, contactFullName, groupDisplayName } from "@/lib/contacts/name";
import { markConversationRead } from "@/lib/conversations/mutations";
import { listConversationItems, type ThreadItem } from "@/lib/conversations/queries";
import { decodeKeysetCursor } from "@/lib/cursor";
import { requireUser } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { markDoneAction, markUnreadAction, reopenAction } from "../actions";
import { loadConversation } from "./load-conversation";

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  await requireUser();
  const conversation = await loadConversation((await params).id);
  if (!conversation) return { title: "Conversation" };
  return { title: conversation.members ? groupDisplayName(conversation.members) : contactDisplayName(conversation.contact, conversation.participant) };
}

export default async function ConversationPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  await requireUser();
  await connection();
  const conversation = await loadConversation((await params).id);
  if (!conversation) notFound();
  const rawBefore = (await searchParams).before;
  const before = decodeKeysetCursor(typeof rawBefore === "string" ? rawBefore : null);
  const db = getDatabase();
  const page = await listConversationItems(db, conversation.id, { before });
  // Opening the thread reads it (a no-op when nothing is unread).
  await markConversationRead(db, conversation.id, new Date());

  const members = conversation.members;
  const name = members ? groupDisplayName(members) : contactDisplayName(conversation.contact, conversation.participant);
  const fullName = contactFullName(conversation.contact);
  const company = conversation.contact?.company ?? null;
  const number = formatPhoneNumber(conversation.participant);
  const workspace = conversation.phoneNumber;
  const workspaceLabel = [workspace.name, workspace.number ? formatPhoneNumber(workspace.number) : null].filter(Boolean).join(" · ");
  const serverNow = new Date().toISOString();
  const images = lightboxImages(page.items, name);

  return (
    <div className="flex flex-col">
      <header className="z-20 -mx-4 mb-2 border-b border-zinc-200 bg-white px-4 pb-4 sm:-mx-6 sm:px-6 md:sticky md:top-0 md:pt-4 lg:-mx-10 lg:px-10 dark:border-white/10 dark:bg-[#111113]">
        <Link
          href="/conversations"
          className="mb-3 inline-flex items-center gap-1 rounded text-sm font-medium text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white"
        >
          <ChevronLeftIcon className="size-4" />
          Conversations
        </Link>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-3">
          <div className="flex min-w-0 flex-[1_1_18rem] items-center gap-3">
            <Avatar name={name} seed={conversation.participant} size="lg" />
            <div className="min-w-0">
              <h1 className="flex flex-wrap items-center gap-2 text-xl font-semibold tracking-tight text-zinc-950 dark:text-white">
                <span className="truncate">{name}</span>
                {members ? <Badge tone="info">Group</Badge> : null}
                {conversation.state === "done" ? <Badge tone="success">Done</Badge> : null}
              </h1>
              {members ? (
                <ul aria-label="Participants" className="mt-1 flex flex-wrap gap-1.5">
                  {members.map((member) => (
                    <li
                      key={member.number}
                      className="inline-flex items-center gap-1.5 rounded-full bg-zinc-100 px-2.5 py-0.5 text-xs text-zinc-700 dark:bg-white/5 dark:text-zinc-300"
                    >
                      {member.name ? <span className="font-medium">{member.name}</span> : null}
                      <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{formatPhoneNumber(member.number)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-sm text-zinc-500 dark:text-zinc-400">
                {!members && (fullName || company) ? <span className="whitespace-nowrap tabular-nums">{number}</span> : null}
                {fullName && company ? (
                  <span className="whitespace-nowrap">
                    <span aria-hidden="true" className="mr-2">·</span>
                    {company}
                  </span>
                ) : null}
                <span className="inline-flex items-center gap-1 whitespace-nowrap">
                  {fullName || company ? (
                    <span aria-hidden="true" className="mr-1">
                      ·
                    </span>
                  ) : null}
                  <PhoneIcon className="size-3.5 shrink-0" />
                  <span className="sr-only">Workspace number:</span>
                  {workspaceLabel || "Workspace number"}
                </span>
              </p>
            </div>
          </div>
          <OpenInOpenPhone href={conversation.openphoneUrl} what="conversation" />
          <ConversationActions
            conversationId={conversation.id}
            state={conversation.state}
            markDone={markDoneAction}
            reopen={reopenAction}
            markUnread={markUnreadAction}
          />
        </div>
      </header>

      <section aria-label={`Messages and calls with ${name}`} className="flex flex-col pt-2">
        {page.olderCursor ? (
          <div className="flex justify-center py-3">
            <Link
              href={`/conversations/${conversation.id}?before=${page.olderCursor}`}
              className="inline-flex items-center gap-1.5 rounded-full bg-white px-3.5 py-1.5 text-sm font-medium text-zinc-700 shadow-xs ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 dark:bg-white/5 dark:text-zinc-200 dark:ring-white/10 dark:hover:bg-white/10"
            >
              Load older
            </Link>
          </div>
        ) : page.items.length > 0 ? (
          <p className="py-3 text-center text-xs text-zinc-400 dark:text-zinc-500">Beginning of the conversation</p>
        ) : null}

        {page.items.length === 0 ? (
          <EmptyPanel title="Nothing here yet">Messages and calls with {name} will appear here.</EmptyPanel>
        ) : (
          <LightboxProvider images={images}>
            <ol className="flex flex-col gap-3">
              {page.items.map((item, i) => {
                const previous = page.items[i - 1];
                return (
                  <li key={item.activityId} className="flex flex-col gap-3">
                    <DayDivider
                      iso={item.occurredAt.toISOString()}
                      previousIso={previous ? previous.occurredAt.toISOString() : null}
                      serverNow={serverNow}
                    />
                    {item.type === "message" ? (
                      <MessageBubble message={item} imageAlt={imageAlt(item.text, item.direction === "outgoing" ? "you" : name)} />
                    ) : (
                      <CallCard call={item} />
                    )}
                  </li>
                );
              })}
            </ol>
          </LightboxProvider>
        )}

        {before ? (
          <div className="flex justify-center py-4">
            <Link
              href={`/conversations/${conversation.id}`}
              className="inline-flex items-center gap-1.5 rounded-full bg-zinc-900 px-3.5 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-zinc-700 dark:bg-white dark:text-zinc-900 dark:hover:bg-zinc-200"
            >
              <ArrowDownIcon className="size-4" />
              Jump to latest
            </Link>
          </div>
        ) : (
          <ScrollToLatest />
        )}
      </section>
    </div>
  );
}

function imageAlt(text: string | null, sender: string): string {
  const clipped = text && text.length > 80 ? `${text.slice(0, 79)}…` : text;
  return clipped ? `Photo from ${sender}: ${clipped}` : `Photo from ${sender}`;
}

function lightboxImages(items: ThreadItem[], contactName: string): LightboxImage[] {
  return items.flatMap((item) =>
    item.type === "message"
      ? item.media
          .filter((media) => media.kind === "image")
          .map((media) => ({
            id: media.id,
            url: media.url,
            alt: imageAlt(item.text, item.direction === "outgoing" ? "you" : contactName),
            caption: item.text ?? media.fileName,
            sender: item.direction === "outgoing" ? "Sent by you" : `From ${contactName}`,
            sentAt: item.occurredAt.toISOString(),
          }))
      : [],
  );
}
