import { z } from "zod";

/** The "Mark handled" form: the same schema on the button and in the server action. */
export const markHandledSchema = z.object({ activityId: z.coerce.number().int().positive().max(2_147_483_647) });
