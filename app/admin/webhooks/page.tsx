import type { Metadata } from "next";
import { connection } from "next/server";
import { Badge } from "@/components/badge";
import { EmptyPanel } from "@/components/card";
import { CopyButton } from "@/components/copy-button";
import { AlertIcon, KeyIcon, WebhookIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import { PageHeader } from "@/components/page-header";
import { ConnectEverythingForm } from "@/components/webhooks/connect-everything-form";
import { CreateWebhookForm } from "@/components/webhooks/create-webhook-form";
import { SwitchWebhooksForm } from "@/components/webhooks/switch-webhooks-form";
import { WebhookRowActions } from "@/components/webhooks/webhook-row-actions";
import { requireAdmin } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { WEBHOOK_FAMILIES } from "@/lib/openphone/api/schemas";
import { listAudit } from "@/lib/webhooks/subscriptions/audit";
import { describeAdminFailure, type AdminFailure } from "@/lib/webhooks/subscriptions/errors";
import { FAMILY_LABELS, GENERATION_LABELS } from "@/lib/webhooks/subscriptions/families";
import type { SubscriptionView } from "@/lib/webhooks/subscriptions/manager";
import { webhookConnection, webhookManager } from "@/lib/webhooks/subscriptions/server";
import { connectEverythingAction, createSubscriptionAction, manageSubscriptionAction, switchTo2026Action } from "./actions";

export const metadata: Metadata = { title: "Webhooks" };

const FAILURE_TITLES: Record<string, string> = {
  unauthorized: "OpenPhone rejected the API key",
  forbidden: "The API key may not manage webhooks",
  rate_limited: "OpenPhone is rate limiting this API key",
  unreachable: "OpenPhone could not be reached",
  timeout: "OpenPhone did not answer in time",
  server: "OpenPhone had an internal error",
};

export default async function WebhooksPage() {
  await requireAdmin();
  await connection();
  const setup = webhookConnection();
  const audit = await listAudit(getDatabase().prisma, 15);

  let subscriptions: SubscriptionView[] = [];
  let phoneNumbers: { id: string; label: string }[] = [];
  let failure: AdminFailure | null = null;
  if (setup.apiKeyConfigured) {
    try {
      const manager = webhookManager();
      subscriptions = await manager.list();
      phoneNumbers = await manager.phoneNumbers();
    } catch (error) {
      failure = describeAdminFailure(error);
      if (!failure) throw error;
    }
  }
  const legacyHere = subscriptions.filter((s) => s.generation === "legacy" && s.pointsHere);

  return (
    <>
      <PageHeader
        title="Webhooks"
        description="The subscriptions OpenPhone uses to deliver events to this app. Their signing keys are stored encrypted and trusted at once."
      />

      <section aria-label="This app's endpoint" className="rounded-xl border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-white/10 dark:bg-zinc-900">
        <h2 className="flex items-center gap-2 text-xs font-medium text-zinc-500 dark:text-zinc-400">
          <WebhookIcon className="size-3.5" /> This app&apos;s endpoint
        </h2>
        <div className="mt-2 flex items-center gap-2">
          <code data-testid="endpoint-url" className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-900 dark:text-zinc-100">
            {setup.url}
          </code>
          <CopyButton value={setup.url} label="Copy webhook URL" />
        </div>
        {setup.isLocal ? (
          <p data-testid="local-url-warning" className="mt-3 flex items-start gap-1.5 text-xs text-amber-700 dark:text-amber-300">
            <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
            <span>
              This is a local address: the real OpenPhone cannot reach it. Set <code className="font-mono">WEBHOOK_BASE_URL</code> to the app&apos;s public
              HTTPS origin (a fake or tunnelled API still works).
            </span>
          </p>
        ) : null}
        {setup.apiKeyConfigured && !failure ? (
          <div className="mt-5 border-t border-zinc-200 pt-5 dark:border-white/10">
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              Subscribe every event family (messages, calls and recordings, summaries, transcripts) to this endpoint. Families already subscribed are skipped.
            </p>
            <ConnectEverythingForm action={connectEverythingAction} />
          </div>
        ) : null}
      </section>

      {!setup.apiKeyConfigured ? (
        <section data-testid="webhooks-no-key" className="mt-8 rounded-xl border border-dashed border-zinc-300 px-6 py-8 dark:border-white/15">
          <h2 className="flex items-center gap-2 text-base font-semibold text-zinc-950 dark:text-white">
            <KeyIcon className="size-4" /> Add an OpenPhone API key
          </h2>
          <ol className="mt-3 list-decimal space-y-1.5 pl-5 text-sm text-zinc-600 dark:text-zinc-400">
            <li>In OpenPhone, open Settings → API and generate an API key (workspace owners and admins can).</li>
            <li>
              Set <code className="font-mono text-zinc-900 dark:text-zinc-100">OPENPHONE_API_KEY</code> in this app&apos;s environment and restart it. The key stays on the server.
            </li>
            <li>Come back here and press Connect everything.</li>
          </ol>
        </section>
      ) : failure ? (
        <section
          data-testid="webhooks-api-error"
          data-kind={failure.kind}
          role="alert"
          className="mt-8 rounded-xl bg-rose-50 px-6 py-5 ring-1 ring-rose-600/15 ring-inset dark:bg-rose-400/10 dark:ring-rose-400/20"
        >
          <h2 className="flex items-center gap-2 text-base font-semibold text-rose-900 dark:text-rose-100">
            <AlertIcon className="size-4" /> {FAILURE_TITLES[failure.kind] ?? "OpenPhone refused the request"}
          </h2>
          <p className="mt-1.5 text-sm text-rose-800 dark:text-rose-200">{failure.message}</p>
          <p className="mt-2 text-xs text-rose-700/80 dark:text-rose-300/80">
            API: <code className="font-mono">{setup.apiBaseUrl}</code>
            {failure.kind === "unauthorized" ? " · Generate a new key in OpenPhone (Settings → API) and set OPENPHONE_API_KEY." : " · Reload this page to try again."}
          </p>
        </section>
      ) : (
        <>
          {legacyHere.length > 0 ? (
            <section aria-labelledby="switch-title" className="mt-8 rounded-xl border border-indigo-200 bg-indigo-50/60 p-5 dark:border-indigo-400/20 dark:bg-indigo-400/5">
              <h2 id="switch-title" className="text-sm font-semibold text-zinc-950 dark:text-white">
                Move to 2026-03-30 webhooks without a gap
              </h2>
              <p className="mt-1 mb-3 text-sm text-zinc-600 dark:text-zinc-400">
                Creates the 2026 subscriptions, proves a signed test delivery is stored, and only then deletes the {legacyHere.length} legacy ones. Both
                signature schemes stay accepted; the switch window is recorded for the backfill.
              </p>
              <SwitchWebhooksForm action={switchTo2026Action} />
            </section>
          ) : null}

          <section aria-labelledby="subscriptions-title" className="mt-10">
            <h2 id="subscriptions-title" className="mb-4 text-base font-semibold text-zinc-950 dark:text-white">
              {subscriptions.length} {subscriptions.length === 1 ? "subscription" : "subscriptions"}
            </h2>
            {subscriptions.length === 0 ? (
              <EmptyPanel title="No webhooks yet">Press Connect everything to subscribe this app to every event family.</EmptyPanel>
            ) : (
              <ul
                aria-label="Subscriptions"
                className="divide-y divide-zinc-200 overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:divide-white/10 dark:border-white/10 dark:bg-zinc-900"
              >
                {subscriptions.map((s) => (
                  <li key={s.id} data-testid="webhook-row" data-id={s.id} data-generation={s.generation} className="flex flex-col gap-3 px-4 py-4 lg:flex-row lg:items-start lg:justify-between sm:px-5">
                    <div className="min-w-0 space-y-1.5">
                      <p className="flex flex-wrap items-center gap-2">
                        <span className="text-sm font-medium text-zinc-950 dark:text-white">{s.family ? FAMILY_LABELS[s.family] : "Custom events"}</span>
                        <Badge tone={s.generation === "2026" ? "info" : "neutral"}>{GENERATION_LABELS[s.generation]}</Badge>
                        <Badge tone={s.status === "enabled" ? "success" : "warning"}>{s.status === "enabled" ? "Enabled" : "Disabled"}</Badge>
                        {s.pointsHere ? <Badge tone="success">This app</Badge> : <Badge tone="warning">Elsewhere</Badge>}
                        {!s.hasKey ? <Badge tone="danger">No key stored</Badge> : null}
                      </p>
                      <p className="font-mono text-xs break-all text-zinc-600 dark:text-zinc-400">{s.url}</p>
                      <p className="text-xs text-zinc-500 dark:text-zinc-400">
                        <span className="font-mono">{s.id}</span>
                        {s.label ? ` · ${s.label}` : ""} · {s.resourceIds.includes("*") ? "all numbers" : s.resourceIds.join(", ")} ·{" "}
                        <span title={s.events.join(", ")}>{s.events.length} {s.events.length === 1 ? "event" : "events"}</span> ·{" "}
                        <span data-testid="last-delivery">
                          {s.lastDelivery ? (
                            <>
                              last delivery <LocalTime iso={s.lastDelivery.receivedAt.toISOString()} format="medium" /> ({s.lastDelivery.type})
                            </>
                          ) : (
                            "no delivery received yet"
                          )}
                        </span>
                      </p>
                    </div>
                    <div className="lg:max-w-[55%] lg:shrink-0">
                      <WebhookRowActions action={manageSubscriptionAction} id={s.id} generation={s.generation} status={s.status} hasKey={s.hasKey} />
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <details className="group mt-6 rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900">
            <summary className="cursor-pointer px-5 py-4 text-sm font-semibold text-zinc-950 select-none dark:text-white">New subscription</summary>
            <div className="border-t border-zinc-200 px-5 py-5 dark:border-white/10">
              <CreateWebhookForm
                action={createSubscriptionAction}
                defaultUrl={setup.url}
                families={WEBHOOK_FAMILIES.map((f) => ({ value: f, label: FAMILY_LABELS[f] }))}
                phoneNumbers={phoneNumbers}
              />
            </div>
          </details>
        </>
      )}

      <section aria-labelledby="audit-title" className="mt-10">
        <h2 id="audit-title" className="mb-4 text-base font-semibold text-zinc-950 dark:text-white">
          Changes
        </h2>
        {audit.length === 0 ? (
          <EmptyPanel title="No changes yet">Every create, delete, rotation, test and key reveal is recorded here with who did it.</EmptyPanel>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900">
            <table className="w-full text-left text-sm" data-testid="audit-log">
              <thead className="text-xs text-zinc-500 dark:text-zinc-400">
                <tr className="border-b border-zinc-200 dark:border-white/10">
                  <th className="px-4 py-2.5 font-medium">When</th>
                  <th className="px-4 py-2.5 font-medium">Who</th>
                  <th className="px-4 py-2.5 font-medium">What</th>
                  <th className="px-4 py-2.5 font-medium">Webhook</th>
                  <th className="px-4 py-2.5 font-medium">Detail</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-100 dark:divide-white/5">
                {audit.map((a) => (
                  <tr key={a.id} data-testid="audit-row" data-action={a.action}>
                    <td className="px-4 py-2 whitespace-nowrap text-zinc-500 tabular-nums dark:text-zinc-400">
                      <LocalTime iso={a.createdAt.toISOString()} format="medium" />
                    </td>
                    <td className="px-4 py-2 text-zinc-700 dark:text-zinc-300">{a.actorLabel}</td>
                    <td className="px-4 py-2">
                      <Badge tone={a.action === "delete" || a.action === "reveal" ? "warning" : "neutral"}>{a.action.replace("_", " ")}</Badge>
                    </td>
                    <td className="px-4 py-2 font-mono text-xs text-zinc-600 dark:text-zinc-400">{a.target ?? "—"}</td>
                    <td className="max-w-md truncate px-4 py-2 text-xs text-zinc-500 dark:text-zinc-400" title={a.detail ?? undefined}>
                      {a.detail ?? ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
