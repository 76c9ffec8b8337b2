import type { AppDatabase } from "../db/types";

/** Longest stored error text the event log list shows; the full text stays in the database. */
const LAST_ERROR_PREVIEW_CHARS = 160;

/** The newest deliveries in the event log, newest first. */
export async function listRecentWebhookEvents(db: AppDatabase, limit = 25) {
  const events = await db.prisma.webhookEvent.findMany({
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      receivedAt: true,
      type: true,
      eventId: true,
      status: true,
      duplicates: true,
      lastError: true,
    },
  });
  // Truncated here so long stack-like errors never travel to the page.
  return events.map((event) => ({ ...event, lastError: truncate(event.lastError, LAST_ERROR_PREVIEW_CHARS) }));
}

export type RecentWebhookEvent = Awaited<ReturnType<typeof listRecentWebhookEvents>>[number];

function truncate(text: string | null, max: number): string | null {
  if (text === null || text.length <= max) return text;
  return `${text.slice(0, max - 1).trimEnd()}…`;
}
