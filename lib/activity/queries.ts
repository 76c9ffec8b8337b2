import "server-only";
import { getDatabase } from "../db";

/** Number of timeline rows (messages + calls); 0 means nothing has arrived yet. */
export async function countActivities(): Promise<number> {
  return getDatabase().prisma.activity.count();
}
