import type { Metadata } from "next";
import { connection } from "next/server";
import { ActivityList } from "@/components/activity-list";
import { GettingStartedCard } from "@/components/getting-started-card";
import { PageHeader } from "@/components/page-header";
import { countActivities, listRecentActivities } from "@/lib/activity/queries";
import { getWebhookSetup } from "@/lib/webhooks/setup";

export const metadata: Metadata = { title: "Activity" };

const LATEST = 50;

export default async function ActivityPage() {
  await connection(); // reads the database: render per request, never at build time
  const [total, activities] = await Promise.all([countActivities(), listRecentActivities(LATEST)]);

  if (total === 0) {
    const setup = getWebhookSetup();
    return (
      <>
        <PageHeader title="Activity" description="Every message and call across your OpenPhone numbers." />
        <GettingStartedCard
          title="No activity yet"
          description="Messages and calls appear here as soon as OpenPhone delivers its first webhook to this app."
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
        title="Activity"
        description={
          total > activities.length
            ? `The latest ${activities.length} of ${total.toLocaleString("en-US")} messages and calls, newest first.`
            : `${total.toLocaleString("en-US")} ${total === 1 ? "message or call" : "messages and calls"}, newest first.`
        }
      />
      <ActivityList activities={activities} />
    </>
  );
}
