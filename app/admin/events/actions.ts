"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import { formText, type FormState } from "@/lib/auth/forms";
import { requireAdmin } from "@/lib/auth/guards";
import { getDatabase } from "@/lib/db";
import { parseEventFilter, EVENT_FILTER_KEYS } from "@/lib/event-log/filters";
import { replayEvent } from "@/lib/event-log/replay";
import { cancelReplayJob, runReplayJob, startReplayJob } from "@/lib/event-log/replay-jobs";
import { eventIdSchema, replayJobIdSchema } from "@/lib/event-log/schemas";
import { pruneEventBodies } from "@/lib/event-log/retention";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

/** Replays one stored event through the receiver's projection; the answer says what happened. */
export async function replayEventAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireAdmin();
  const parsed = eventIdSchema.safeParse({ eventId: formText(formData, "eventId") });
  if (!parsed.success) return { status: "error", message: "Unknown event." };
  const result = await replayEvent(getDatabase(), parsed.data.eventId, new Date(), log());
  revalidatePath("/admin/events", "layout");
  const ok = result.outcome === "processed" || result.outcome === "unchanged" || result.outcome === "ignored";
  return { status: ok ? "success" : "error", message: result.message };
}

/** Starts a bulk replay of every event matching the filter in the form; it runs after the answer. */
export async function startBulkReplayAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const admin = await requireAdmin();
  const filter = parseEventFilter(Object.fromEntries(EVENT_FILTER_KEYS.map((key) => [key, formText(formData, key)])));
  const db = getDatabase();
  const jobId = await startReplayJob(db, filter, admin.id, new Date());
  after(() => runReplayJob(db, jobId, { log: log() }).catch((error: unknown) => log().error("bulk replay failed", { jobId, error: String(error) })));
  revalidatePath("/admin/events");
  return { status: "success", message: `Replay job #${jobId} started.` };
}

export async function cancelReplayJobAction(_previous: FormState, formData: FormData): Promise<FormState> {
  await requireAdmin();
  const parsed = replayJobIdSchema.safeParse({ jobId: formText(formData, "jobId") });
  if (!parsed.success) return { status: "error", message: "Unknown job." };
  const cancelled = await cancelReplayJob(getDatabase(), parsed.data.jobId);
  revalidatePath("/admin/events");
  return cancelled ? { status: "success", message: "Cancelling…" } : { status: "error", message: "That job has already finished." };
}

/** Retention: empties the stored bodies of processed events older than EVENT_BODY_RETENTION_DAYS. */
export async function pruneEventBodiesAction(_previous: FormState, _formData: FormData): Promise<FormState> {
  await requireAdmin();
  const days = env().EVENT_BODY_RETENTION_DAYS;
  const result = await pruneEventBodies(getDatabase(), { olderThanDays: days, now: new Date() });
  revalidatePath("/admin/events", "layout");
  return { status: "success", message: `Pruned the bodies of ${result.pruned.toLocaleString("en-US")} processed events older than ${days} days.` };
}
