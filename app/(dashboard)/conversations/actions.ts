"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markConversationUnread, setConversationDone, type ConversationUpdate } from "@/lib/conversations/mutations";
import { conversationActionSchema } from "@/lib/conversations/state";
import { requireUser } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";

/** What a conversation action tells its button: nothing on success, a message otherwise. */
export type ConversationActionState = { ok: true } | { ok: false; error: string } | null;

const INVALID: ConversationActionState = { ok: false, error: "That conversation could not be found." };

function parse(formData: FormData): number | null {
  const input = conversationActionSchema.safeParse({ conversationId: formData.get("conversationId") });
  return input.success ? input.data.conversationId : null;
}

function finish(id: number, result: ConversationUpdate): ConversationActionState {
  if (!result.ok) return INVALID;
  revalidatePath("/conversations");
  revalidatePath(`/conversations/${id}`);
  return { ok: true };
}

export async function markDoneAction(_previous: ConversationActionState, formData: FormData): Promise<ConversationActionState> {
  await requireUser();
  const id = parse(formData);
  if (id === null) return INVALID;
  return finish(id, await setConversationDone(getDatabase(), id, true, new Date()));
}

export async function reopenAction(_previous: ConversationActionState, formData: FormData): Promise<ConversationActionState> {
  await requireUser();
  const id = parse(formData);
  if (id === null) return INVALID;
  return finish(id, await setConversationDone(getDatabase(), id, false, new Date()));
}

/** Marks unread and goes back to the inbox: staying on the thread would read it again. */
export async function markUnreadAction(_previous: ConversationActionState, formData: FormData): Promise<ConversationActionState> {
  await requireUser();
  const id = parse(formData);
  if (id === null) return INVALID;
  const result = finish(id, await markConversationUnread(getDatabase(), id));
  if (result?.ok) redirect("/conversations");
  return result;
}
