import { ExternalLinkIcon } from "@/components/icons";
import { LocalTime } from "@/components/local-time";
import type { WebhookEventListItem } from "@/lib/event-log/queries";
import { EventOutcome, formatMs } from "./outcome";

const th = "px-3 py-2.5 font-medium whitespace-nowrap";
const td = "px-3 py-2.5 align-top";

/** The event log. Each row opens its detail in a new tab, so the filtered list stays where it was. */
export function EventTable({ events }: { events: WebhookEventListItem[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900">
      <table className="w-full min-w-[64rem] text-left text-sm" data-testid="event-table">
        <caption className="sr-only">Stored webhook deliveries, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/70 text-xs text-zinc-500 dark:border-white/10 dark:bg-white/[0.02] dark:text-zinc-400">
          <tr>
            <th scope="col" className={th}>Received</th>
            <th scope="col" className={th}>Type</th>
            <th scope="col" className={th}>Event / delivery</th>
            <th scope="col" className={th}>Outcome</th>
            <th scope="col" className={th}>Signature · API</th>
            <th scope="col" className={`${th} text-right`}>Attempts</th>
            <th scope="col" className={`${th} text-right`}>Processing</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-white/10">
          {events.map((event) => (
            <tr key={event.id} data-testid="event-row" className="group relative hover:bg-zinc-50 dark:hover:bg-white/[0.03]">
              <td className={`${td} text-[13px] whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400`}>
                {/* The link covers the whole row (after:inset-0); new tab keeps the filtered list. */}
                <a
                  href={`/admin/events/${event.id}`}
                  target="_blank"
                  rel="noopener"
                  className="after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:ring-2 focus-visible:after:ring-indigo-500 focus-visible:after:ring-inset"
                  aria-label={`Open ${event.type} ${event.eventId} in a new tab`}
                >
                  <LocalTime iso={event.receivedAt.toISOString()} format="medium" />
                </a>
              </td>
              <td className={`${td} font-mono text-[13px] whitespace-nowrap text-zinc-900 dark:text-zinc-100`}>{event.type}</td>
              <td className={`${td} max-w-[16rem] font-mono text-xs text-zinc-600 dark:text-zinc-400`}>
                <span className="block truncate" title={event.eventId}>{event.eventId}</span>
                <span className="block truncate text-zinc-400 dark:text-zinc-500" title={event.deliveryId ?? undefined}>
                  {event.deliveryId ?? "—"}
                </span>
              </td>
              <td className={td}>
                <EventOutcome status={event.status} duplicates={event.duplicates} bodyPruned={event.bodyPrunedAt !== null} />
                {event.lastReplayResult ? (
                  <span className="mt-1 block text-[11px] text-zinc-500 dark:text-zinc-400">replayed: {event.lastReplayResult}</span>
                ) : null}
              </td>
              <td className={`${td} text-xs whitespace-nowrap text-zinc-600 dark:text-zinc-400`}>
                {event.signatureScheme} · {event.apiVersion ?? "—"}
              </td>
              <td className={`${td} text-right text-zinc-600 tabular-nums dark:text-zinc-400`}>{event.attempts}</td>
              <td className={`${td} text-right whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400`}>
                {formatMs(event.processingMs)}
                <ExternalLinkIcon className="ml-2 inline size-3.5 opacity-0 transition-opacity group-hover:opacity-60" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
