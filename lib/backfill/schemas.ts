import { z } from "zod";
import type { BackfillOptions } from "./runs";

const day = z.union([z.literal(""), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date like 2026-11-30")]);

/** The admin page's backfill form (shared by the form and its server action). Days are UTC. */
export const backfillFormSchema = z
  .object({
    since: day,
    until: day,
    phoneNumbers: z
      .string()
      .transform((value) => [...new Set(value.split(/[\s,]+/).filter(Boolean))])
      .refine((ids) => ids.every((id) => /^PN[A-Za-z0-9]+$/.test(id)), "Workspace numbers are PN… ids, separated by commas"),
    dryRun: z.union([z.literal("on"), z.literal("")]).transform((value) => value === "on"),
  })
  .refine((form) => !form.since || !form.until || form.since <= form.until, { message: "The first day must not be after the last", path: ["until"] });
export type BackfillForm = z.output<typeof backfillFormSchema>;

export const backfillRunFormSchema = z.object({ runId: z.coerce.number().int().positive() });

export const switchWindowFormSchema = z.object({ switchId: z.coerce.number().int().positive() });

/** Form days as a range: from the first day's start to the end of the last day (UTC). */
export function backfillFormOptions(form: BackfillForm): BackfillOptions {
  return {
    since: form.since ? new Date(`${form.since}T00:00:00Z`) : null,
    until: form.until ? new Date(Date.parse(`${form.until}T00:00:00Z`) + 86_400_000) : null,
    phoneNumberIds: form.phoneNumbers,
    dryRun: form.dryRun,
  };
}
