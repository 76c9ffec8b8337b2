"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { FormState } from "@/lib/auth/forms";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";
import { parseEventFilter } from "@/lib/event-log/filters";
import { replayEvent } from "@/lib/event-log/replay";
import { cancelReplayJob, runReplayJob, startReplayJob } from "@/lib/event-log/replay-jobs";
import { emptyFormSchema, eventFilterFormSchema, eventIdSchema, replayJobIdSchema } from "@/lib/event-log/schemas";
import { pruneEventBodies } from "@/lib/event-log/retention";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** Replays one stored event through the receiver's projection; the answer says what happened. */
export const replayEventAction = validatedAction(
  eventIdSchema,
  "admin",
  async ({ eventId }): Promise<FormState> => {
    const result = await replayEvent(getDatabase(), eventId, new Date(), log());
    revalidatePath("/admin/events", "layout");
    const ok = result.outcome === "processed" || result.outcome === "unchanged" || result.outcome === "ignored";
    return { status: ok ? "success" : "error", message: result.message };
  },
  (): FormState => ({ status: "error", message: "Unknown event." }),
);

/** Starts a bulk replay of every event matching the filter in the form; it runs after the answer. */
export const startBulkReplayAction = validatedAction(
  eventFilterFormSchema,
  "admin",
  async (fields, { user }): Promise<FormState> => {
    const filter = parseEventFilter(fields);
    const db = getDatabase();
    const jobId = await startReplayJob(db, filter, user.id, new Date());
    after(() => runReplayJob(db, jobId, { log: log() }).catch((error: unknown) => log().error("bulk replay failed", { jobId, error: String(error) })));
    revalidatePath("/admin/events");
    return { status: "success", message: `Replay job #${jobId} started.` };
  },
  (): FormState => ({ status: "error", message: "That filter could not be read." }),
);

export const cancelReplayJobAction = validatedAction(
  replayJobIdSchema,
  "admin",
  async ({ jobId }): Promise<FormState> => {
    const cancelled = await cancelReplayJob(getDatabase(), jobId);
    revalidatePath("/admin/events");
    return cancelled ? { status: "success", message: "Cancelling…" } : { status: "error", message: "That job has already finished." };
  },
  (): FormState => ({ status: "error", message: "Unknown job." }),
);

/** Retention: empties the stored bodies of processed events older than EVENT_BODY_RETENTION_DAYS. */
export const pruneEventBodiesAction = validatedAction(
  emptyFormSchema,
  "admin",
  async (): Promise<FormState> => {
    const days = env().EVENT_BODY_RETENTION_DAYS;
    const result = await pruneEventBodies(getDatabase(), { olderThanDays: days, now: new Date() });
    revalidatePath("/admin/events", "layout");
    return { status: "success", message: `Pruned the bodies of ${result.pruned.toLocaleString("en-US")} processed events older than ${days} days.` };
  },
  (): FormState => ({ status: "error", message: "Could not prune." }),
);
