"use server";

import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { FormState } from "@/lib/auth/forms";
import { invalidForm } from "@/lib/auth/forms";
import { validatedAction } from "@/lib/auth/validated-action";
import { acknowledgeBackfillGaps, backfillRunOptions, switchWindowOptions } from "@/lib/backfill/runs";
import { backfillFormOptions, backfillFormSchema, backfillRunFormSchema, switchWindowFormSchema } from "@/lib/backfill/schemas";
import { startBackfillInBackground } from "@/lib/backfill/server";
import { getDatabase } from "@/lib/db";
import { emptyFormSchema } from "@/lib/event-log/schemas";
import { log } from "@/lib/log";
import type { BackfillOptions } from "@/lib/backfill/runs";

async function start(options: BackfillOptions, userId: number): Promise<FormState> {
  const started = await startBackfillInBackground(options, userId, after, log());
  revalidatePath("/admin/backfill");
  if (started.ok) return { status: "success", message: started.resumed ? `Continuing backfill #${started.runId} from its checkpoint.` : `Backfill #${started.runId} started.` };
  if (started.reason === "not_configured") return { status: "error", message: "Set OPENPHONE_API_KEY first: the backfill reads from the OpenPhone API." };
  return { status: "error", message: `Another backfill is running${started.runId ? ` (#${started.runId})` : ""}. Wait for it to finish.` };
}

/** Backfills the range and numbers in the form (everything when empty); it runs after the answer. */
export const startBackfillAction = validatedAction(
  backfillFormSchema,
  "admin",
  async (form, { user }): Promise<FormState> => start(backfillFormOptions(form), user.id),
  invalidForm(["since", "until", "phoneNumbers"]),
);

/** One click: the window of a recorded legacy → 2026 webhook switch. */
export const backfillSwitchWindowAction = validatedAction(
  switchWindowFormSchema,
  "admin",
  async ({ switchId }, { user }): Promise<FormState> => {
    const options = await switchWindowOptions(getDatabase(), switchId, new Date());
    if (!options) return { status: "error", message: "That switch window is not recorded." };
    return start(options, user.id);
  },
  (): FormState => ({ status: "error", message: "Unknown switch window." }),
);

/** Continues a stopped run (its process died, or OpenPhone failed) from its checkpoint, with its own options. */
export const continueBackfillAction = validatedAction(
  backfillRunFormSchema,
  "admin",
  async ({ runId }, { user }): Promise<FormState> => {
    const options = await backfillRunOptions(getDatabase(), runId);
    if (!options) return { status: "error", message: "That backfill has already finished." };
    return start(options, user.id);
  },
  (): FormState => ({ status: "error", message: "Unknown backfill." }),
);

/** Dismisses the dashboard warning about gaps found so far. */
export const acknowledgeGapsAction = validatedAction(
  emptyFormSchema,
  "admin",
  async (): Promise<FormState> => {
    const count = await acknowledgeBackfillGaps(getDatabase(), new Date());
    revalidatePath("/admin", "layout");
    return { status: "success", message: `Dismissed ${count} gap warning${count === 1 ? "" : "s"}.` };
  },
  (): FormState => ({ status: "error", message: "Could not dismiss." }),
);
