"use server";

import { revalidatePath } from "next/cache";
import { requireUser } from "@/lib/auth/guards";
import { markCallbackHandled } from "@/lib/callbacks/queue";
import { markHandledSchema } from "@/lib/callbacks/schemas";
import { getDatabase } from "@/lib/db";

export type MarkHandledState = { ok: true } | { ok: false; error: string } | null;

/** Takes a missed call or voicemail off the callback queue, recording who and when. */
export async function markHandledAction(_previous: MarkHandledState, formData: FormData): Promise<MarkHandledState> {
  const user = await requireUser();
  const input = markHandledSchema.safeParse({ activityId: formData.get("activityId") });
  if (!input.success) return { ok: false, error: "That call could not be found." };
  const result = await markCallbackHandled(getDatabase(), input.data.activityId, user.id, new Date());
  if (!result.ok) return { ok: false, error: "That call could not be found." };
  revalidatePath("/callbacks");
  return { ok: true };
}
