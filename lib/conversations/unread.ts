/**
 * Unread rule of the conversation inbox, shared by the list (SQL in conversations.ts mirrors it)
 * and the thread. A conversation is unread when someone marked it unread, or when something that
 * needs a human arrived after it was last read: an incoming message, or an incoming call nobody
 * answered (missed, or sent to voicemail). Outgoing activity never makes a conversation unread.
 */

export const ATTENTION_CALL_OUTCOMES = ["missed", "voicemail"] as const;

export type AttentionCandidate = {
  kind: "message" | "call";
  direction: "incoming" | "outgoing" | null;
  /** Message status or call outcome (the Activity row's `status`). */
  status: string | null;
};

/** Whether this timeline item asks for someone's attention. */
export function needsAttention(item: AttentionCandidate): boolean {
  if (item.direction !== "incoming") return false;
  if (item.kind === "message") return true;
  return (ATTENTION_CALL_OUTCOMES as readonly string[]).includes(item.status ?? "");
}

export type ReadState = {
  readAt: Date | null;
  markedUnread: boolean;
  /** occurredAt of the newest item that needs attention, null when there is none. */
  latestAttentionAt: Date | null;
};

export function isConversationUnread(state: ReadState): boolean {
  if (state.markedUnread) return true;
  if (!state.latestAttentionAt) return false;
  return state.readAt === null || state.latestAttentionAt.getTime() > state.readAt.getTime();
}

/**
 * The readAt to store when the thread is opened: now, but never before the newest item (OpenPhone's
 * clock may run ahead of ours, and an item "from the future" must not stay unread after opening).
 */
export function readAtOnOpen(now: Date, latestAttentionAt: Date | null): Date {
  return latestAttentionAt && latestAttentionAt.getTime() > now.getTime() ? latestAttentionAt : now;
}
