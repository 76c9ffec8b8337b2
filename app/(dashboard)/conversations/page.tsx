import type { Metadata } from "next";
import { connection } from "next/server";
import { ConversationList } from "@/components/conversation-list";
import { GettingStartedCard } from "@/components/getting-started-card";
import { PageHeader } from "@/components/page-header";
import { countConversations, listRecentConversations } from "@/lib/activity/queries";
import { getWebhookSetup } from "@/lib/webhooks/setup";

export const metadata: Metadata = { title: "Conversations" };

const LATEST = 50;

export default async function ConversationsPage() {
  await connection(); // reads the database: render per request, never at build time
  const [total, conversations] = await Promise.all([countConversations(), listRecentConversations(LATEST)]);

  if (total === 0) {
    const setup = getWebhookSetup();
    return (
      <>
        <PageHeader title="Conversations" description="One thread per contact and OpenPhone number." />
        <GettingStartedCard
          title="No conversations yet"
          description="A conversation starts with the first message or call between one of your OpenPhone numbers and a contact."
          webhookUrl={setup.url}
          webhookUrlIsLocal={setup.isLocal}
          signingSecretCount={setup.signingSecretCount}
        />
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Conversations"
        description={
          total > conversations.length
            ? `The ${conversations.length} most recently active of ${total.toLocaleString("en-US")} conversations.`
            : `${total.toLocaleString("en-US")} ${total === 1 ? "conversation" : "conversations"}, most recently active first.`
        }
      />
      <ConversationList conversations={conversations} />
    </>
  );
}
