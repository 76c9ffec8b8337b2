import { z } from "zod";

/** Form inputs of the event-log actions (shared by the forms and the server actions). */
export const eventIdSchema = z.object({ eventId: z.coerce.number().int().positive() });
export const replayJobIdSchema = z.object({ jobId: z.coerce.number().int().positive() });
/** The bulk-replay form carries the log's filter as plain text fields; parseEventFilter drops bad values. */
export const eventFilterFormSchema = z.object({
  outcome: z.string(),
  type: z.string(),
  from: z.string(),
  to: z.string(),
  resource: z.string(),
  q: z.string(),
});
export const emptyFormSchema = z.object({});
