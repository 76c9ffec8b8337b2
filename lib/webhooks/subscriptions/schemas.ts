import { z } from "zod";
import { webhookFamilySchema } from "../../openphone/api/schemas";
import { GENERATIONS } from "./families";

/** Input of the admin page's forms and the CLI, validated by the same schemas on the server. */

export const generationSchema = z.enum(GENERATIONS, { message: "Choose legacy or 2026" });

export const webhookIdSchema = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Not a webhook id" });

const phoneNumberIdsSchema = z.array(z.string().trim().regex(/^PN[A-Za-z0-9]{1,40}$/, { message: "Phone numbers are PN… ids" })).max(100);

export const connectEverythingSchema = z.object({ generation: generationSchema, numbers: phoneNumberIdsSchema.default([]) });

export const createSubscriptionSchema = z.object({
  generation: generationSchema,
  family: webhookFamilySchema,
  numbers: phoneNumberIdsSchema.default([]),
  url: z.url({ protocol: /^https?$/, message: "Enter an absolute http(s) URL" }).max(2000),
  label: z.string().trim().max(100, { message: "At most 100 characters" }).optional(),
});

export const MANAGE_INTENTS = ["test", "enable", "disable", "rotate", "reveal", "delete"] as const;
export const manageSubscriptionSchema = z.object({ id: webhookIdSchema, intent: z.enum(MANAGE_INTENTS) });
