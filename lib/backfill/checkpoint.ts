import { z } from "zod";

/**
 * Where a backfill walk stands: the workspace number (numbers are walked in id order), the page of
 * its conversations and the conversation in it, the list being read (messages, then calls), that
 * list's page token and how many of its items are done. Saved in the same transaction as each
 * item, so a killed run neither skips nor counts anything twice.
 */
export const checkpointSchema = z.object({
  phoneNumberId: z.string().nullable(),
  conversationsPage: z.string().nullable(),
  conversationId: z.string().nullable(),
  stage: z.enum(["messages", "calls"]),
  page: z.string().nullable(),
  index: z.number().int().min(0),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

export const START: Checkpoint = { phoneNumberId: null, conversationsPage: null, conversationId: null, stage: "messages", page: null, index: 0 };

export function parseCheckpoint(json: string): Checkpoint {
  const parsed = checkpointSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : START;
}
