import { afterCursor, decodeKeysetCursor, encodeKeysetCursor } from "../cursor";
import type { AppDatabase } from "../db/types";
import { normalizeEvent } from "../openphone/events";
import type { NormalizeResult } from "../openphone/normalized";
import type { EventFilter } from "./filters";
import { eventFilterWhere } from "./where";

export const EVENT_PAGE_SIZE = 50;
/** Counting stops here: "more than 10,000" is all a bulk replay confirmation needs to say. */
export const MATCH_COUNT_CAP = 10_000;

const LIST_SELECT = {
  id: true,
  receivedAt: true,
  type: true,
  eventId: true,
  deliveryId: true,
  signatureScheme: true,
  apiVersion: true,
  status: true,
  duplicates: true,
  attempts: true,
  processingMs: true,
  resourceId: true,
  bodyPrunedAt: true,
  lastReplayResult: true,
} as const;

/** One page of the event log, newest first, after `cursor` (keyset on receivedAt, id). */
export async function listWebhookEvents(db: AppDatabase, filter: EventFilter, cursor: string | null, limit = EVENT_PAGE_SIZE) {
  const where = eventFilterWhere(filter, db.dialect);
  const after = decodeKeysetCursor(cursor);
  const rows = await db.prisma.webhookEvent.findMany({
    where: after ? { AND: [where, afterCursor("receivedAt", after)] } : where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: LIST_SELECT,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeKeysetCursor({ at: last.receivedAt, id: last.id }) : null;
  return { items, nextCursor };
}

export type WebhookEventListItem = Awaited<ReturnType<typeof listWebhookEvents>>["items"][number];

/** How many stored events match (capped at MATCH_COUNT_CAP + 1). */
export async function countMatchingEvents(db: AppDatabase, filter: EventFilter): Promise<number> {
  return db.prisma.webhookEvent.count({ where: eventFilterWhere(filter, db.dialect), take: MATCH_COUNT_CAP + 1 });
}

/** Every event type seen, for the type filter. */
export async function listEventTypes(db: AppDatabase): Promise<string[]> {
  const rows = await db.prisma.webhookEvent.groupBy({ by: ["type"], orderBy: { type: "asc" } });
  return rows.map((r) => r.type);
}

export type EventLinks = {
  call: { openphoneId: string } | null;
  message: { openphoneId: string; conversationId: number | null } | null;
  contact: { id: number; name: string | null } | null;
};

/** One stored event with everything the detail page shows. */
export async function getWebhookEventDetail(db: AppDatabase, id: number) {
  const event = await db.prisma.webhookEvent.findUnique({ where: { id } });
  if (!event) return null;
  const normalized: NormalizeResult | null = event.bodyPrunedAt ? null : normalizeEvent(event.rawBody);
  const links = await findEventLinks(db, event.resourceId, normalized);
  let headers: Record<string, string> = {};
  try {
    headers = JSON.parse(event.headers) as Record<string, string>;
  } catch {
    // Stored by this app as JSON; an unreadable value is shown as no headers rather than an error page.
  }
  return { event, headers, normalized, links };
}

export type WebhookEventDetail = NonNullable<Awaited<ReturnType<typeof getWebhookEventDetail>>>;

/** The call, message and contact an event produced (looked up by OpenPhone id; any may be missing). */
async function findEventLinks(db: AppDatabase, resourceId: string | null, normalized: NormalizeResult | null): Promise<EventLinks> {
  const event = normalized?.ok ? normalized.event : null;
  const callId =
    event?.kind === "call" ? event.call.id
    : event?.kind === "call.recording" || event?.kind === "call.voicemail" ? event.callId
    : event?.kind === "call.summary" ? event.summary.callId
    : event?.kind === "call.transcript" ? event.transcript.callId
    : resourceId;
  const messageId = event?.kind === "message" ? event.message.id : resourceId;
  const contactId = event?.kind === "contact.updated" || event?.kind === "contact.deleted" ? event.contact.id : resourceId;
  const [call, message, contact] = await Promise.all([
    callId ? db.prisma.call.findUnique({ where: { openphoneId: callId }, select: { openphoneId: true, conversationId: true } }) : null,
    messageId ? db.prisma.message.findUnique({ where: { openphoneId: messageId }, select: { openphoneId: true, conversationId: true } }) : null,
    contactId
      ? db.prisma.contact.findUnique({ where: { openphoneContactId: contactId }, select: { id: true, firstName: true, lastName: true } })
      : null,
  ]);
  // A message's conversation also names its contact: link that too.
  const conversationId = message?.conversationId ?? call?.conversationId ?? null;
  const viaConversation =
    !contact && conversationId
      ? await db.prisma.conversation.findUnique({
          where: { id: conversationId },
          select: { contact: { select: { id: true, firstName: true, lastName: true } } },
        })
      : null;
  const person = contact ?? viaConversation?.contact ?? null;
  return {
    call: call ? { openphoneId: call.openphoneId } : null,
    message,
    contact: person ? { id: person.id, name: [person.firstName, person.lastName].filter(Boolean).join(" ") || null } : null,
  };
}
