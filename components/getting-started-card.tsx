import Link from "next/link";
import type { ReactNode } from "react";
import { CopyButton } from "@/components/copy-button";
import { AlertIcon, CheckIcon, InboxIcon } from "@/components/icons";
import type { WebhookSetup } from "@/lib/webhooks/setup";

/**
 * The empty state of the dashboard pages: nothing has arrived yet, and exactly what to do about it.
 */
export function GettingStartedCard({ title, description, setup }: { title: string; description: string; setup: WebhookSetup }) {
  const keys = setup.signingSecretCount;
  return (
    <section
      aria-labelledby="getting-started-title"
      className="max-w-3xl overflow-hidden rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900"
    >
      <div className="flex items-start gap-4 border-b border-zinc-200 bg-zinc-50/70 px-4 py-5 sm:px-6 dark:border-white/10 dark:bg-white/[0.02]">
        <div className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-white text-indigo-600 shadow-xs ring-1 ring-zinc-950/10 dark:bg-white/5 dark:text-indigo-300 dark:ring-white/10">
          <InboxIcon className="size-5" />
        </div>
        <div className="min-w-0">
          <h2 id="getting-started-title" className="text-base font-semibold text-zinc-950 dark:text-white">
            {title}
          </h2>
          <p className="mt-0.5 text-sm leading-6 text-zinc-600 dark:text-zinc-400">{description}</p>
        </div>
      </div>

      <ol className="px-4 py-1 sm:px-6">
        <Step number={1} title="Connect your OpenPhone workspace">
          <p data-testid="connect-step">
            {setup.apiKeyConfigured ? null : (
              <>
                Set <Code>OPENPHONE_API_KEY</Code> (OpenPhone → Settings → API) and restart. Then an admin{" "}
              </>
            )}
            {setup.apiKeyConfigured ? "An admin " : null}
            opens{" "}
            <Link href="/admin/webhooks" className="font-medium text-indigo-600 hover:underline dark:text-indigo-400">
              Admin → Webhooks
            </Link>{" "}
            and presses <strong className="font-medium text-zinc-800 dark:text-zinc-200">Connect everything</strong>: it subscribes
            messages, calls, summaries and transcripts to this app&apos;s endpoint and stores each signing key, with no restart.
          </p>
          <div className="mt-3 flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 py-1 pr-1 pl-3 dark:border-white/10 dark:bg-black/20">
            <code data-testid="webhook-url" className="min-w-0 flex-1 font-mono text-[13px] break-all text-zinc-800 dark:text-zinc-200">
              {setup.url}
            </code>
            <CopyButton value={setup.url} label="Copy webhook URL" />
          </div>
          {setup.isLocal ? (
            <p className="mt-2 flex items-start gap-1.5 text-xs leading-5 text-amber-700 dark:text-amber-300">
              <AlertIcon className="mt-0.5 size-3.5 shrink-0" />
              <span>
                OpenPhone cannot reach a local address. Set <Code>WEBHOOK_BASE_URL</Code> to this app&apos;s public HTTPS
                address (or a tunnel to it).
              </span>
            </p>
          ) : null}
        </Step>

        <Step number={2} title="Or register the webhooks by hand">
          <p>
            In OpenPhone, open <strong className="font-medium text-zinc-800 dark:text-zinc-200">Settings → Webhooks</strong>, create
            webhooks with the URL above, copy each signing secret into <Code>OPENPHONE_WEBHOOK_SIGNING_KEY</Code>{" "}
            (comma-separated for several) and restart. Unsigned deliveries are always rejected.
          </p>
          <p className="mt-2 flex items-center gap-1.5 text-xs font-medium">
            {keys > 0 ? (
              <span data-testid="signing-key-status" className="inline-flex items-center gap-1.5 text-emerald-700 dark:text-emerald-300">
                <CheckIcon className="size-3.5" />
                {keys === 1 ? "1 signing key trusted" : `${keys} signing keys trusted`}
              </span>
            ) : (
              <span data-testid="signing-key-status" className="inline-flex items-center gap-1.5 text-amber-700 dark:text-amber-300">
                <AlertIcon className="size-3.5" />
                No signing key yet: deliveries are refused until one of the steps above is done
              </span>
            )}
          </p>
        </Step>

        <Step number={3} title="Just exploring? Load demo data" last>
          <p>The simulator signs realistic deliveries and sends them to this app, media and all:</p>
          <div className="mt-3 flex items-center gap-2 rounded-lg bg-zinc-900 py-1 pr-1 pl-3 ring-1 ring-zinc-950/10 dark:bg-black/40 dark:ring-white/10">
            <code className="min-w-0 flex-1 truncate font-mono text-[13px] text-zinc-100">
              <span aria-hidden="true" className="text-zinc-500 select-none">
                ${" "}
              </span>
              npm run simulate -- full
            </code>
            <CopyButton value="npm run simulate -- full" label="Copy command" tone="dark" />
          </div>
        </Step>
      </ol>
    </section>
  );
}

function Step({ number, title, last = false, children }: { number: number; title: string; last?: boolean; children: ReactNode }) {
  return (
    <li className="relative flex gap-3 py-4 sm:gap-4">
      {last ? null : (
        <span aria-hidden="true" className="absolute top-11 -bottom-0 left-3.5 w-px -translate-x-1/2 bg-zinc-200 dark:bg-white/10" />
      )}
      <span className="relative flex size-7 shrink-0 items-center justify-center rounded-full bg-white text-xs font-semibold text-zinc-700 ring-1 ring-zinc-950/10 dark:bg-zinc-800 dark:text-zinc-200 dark:ring-white/15">
        {number}
      </span>
      <div className="min-w-0 flex-1 pt-0.5">
        <h3 className="text-sm font-semibold text-zinc-950 dark:text-white">{title}</h3>
        <div className="mt-1 text-sm leading-6 text-zinc-600 dark:text-zinc-400">{children}</div>
      </div>
    </li>
  );
}

function Code({ children }: { children: ReactNode }) {
  return (
    <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-[0.85em] text-zinc-800 dark:bg-white/10 dark:text-zinc-200">
      {children}
    </code>
  );
}
