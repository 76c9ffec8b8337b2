import { Badge } from "@/components/badge";
import { WEBHOOK_EVENT_STATUSES } from "@/components/status-presentation";
import { LocalTime } from "@/components/local-time";
import type { RecentWebhookEvent } from "@/lib/webhooks/queries";

/** The latest deliveries in the event log. */
export function WebhookEventTable({ events }: { events: RecentWebhookEvent[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-xs dark:border-white/10 dark:bg-zinc-900">
      <table className="w-full min-w-[44rem] text-left text-sm">
        <caption className="sr-only">Latest webhook events, newest first</caption>
        <thead className="border-b border-zinc-200 bg-zinc-50/70 text-xs font-medium text-zinc-500 dark:border-white/10 dark:bg-white/[0.02] dark:text-zinc-400">
          <tr>
            <th scope="col" className="px-4 py-2.5 font-medium">Received</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Type</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Event ID</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Status</th>
            <th scope="col" className="px-4 py-2.5 text-right font-medium">Duplicates</th>
            <th scope="col" className="px-4 py-2.5 font-medium">Last error</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-white/10">
          {events.map((event) => (
            <tr key={event.id} className="align-top">
              <td className="px-4 py-3 text-[13px] whitespace-nowrap text-zinc-600 tabular-nums dark:text-zinc-400">
                <LocalTime iso={event.receivedAt.toISOString()} format="full" />
              </td>
              <td className="px-4 py-3 font-mono text-[13px] whitespace-nowrap text-zinc-900 dark:text-zinc-100">{event.type}</td>
              <td className="max-w-[12rem] truncate px-4 py-3 font-mono text-[13px] text-zinc-600 dark:text-zinc-400" title={event.eventId}>
                {event.eventId}
              </td>
              <td className="px-4 py-3">
                <Badge tone={WEBHOOK_EVENT_STATUSES[event.status].tone}>{WEBHOOK_EVENT_STATUSES[event.status].label}</Badge>
              </td>
              <td className="px-4 py-3 text-right text-zinc-600 tabular-nums dark:text-zinc-400">{event.duplicates}</td>
              <td className="max-w-[18rem] px-4 py-3 text-xs break-words text-rose-700 dark:text-rose-300">
                {event.lastError ?? <span className="text-zinc-400 dark:text-zinc-600">—</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
