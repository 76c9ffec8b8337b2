import type { AppDatabase } from "../db/types";
import type { Tx } from "../db/types";
import { notifyActivityInTransaction, type ActivityChange } from "../live/publish";
import type { Envelope, NormalizedEvent } from "../openphone/normalized";
import { applyEvent } from "../projections/apply-event";

/**
 * The one path from a normalised event to the domain tables, inside the caller's transaction:
 * the receiver, replay and backfill all go through here. Returns the timeline rows touched
 * (publish them after commit with publishActivity).
 */
export async function applyNormalizedEvent(
  tx: Tx,
  db: Pick<AppDatabase, "dialect" | "url">,
  event: NormalizedEvent,
  envelope: Envelope,
  /** notify: false when the caller sends one NOTIFY for several events (the receiver's group commit). */
  options: { notify?: boolean } = {},
): Promise<ActivityChange> {
  const { activityIds } = await applyEvent(tx, event, envelope);
  const change: ActivityChange = { ids: activityIds };
  // Live updates (lib/live/): on PostgreSQL the NOTIFY rides this transaction and is delivered on commit.
  if (options.notify !== false) await notifyActivityInTransaction(tx, db, change);
  return change;
}
