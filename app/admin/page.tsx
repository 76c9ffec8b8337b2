import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { EmptyPanel, StatCard } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { AlertIcon, DatabaseIcon, KeyIcon, WebhookIcon } from "@/components/icons";
import { PageHeader } from "@/components/page-header";
import { WebhookEventTable } from "@/components/webhook-event-table";
import { getDatabase } from "@/lib/db";
import { listRecentWebhookEvents } from "@/lib/webhooks/queries";
import { getWebhookSetup, type WebhookSetup } from "@/lib/webhooks/setup";
import { requireAdmin } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Admin" };

const LATEST = 25;
const DIALECT_NAMES = { sqlite: "SQLite", postgres: "PostgreSQL" } as const;

export default async function AdminPage() {
  await requireAdmin();
  await connection(); // reads the database: render per request, never at build time
  const db = getDatabase();
  const setup = await getWebhookSetup(db);
  const { dialect } = db;
  const events = await listRecentWebhookEvents(db, LATEST);

  return (
    <>
      <PageHeader title="Admin" description="How OpenPhone reaches this app, and what it has delivered." />

      <div className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <StatCard
            label="Webhook endpoint"
            Icon={WebhookIcon}
            footer={
              setup.isLocal ? (
                <span className="flex items-start gap-1.5 text-amber-700 dark:text-amber-300">
                  <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
                  <span>
                    Not reachable by OpenPhone: set <code className="font-mono">WEBHOOK_BASE_URL</code> to the public HTTPS address.
                  </span>
                </span>
              ) : (
                "Register this URL for each OpenPhone webhook."
              )
            }
          >
            <div className="flex items-center gap-2">
              <code data-testid="webhook-url" className="min-w-0 flex-1 font-mono break-all text-[13px] text-zinc-900 dark:text-zinc-100">
                {setup.url}
              </code>
              <CopyButton value={setup.url} label="Copy webhook URL" />
            </div>
          </StatCard>
        </div>
        <StatCard
          label="Signing secrets"
          Icon={KeyIcon}
          footer={
            setup.signingSecretCount > 0 ? (
              <>
                {keySources(setup)}; values stay on the server.
              </>
            ) : (
              <span className="text-amber-700 dark:text-amber-300">
                Deliveries get 503 until a webhook is connected in{" "}
                <Link href="/admin/webhooks" className="font-medium underline">
                  Webhooks
                </Link>{" "}
                or <code className="font-mono [overflow-wrap:anywhere]">OPENPHONE_WEBHOOK_SIGNING_KEY</code> is set.
              </span>
            )
          }
        >
          <p className="flex items-baseline gap-2">
            <span data-testid="signing-secret-count" className="text-2xl font-semibold tracking-tight text-zinc-950 tabular-nums dark:text-white">
              {setup.signingSecretCount}
            </span>
            <span className="text-sm text-zinc-500 dark:text-zinc-400">trusted</span>
          </p>
        </StatCard>
        <StatCard label="Database" Icon={DatabaseIcon} footer={dialect === "sqlite" ? "One file, one app instance." : "Shared by every app instance."}>
          <p data-testid="database-dialect" className="text-2xl font-semibold tracking-tight text-zinc-950 dark:text-white">
            {DIALECT_NAMES[dialect]}
          </p>
        </StatCard>
      </div>

      <section aria-labelledby="webhook-events-title" className="mt-12">
        <div className="mb-4">
          <h2 id="webhook-events-title" className="text-base font-semibold text-zinc-950 dark:text-white">
            Recent webhook events
          </h2>
          <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
            The latest {LATEST} signed deliveries, newest first.{" "}
            <Link href="/admin/events" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Open the event log
            </Link>{" "}
            to filter, inspect and replay.
          </p>
        </div>
        {events.length > 0 ? (
          <WebhookEventTable events={events} />
        ) : (
          <EmptyPanel title="No webhook events yet">
            Every signed delivery from OpenPhone is listed here with its processing status, so failures are visible.
          </EmptyPanel>
        )}
      </section>
    </>
  );
}

/** Where the trusted keys come from, in words: "2 from Admin → Webhooks, 1 from OPENPHONE_WEBHOOK_SIGNING_KEY". */
function keySources(setup: WebhookSetup) {
  const parts = [];
  if (setup.storedKeyCount > 0) parts.push(<span key="stored">{setup.storedKeyCount} from Admin → Webhooks</span>);
  if (setup.configuredKeyCount > 0)
    parts.push(
      <span key="env">
        {setup.configuredKeyCount} from <code className="font-mono [overflow-wrap:anywhere]">OPENPHONE_WEBHOOK_SIGNING_KEY</code>
      </span>,
    );
  return parts.flatMap((part, i) => (i === 0 ? [part] : [<span key={`sep${i}`}>, </span>, part]));
}
