import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { ActionButton } from "@/components/event-log/action-button";
import { EventOutcome, formatMs } from "@/components/event-log/outcome";
import { RetryIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { requireAdmin } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { getWebhookEventDetail } from "@/lib/event-log/queries";
import { replayEventAction } from "../actions";

export const metadata: Metadata = { title: "Webhook event" };

export default async function WebhookEventPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const detail = await getWebhookEventDetail(getDatabase(), id);
  if (!detail) notFound();
  const { event, headers, normalized, links } = detail;

  return (
    <>
      <PageHeader
        title={event.type}
        description={<span className="font-mono text-[13px]">{event.eventId}</span>}
        actions={
          <ActionButton
            action={replayEventAction}
            fields={{ eventId: String(event.id) }}
            label="Replay"
            pendingLabel="Replaying…"
            tone={event.status === "processed" ? "secondary" : "primary"}
            icon={<RetryIcon className="size-3.5" />}
            testId="replay-event"
          />
        }
      />

      <dl className="grid gap-x-6 gap-y-4 rounded-xl border border-zinc-200 bg-white p-5 text-sm shadow-xs sm:grid-cols-2 lg:grid-cols-4 dark:border-white/10 dark:bg-zinc-900">
        <Fact label="Outcome">
          <span data-testid="event-outcome">
            <EventOutcome status={event.status} duplicates={event.duplicates} bodyPruned={event.bodyPrunedAt !== null} />
          </span>
        </Fact>
        <Fact label="Received">
          <LocalTime iso={event.receivedAt.toISOString()} format="full" />
        </Fact>
        <Fact label="Processed">{event.processedAt ? <LocalTime iso={event.processedAt.toISOString()} format="full" /> : "—"}</Fact>
        <Fact label="Processing time">{formatMs(event.processingMs)}</Fact>
        <Fact label="Delivery id" mono>{event.deliveryId ?? "—"}</Fact>
        <Fact label="Signature · API version">
          {event.signatureScheme} · {event.apiVersion ?? "—"}
        </Fact>
        <Fact label="Attempts · duplicates">
          {event.attempts} · {event.duplicates}
        </Fact>
        <Fact label="Occurred (envelope)">{event.occurredAt ? <LocalTime iso={event.occurredAt.toISOString()} format="full" /> : "—"}</Fact>
        <Fact label="Last replay">
          <span data-testid="last-replay">
            {event.lastReplayAt ? (
              <>
                {event.lastReplayResult} · <LocalTime iso={event.lastReplayAt.toISOString()} format="medium" /> ({event.replayCount}×)
              </>
            ) : (
              "never"
            )}
          </span>
        </Fact>
        <Fact label="Produced">
          <span className="flex flex-wrap gap-x-3 gap-y-1" data-testid="event-links">
            {links.call ? <InternalLink href={`/calls/${encodeURIComponent(links.call.openphoneId)}`}>Call</InternalLink> : null}
            {links.message?.conversationId ? <InternalLink href={`/conversations/${links.message.conversationId}`}>Message thread</InternalLink> : null}
            {links.contact ? <InternalLink href={`/activity?contact=${links.contact.id}`}>{links.contact.name ?? "Contact"}</InternalLink> : null}
            {!links.call && !links.message && !links.contact ? <span className="text-zinc-500 dark:text-zinc-400">nothing (yet)</span> : null}
          </span>
        </Fact>
        <Fact label="Resource id" mono>{event.resourceId ?? "—"}</Fact>
      </dl>

      {event.lastError ? (
        <Block title="Error" testId="event-error">
          <pre className="overflow-x-auto rounded-lg bg-rose-50 p-4 font-mono text-xs leading-5 whitespace-pre-wrap text-rose-800 ring-1 ring-rose-600/15 ring-inset dark:bg-rose-400/10 dark:text-rose-200 dark:ring-rose-400/20">
            {event.lastError}
          </pre>
        </Block>
      ) : null}

      <div className="mt-8 grid gap-8 xl:grid-cols-2">
        <Block title="Raw body" testId="event-body">
          {event.bodyPrunedAt ? (
            <p className="rounded-lg border border-dashed border-zinc-300 px-4 py-6 text-sm text-zinc-500 dark:border-white/15 dark:text-zinc-400">
              Body pruned <LocalTime iso={event.bodyPrunedAt.toISOString()} format="medium" /> by the retention setting. The call, message or contact it produced is kept.
            </p>
          ) : (
            <Code>{prettyJson(event.rawBody)}</Code>
          )}
        </Block>
        <Block title="Normalised event" testId="event-normalized">
          {normalized ? <Code>{JSON.stringify(normalized, null, 2)}</Code> : <p className="text-sm text-zinc-500 dark:text-zinc-400">Not available: the body was pruned.</p>}
        </Block>
      </div>

      <Block title="Headers kept" testId="event-headers">
        <Code>{JSON.stringify(headers, null, 2)}</Code>
      </Block>

      <p className="mt-8 text-sm">
        <Link href={`/admin/events?resource=${encodeURIComponent(event.resourceId ?? "")}`} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          All events for this resource
        </Link>
      </p>
    </>
  );
}

function prettyJson(raw: string): string {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function Fact({ label, children, mono }: { label: string; children: ReactNode; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className={`mt-1 text-zinc-900 dark:text-zinc-100 ${mono ? "font-mono text-xs break-all" : ""}`}>{children}</dd>
    </div>
  );
}

function Block({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section className="mt-8 min-w-0" data-testid={testId} aria-label={title}>
      <h2 className="mb-2 text-sm font-semibold text-zinc-950 dark:text-white">{title}</h2>
      {children}
    </section>
  );
}

function Code({ children }: { children: string }) {
  return (
    <pre className="max-h-[36rem] overflow-auto rounded-lg bg-zinc-950 p-4 font-mono text-xs leading-5 text-zinc-100 ring-1 ring-white/10 dark:bg-black/40">
      {children}
    </pre>
  );
}

function InternalLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
      {children}
    </Link>
  );
}
