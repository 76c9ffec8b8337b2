"use server";

import { revalidatePath } from "next/cache";
import { validatedAction } from "@/lib/auth/validated-action";
import { markCallbackHandled } from "@/lib/callbacks/queue";
import { markHandledSchema } from "@/lib/callbacks/schemas";
import { getDatabase } from "@/lib/db";

export type MarkHandledState = { ok: true } | { ok: false; error: string } | null;

/** Takes a missed call or voicemail off the callback queue, recording who and when. */
export const markHandledAction = validatedAction(
  markHandledSchema,
  "staff",
  async ({ activityId }, { user }): Promise<MarkHandledState> => {
    const result = await markCallbackHandled(getDatabase(), activityId, user.id, new Date());
    if (!result.ok) return { ok: false, error: "That call could not be found." };
    revalidatePath("/callbacks");
    return { ok: true };
  },
  (): MarkHandledState => ({ ok: false, error: "That call could not be found." }),
);
