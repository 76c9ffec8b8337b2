"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markConversationUnread, setConversationDone, type ConversationUpdate } from "@/lib/conversations/mutations";
import { conversationActionSchema } from "@/lib/conversations/state";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";

/** What a conversation action tells its button: nothing on success, a message otherwise. */
export type ConversationActionState = { ok: true } | { ok: false; error: string } | null;

const INVALID: ConversationActionState = { ok: false, error: "That conversation could not be found." };
const invalid = () => INVALID;

function finish(id: number, result: ConversationUpdate): ConversationActionState {
  if (!result.ok) return INVALID;
  revalidatePath("/conversations");
  revalidatePath(`/conversations/${id}`);
  return { ok: true };
}

export const markDoneAction = validatedAction(
  conversationActionSchema,
  "staff",
  async ({ conversationId }): Promise<ConversationActionState> =>
    finish(conversationId, await setConversationDone(getDatabase(), conversationId, true, new Date())),
  invalid,
);

export const reopenAction = validatedAction(
  conversationActionSchema,
  "staff",
  async ({ conversationId }): Promise<ConversationActionState> =>
    finish(conversationId, await setConversationDone(getDatabase(), conversationId, false, new Date())),
  invalid,
);

/** Marks unread and goes back to the inbox: staying on the thread would read it again. */
export const markUnreadAction = validatedAction(
  conversationActionSchema,
  "staff",
  async ({ conversationId }): Promise<ConversationActionState> => {
    const result = finish(conversationId, await markConversationUnread(getDatabase(), conversationId));
    if (result?.ok) redirect("/conversations");
    return result;
  },
  invalid,
);
