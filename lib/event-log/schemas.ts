import { z } from "zod";

/** Form inputs of the event-log actions (shared by the forms and the server actions). */
export const eventIdSchema = z.object({ eventId: z.coerce.number().int().positive() });
export const replayJobIdSchema = z.object({ jobId: z.coerce.number().int().positive() });
