import type { Prisma } from "../generated/sqlite/client";
import type { AppDatabase } from "../db/types";
import { latestAttentionAt } from "./queries";
import { conversationState, doneAtOnMark } from "./state";
import { isConversationUnread, readAtOnOpen } from "./unread";

/** State changes of a conversation: read / unread / done / reopened. */

export type ConversationUpdate = { ok: true; changed: boolean } | { ok: false; reason: "not_found" };

// Writes are one-statement batch transactions: on SQLite they queue behind an ingest transaction
// instead of running inside its window (see design.md §8, "The SQLite adapter holds one connection").
async function updateConversation(db: AppDatabase, id: number, data: Prisma.ConversationUpdateManyMutationInput): Promise<number> {
  const [result] = await db.prisma.$transaction([db.prisma.conversation.updateMany({ where: { id }, data })]);
  return result.count;
}

/** Opening a thread reads it: clears "marked unread" and moves readAt past every item. No write when already read. */
export async function markConversationRead(db: AppDatabase, id: number, now: Date): Promise<ConversationUpdate> {
  const row = await db.prisma.conversation.findUnique({ where: { id }, select: { readAt: true, markedUnread: true } });
  if (!row) return { ok: false, reason: "not_found" };
  const attentionAt = await latestAttentionAt(db, id);
  if (!isConversationUnread({ readAt: row.readAt, markedUnread: row.markedUnread, latestAttentionAt: attentionAt })) {
    return { ok: true, changed: false };
  }
  await updateConversation(db, id, { readAt: readAtOnOpen(now, attentionAt), markedUnread: false });
  return { ok: true, changed: true };
}

export async function markConversationUnread(db: AppDatabase, id: number): Promise<ConversationUpdate> {
  const row = await db.prisma.conversation.findUnique({ where: { id }, select: { markedUnread: true } });
  if (!row) return { ok: false, reason: "not_found" };
  if (row.markedUnread) return { ok: true, changed: false };
  await updateConversation(db, id, { markedUnread: true });
  return { ok: true, changed: true };
}

/** Mark done (done = true) or reopen (done = false). Repeating either changes nothing. */
export async function setConversationDone(db: AppDatabase, id: number, done: boolean, now: Date): Promise<ConversationUpdate> {
  const row = await db.prisma.conversation.findUnique({ where: { id }, select: { doneAt: true, lastActivityAt: true } });
  if (!row) return { ok: false, reason: "not_found" };
  const current = conversationState(row);
  if ((current === "done") === done) return { ok: true, changed: false };
  await updateConversation(db, id, { doneAt: done ? doneAtOnMark(now, row.lastActivityAt) : null });
  return { ok: true, changed: true };
}
