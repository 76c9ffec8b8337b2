import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { EmptyPanel } from "@/components/card";
import { ConversationList } from "@/components/conversation-list";
import { GettingStartedCard } from "@/components/getting-started-card";
import { ChevronRightIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { WorkspaceFilter } from "@/components/workspace-filter";
import { conversationListParamsSchema } from "@/lib/conversations/state";
import { countConversationsByState, listConversations, listWorkspaceNumbers } from "@/lib/conversations/queries";
import { decodeKeysetCursor } from "@/lib/cursor";
import { requireUser } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { getWebhookSetup } from "@/lib/webhooks/setup";

export const metadata: Metadata = { title: "Conversations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function listHref(params: { state: "open" | "done"; number?: number | null; cursor?: string | null }): string {
  const query = new URLSearchParams();
  if (params.state !== "open") query.set("state", params.state);
  if (params.number) query.set("number", String(params.number));
  if (params.cursor) query.set("cursor", params.cursor);
  const text = query.toString();
  return text ? `/conversations?${text}` : "/conversations";
}

export default async function ConversationsPage({ searchParams }: { searchParams: SearchParams }) {
  await requireUser();
  await connection(); // reads the database: render per request, never at build time
  const raw = await searchParams;
  const params = conversationListParamsSchema.parse({
    state: typeof raw.state === "string" ? raw.state : undefined,
    number: typeof raw.number === "string" && raw.number !== "" ? raw.number : undefined,
    cursor: typeof raw.cursor === "string" ? raw.cursor : undefined,
  });
  const db = getDatabase();
  const cursor = decodeKeysetCursor(params.cursor);
  const [numbers, counts, page] = await Promise.all([
    listWorkspaceNumbers(db),
    countConversationsByState(db, params.number),
    listConversations(db, { state: params.state, phoneNumberId: params.number, cursor }),
  ]);

  if (numbers.length === 0) {
    const setup = await getWebhookSetup(db);
    return (
      <>
        <PageHeader title="Conversations" description="One thread per contact and OpenPhone number." />
        <GettingStartedCard
          title="No conversations yet"
          description="A conversation starts with the first message or call between one of your OpenPhone numbers and a contact."
          setup={setup}
        />
      </>
    );
  }

  const serverNow = new Date().toISOString();
  const tabs = [
    { state: "open" as const, label: "Open", count: counts.open },
    { state: "done" as const, label: "Done", count: counts.done },
  ];

  return (
    <>
      <PageHeader title="Conversations" description="One thread per contact and OpenPhone number, most recently active first." />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Conversation state" className="inline-flex items-center gap-0.5 rounded-lg bg-zinc-100 p-0.5 ring-1 ring-zinc-950/5 ring-inset dark:bg-white/[0.06] dark:ring-white/10">
          {tabs.map((tab) => {
            const current = tab.state === params.state;
            return (
              <Link
                key={tab.state}
                href={listHref({ state: tab.state, number: params.number })}
                aria-current={current ? "page" : undefined}
                className={[
                  "inline-flex h-7 items-center gap-1.5 rounded-md px-3 text-sm font-medium transition-colors",
                  current
                    ? "bg-white text-zinc-900 shadow-sm ring-1 ring-zinc-950/5 dark:bg-zinc-700 dark:text-white dark:ring-white/10"
                    : "text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white",
                ].join(" ")}
              >
                {tab.label}
                <span className={`text-xs tabular-nums ${current ? "text-zinc-500 dark:text-zinc-300" : "text-zinc-400 dark:text-zinc-500"}`}>
                  {tab.count.toLocaleString("en-US")}
                </span>
              </Link>
            );
          })}
        </nav>
        {numbers.length > 1 ? <WorkspaceFilter action="/conversations" id="workspace-number" numbers={numbers} selected={params.number ?? null} keep={{ state: params.state }} /> : null}
      </div>

      {page.rows.length === 0 ? (
        <EmptyPanel title={params.state === "open" ? (cursor ? "No older open conversations" : "All caught up") : "Nothing marked done"}>
          {params.state === "open"
            ? "New messages and calls land here. A conversation marked done comes back when something new arrives."
            : "Mark a conversation done to file it here; new activity brings it back to Open."}
        </EmptyPanel>
      ) : (
        <ConversationList rows={page.rows} serverNow={serverNow} label="Recent conversations" />
      )}

      {cursor || page.nextCursor ? (
        <nav aria-label="Pages" className="mt-4 flex items-center justify-between gap-3 text-sm">
          {cursor ? (
            <Link href={listHref({ state: params.state, number: params.number })} className="font-medium text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-white">
              Back to newest
            </Link>
          ) : (
            <span />
          )}
          {page.nextCursor ? (
            <Link
              href={listHref({ state: params.state, number: params.number, cursor: page.nextCursor })}
              rel="next"
              className="inline-flex items-center gap-1 rounded-md bg-white px-3 py-1.5 font-medium text-zinc-700 shadow-xs ring-1 ring-zinc-950/10 ring-inset hover:bg-zinc-50 dark:bg-white/5 dark:text-zinc-200 dark:ring-white/10 dark:hover:bg-white/10"
            >
              Older conversations
              <ChevronRightIcon className="size-4" />
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
