import { afterCursor, encodeKeysetCursor, type KeysetCursor } from "../cursor";
import { parseStringList } from "../db/string-list";
import type { AppDatabase } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { attachmentFileName, attachmentKind, resolveContentType, type AttachmentKind } from "../media/attachment-kind";
import { mediaProxyUrl } from "../media/urls";
import { conversationState, type ConversationState } from "./state";
import { ATTENTION_CALL_OUTCOMES, isConversationUnread } from "./unread";
import { contactFullName } from "../contacts/name";

/**
 * Queries of the conversation inbox (/conversations), the thread (/conversations/[id]) and their
 * JSON twins. Every function takes the database (AppDatabase) first, so tests run them against a real
 * SQLite file or PostgreSQL schema. Upstream media URLs never leave this module: items carry
 * our media proxy URLs (lib/media/urls.ts) instead.
 */

export const CONVERSATION_PAGE_SIZE = 30;
export const THREAD_PAGE_SIZE = 40;
/** Unread counts stop here; the list shows "99+" beyond 99. */
export const UNREAD_COUNT_CAP = 100;

// ───────────────────────────── inbox list ─────────────────────────────

export type ConversationListInput = {
  state: ConversationState;
  /** Our PhoneNumber row id (the workspace number filter). */
  phoneNumberId?: number | null;
  cursor?: KeysetCursor | null;
  limit?: number;
};

export type ConversationPreview = {
  kind: "message" | "call";
  direction: "incoming" | "outgoing" | null;
  status: string | null;
  preview: string;
  occurredAt: Date;
  hasMedia: boolean;
  hasVoicemail: boolean;
  hasRecording: boolean;
};

export type ConversationListRow = {
  id: number;
  participant: string;
  lastActivityAt: Date;
  state: ConversationState;
  unread: boolean;
  /** Items that arrived after readAt and need attention (incoming messages, missed calls, voicemails). */
  unreadCount: number;
  messageCount: number;
  callCount: number;
  phoneNumber: { id: number; name: string | null; number: string | null };
  contact: { firstName: string | null; lastName: string | null; company: string | null } | null;
  /** Every participant of a group thread (null for a 1:1 thread). */
  members: GroupMember[] | null;
  latest: ConversationPreview | null;
};

export type GroupMember = { number: string; name: string | null };

export type ConversationListPage = { rows: ConversationListRow[]; nextCursor: string | null };

function stateWhere(db: AppDatabase, state: ConversationState) {
  const fields = db.prisma.conversation.fields;
  // Done while doneAt >= lastActivityAt: any newer activity reopens it (state.ts).
  return state === "done"
    ? { doneAt: { gte: fields.lastActivityAt } }
    : { OR: [{ doneAt: null }, { doneAt: { lt: fields.lastActivityAt } }] };
}

/**
 * One page of the inbox, most recently active first, keyset-paginated on (lastActivityAt, id).
 * Conversations always get a lastActivityAt when they are created (lib/projections/parties.ts).
 */
export async function listConversations(db: AppDatabase, input: ConversationListInput): Promise<ConversationListPage> {
  const limit = input.limit ?? CONVERSATION_PAGE_SIZE;
  const rows = await db.prisma.conversation.findMany({
    where: {
      AND: [
        { lastActivityAt: { not: null } },
        stateWhere(db, input.state),
        input.phoneNumberId ? { phoneNumberId: input.phoneNumberId } : {},
        input.cursor ? afterCursor("lastActivityAt", input.cursor) : {},
      ],
    },
    orderBy: [{ lastActivityAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      participant: true,
      lastActivityAt: true,
      readAt: true,
      doneAt: true,
      markedUnread: true,
      participants: true,
      phoneNumber: { select: { id: true, name: true, number: true } },
      contact: { select: { firstName: true, lastName: true, company: true } },
    },
  });
  const page = rows.slice(0, limit);
  const summaries = await summarizeConversations(db, page.map((r) => r.id));
  const members = await groupMembers(db, page);
  const last = page.at(-1);
  return {
    rows: page.map((row) => {
      const summary = summaries.get(row.id);
      const unreadCount = summary?.unreadCount ?? 0;
      return {
        id: row.id,
        participant: row.participant,
        lastActivityAt: row.lastActivityAt!,
        state: conversationState(row),
        unread: row.markedUnread || unreadCount > 0,
        unreadCount,
        messageCount: summary?.messageCount ?? 0,
        callCount: summary?.callCount ?? 0,
        phoneNumber: row.phoneNumber,
        contact: row.contact,
        members: members.get(row.id) ?? null,
        latest: summary?.latest ?? null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor({ at: last.lastActivityAt!, id: last.id }) : null,
  };
}

/** The participants of the group threads among `rows`, with their contact names, in one query. */
async function groupMembers(db: AppDatabase, rows: { id: number; participants: string | null }[]): Promise<Map<number, GroupMember[]>> {
  const groups = rows.flatMap((row) => (row.participants ? [{ id: row.id, numbers: parseStringList(row.participants) }] : []));
  const result = new Map<number, GroupMember[]>();
  if (groups.length === 0) return result;
  const numbers = [...new Set(groups.flatMap((g) => g.numbers))];
  const contacts = await db.prisma.contact.findMany({
    where: { number: { in: numbers } },
    select: { number: true, firstName: true, lastName: true, company: true },
  });
  const names = new Map(contacts.map((c) => [c.number!, contactFullName(c) ?? c.company ?? null]));
  for (const group of groups) result.set(group.id, group.numbers.map((number) => ({ number, name: names.get(number) ?? null })));
  return result;
}

type ConversationSummary = { unreadCount: number; messageCount: number; callCount: number; latest: ConversationPreview | null };

/**
 * Counts, unread count and newest item of a page of conversations, in three queries whatever the
 * page size. Counting messages and calls reads only the (conversationId, kind) index; the unread
 * count walks the newest items backwards and stops at UNREAD_COUNT_CAP, so a huge unread
 * conversation costs no more than a small one.
 */
async function summarizeConversations(db: AppDatabase, ids: number[]): Promise<Map<number, ConversationSummary>> {
  const result = new Map<number, ConversationSummary>();
  if (ids.length === 0) return result;
  const idList = Prisma.join(ids);
  const outcomes = Prisma.join([...ATTENTION_CALL_OUTCOMES]);
  const [counts, latestIds] = await Promise.all([
    db.prisma.activity.groupBy({ by: ["conversationId", "kind"], where: { conversationId: { in: ids } }, _count: { _all: true } }),
    // The unread rule of lib/conversations/unread.ts (needsAttention + isConversationUnread), in SQL.
    db.prisma.$queryRaw<{ conversationId: number; activityId: number | bigint | null; unread: number | bigint }[]>`
      SELECT c."id" AS "conversationId",
             (SELECT a."id" FROM "Activity" a
               WHERE a."conversationId" = c."id"
               ORDER BY a."occurredAt" DESC, a."id" DESC
               LIMIT 1) AS "activityId",
             (SELECT CAST(COUNT(*) AS INTEGER) FROM (
                SELECT 1 AS "one" FROM "Activity" a
                 WHERE a."conversationId" = c."id"
                   AND (c."readAt" IS NULL OR a."occurredAt" > c."readAt")
                   AND a."direction" = 'incoming'
                   AND (a."kind" = 'message' OR a."status" IN (${outcomes}))
                 ORDER BY a."occurredAt" DESC
                 LIMIT ${UNREAD_COUNT_CAP}) AS "recent") AS "unread"
        FROM "Conversation" c
       WHERE c."id" IN (${idList})`,
  ]);
  const activityIds = latestIds.map((r) => (r.activityId === null ? null : Number(r.activityId))).filter((id): id is number => id !== null);
  const activities = activityIds.length
    ? await db.prisma.activity.findMany({
        where: { id: { in: activityIds } },
        select: {
          conversationId: true,
          kind: true,
          direction: true,
          status: true,
          preview: true,
          occurredAt: true,
          hasMedia: true,
          hasVoicemail: true,
          hasRecording: true,
        },
      })
    : [];
  const latestByConversation = new Map(activities.map(({ conversationId, ...a }) => [conversationId!, a]));
  for (const id of ids) result.set(id, { unreadCount: 0, messageCount: 0, callCount: 0, latest: latestByConversation.get(id) ?? null });
  for (const row of latestIds) {
    const entry = result.get(Number(row.conversationId));
    if (entry) entry.unreadCount = Number(row.unread);
  }
  for (const row of counts) {
    const entry = result.get(row.conversationId!);
    if (!entry) continue;
    if (row.kind === "message") entry.messageCount = row._count._all;
    else entry.callCount = row._count._all;
  }
  return result;
}

/** How many conversations are open and done (for the inbox tabs), optionally on one workspace number. */
export async function countConversationsByState(db: AppDatabase, phoneNumberId?: number | null): Promise<Record<ConversationState, number>> {
  const scope = { lastActivityAt: { not: null }, ...(phoneNumberId ? { phoneNumberId } : {}) };
  const [open, done] = await Promise.all([
    db.prisma.conversation.count({ where: { AND: [scope, stateWhere(db, "open")] } }),
    db.prisma.conversation.count({ where: { AND: [scope, stateWhere(db, "done")] } }),
  ]);
  return { open, done };
}

/** The workspace numbers that have conversations, for the inbox filter. */
export async function listWorkspaceNumbers(db: AppDatabase) {
  return db.prisma.phoneNumber.findMany({
    where: { conversations: { some: {} } },
    orderBy: [{ name: "asc" }, { number: "asc" }, { id: "asc" }],
    select: { id: true, name: true, number: true },
  });
}

export type WorkspaceNumber = Awaited<ReturnType<typeof listWorkspaceNumbers>>[number];

// ───────────────────────────── one conversation ─────────────────────────────

/** Newest incoming message / missed call / voicemail of a conversation (null when none). */
export async function latestAttentionAt(db: AppDatabase, conversationId: number): Promise<Date | null> {
  const row = await db.prisma.activity.findFirst({
    where: {
      conversationId,
      direction: "incoming",
      OR: [{ kind: "message" }, { kind: "call", status: { in: [...ATTENTION_CALL_OUTCOMES] } }],
    },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    select: { occurredAt: true },
  });
  return row?.occurredAt ?? null;
}

export async function getConversation(db: AppDatabase, id: number) {
  const row = await db.prisma.conversation.findUnique({
    where: { id },
    select: {
      id: true,
      openphoneId: true,
      openphoneUrl: true,
      participant: true,
      participants: true,
      lastActivityAt: true,
      readAt: true,
      doneAt: true,
      markedUnread: true,
      phoneNumber: { select: { id: true, openphoneId: true, name: true, number: true } },
      contact: { select: { firstName: true, lastName: true, company: true, number: true } },
    },
  });
  if (!row) return null;
  const attentionAt = await latestAttentionAt(db, id);
  const members = (await groupMembers(db, [row])).get(row.id) ?? null;
  const { readAt, markedUnread, participants: _participants, ...rest } = row;
  return {
    ...rest,
    members,
    readAt,
    state: conversationState(row),
    unread: isConversationUnread({ readAt, markedUnread, latestAttentionAt: attentionAt }),
  };
}

export type ConversationDetail = NonNullable<Awaited<ReturnType<typeof getConversation>>>;

// ───────────────────────────── thread items ─────────────────────────────

export type ThreadMedia = {
  id: number;
  /** Our proxy URL (never the upstream one). */
  url: string;
  kind: AttachmentKind;
  contentType: string | null;
  size: number | null;
  duration: number | null;
  fileName: string;
};

export type ThreadMessage = {
  type: "message";
  activityId: number;
  occurredAt: Date;
  openphoneId: string;
  direction: "incoming" | "outgoing";
  text: string | null;
  status: string;
  errorCode: string | null;
  errorMessage: string | null;
  media: ThreadMedia[];
};

export type ThreadAudio = { id: number; url: string; duration: number | null; contentType: string | null };

export type ThreadCall = {
  type: "call";
  activityId: number;
  occurredAt: Date;
  openphoneId: string;
  direction: "incoming" | "outgoing" | null;
  outcome: string | null;
  /** Seconds. */
  duration: number | null;
  forwardedTo: string | null;
  recordings: ThreadAudio[];
  voicemail: ThreadAudio | null;
  summary: { lines: string[]; nextSteps: string[]; sentiment: string | null } | null;
  hasTranscript: boolean;
};

export type ThreadItem = ThreadMessage | ThreadCall;

export type ThreadPage = {
  /** Oldest first, the way a thread reads. */
  items: ThreadItem[];
  /** Cursor for the page of older items ("Load older"), null at the beginning of the conversation. */
  olderCursor: string | null;
};

const threadSelect = {
  id: true,
  kind: true,
  occurredAt: true,
  message: {
    select: {
      openphoneId: true,
      direction: true,
      text: true,
      status: true,
      errorCode: true,
      errorMessage: true,
      media: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, url: true, contentType: true, size: true, duration: true },
      },
    },
  },
  call: {
    select: {
      openphoneId: true,
      direction: true,
      outcome: true,
      duration: true,
      forwardedTo: true,
      recordings: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, duration: true, contentType: true } },
      voicemail: { select: { id: true, duration: true, contentType: true } },
      summary: { select: { summary: true, nextSteps: true, sentiment: true } },
      transcript: { select: { id: true } },
    },
  },
} satisfies Prisma.ActivitySelect;

type ActivityWithChildren = Prisma.ActivityGetPayload<{ select: typeof threadSelect }>;

/** Items of a thread: the newest `limit` (or those older than `before`), returned oldest first. */
export async function listConversationItems(
  db: AppDatabase,
  conversationId: number,
  options: { before?: KeysetCursor | null; limit?: number } = {},
): Promise<ThreadPage> {
  const limit = options.limit ?? THREAD_PAGE_SIZE;
  const rows = await db.prisma.activity.findMany({
    where: { conversationId, ...(options.before ? afterCursor("occurredAt", options.before) : {}) },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: threadSelect,
  });
  const page = rows.slice(0, limit);
  const oldest = page.at(-1);
  return {
    items: page.map(toThreadItem).filter((item): item is ThreadItem => item !== null).reverse(),
    olderCursor: rows.length > limit && oldest ? encodeKeysetCursor({ at: oldest.occurredAt, id: oldest.id }) : null,
  };
}

function toThreadItem(row: ActivityWithChildren): ThreadItem | null {
  if (row.kind === "message" && row.message) {
    const m = row.message;
    return {
      type: "message",
      activityId: row.id,
      occurredAt: row.occurredAt,
      openphoneId: m.openphoneId,
      direction: m.direction,
      text: m.text,
      status: m.status,
      errorCode: m.errorCode,
      errorMessage: m.errorMessage,
      media: m.media.map(toThreadMedia),
    };
  }
  if (row.kind === "call" && row.call) {
    const c = row.call;
    return {
      type: "call",
      activityId: row.id,
      occurredAt: row.occurredAt,
      openphoneId: c.openphoneId,
      direction: c.direction,
      outcome: c.outcome,
      duration: c.duration,
      forwardedTo: c.forwardedTo,
      recordings: c.recordings.map((r) => ({ id: r.id, url: mediaProxyUrl("recording", r.id), duration: r.duration, contentType: r.contentType })),
      voicemail: c.voicemail
        ? { id: c.voicemail.id, url: mediaProxyUrl("voicemail", c.voicemail.id), duration: c.voicemail.duration, contentType: c.voicemail.contentType }
        : null,
      summary: c.summary
        ? { lines: parseStringList(c.summary.summary), nextSteps: parseStringList(c.summary.nextSteps), sentiment: c.summary.sentiment }
        : null,
      hasTranscript: c.transcript !== null,
    };
  }
  return null;
}

function toThreadMedia(media: { id: number; position: number; url: string; contentType: string | null; size: number | null; duration: number | null }): ThreadMedia {
  const contentType = resolveContentType(media.contentType, media.url);
  return {
    id: media.id,
    url: mediaProxyUrl("attachment", media.id),
    kind: attachmentKind(contentType),
    contentType,
    size: media.size,
    duration: media.duration,
    fileName: attachmentFileName(media.url, media.contentType, media.position),
  };
}

/** One message by its OpenPhone id (AC…), with its attachments as proxy URLs. */
export async function getMessage(db: AppDatabase, openphoneMessageId: string) {
  const row = await db.prisma.message.findUnique({
    where: { openphoneId: openphoneMessageId },
    select: {
      openphoneId: true,
      direction: true,
      fromNumber: true,
      toNumbers: true,
      text: true,
      status: true,
      errorCode: true,
      errorMessage: true,
      userId: true,
      occurredAt: true,
      statusAt: true,
      conversationId: true,
      phoneNumber: { select: { openphoneId: true, name: true, number: true } },
      media: {
        orderBy: { position: "asc" },
        select: { id: true, position: true, url: true, contentType: true, size: true, duration: true },
      },
    },
  });
  if (!row) return null;
  return { ...row, toNumbers: row.toNumbers ? row.toNumbers.split(",") : [], media: row.media.map(toThreadMedia) };
}

export type MessageDetail = NonNullable<Awaited<ReturnType<typeof getMessage>>>;
