import { z } from "zod";

/**
 * Open/done state of a conversation. "Done" is not sticky: it lasts while doneAt is at or after the
 * last activity, so a new message or call brings the conversation back to the open inbox.
 */
export const conversationStateSchema = z.enum(["open", "done"]);
export type ConversationState = z.infer<typeof conversationStateSchema>;

export function conversationState(conversation: { doneAt: Date | null; lastActivityAt: Date | null }): ConversationState {
  if (!conversation.doneAt) return "open";
  if (!conversation.lastActivityAt) return "done";
  return conversation.doneAt.getTime() >= conversation.lastActivityAt.getTime() ? "done" : "open";
}

/** doneAt to store when marking done: now, but never before the last activity (clock skew). */
export function doneAtOnMark(now: Date, lastActivityAt: Date | null): Date {
  return lastActivityAt && lastActivityAt.getTime() > now.getTime() ? lastActivityAt : now;
}

/** The input of every conversation action (Mark done / Reopen / Mark unread): one hidden field. */
export const conversationActionSchema = z.object({
  conversationId: z.coerce.number().int().positive(),
});
export type ConversationActionInput = z.infer<typeof conversationActionSchema>;

/** Search params of /conversations; anything unexpected falls back to the default view. */
export const conversationListParamsSchema = z.object({
  state: conversationStateSchema.catch("open").default("open"),
  number: z.coerce.number().int().positive().optional().catch(undefined),
  cursor: z.string().max(64).optional().catch(undefined),
});
export type ConversationListParams = z.infer<typeof conversationListParamsSchema>;
