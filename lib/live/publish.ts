import type { AppDatabase } from "../db/types";
import type { Tx } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import { activityChannel } from "./channel";
import { processHub, type LiveHub } from "./hub";

/**
 * Publishing timeline changes after an ingest.
 * - SQLite (one app instance): after the transaction commits, emit on the in-process hub.
 * - PostgreSQL (any number of instances): `pg_notify` inside the ingest transaction, so it is delivered
 *   only if and when the transaction commits (design §8); every instance's LISTEN client
 *   (lib/live/pg-listener.ts) fans it out to its own hub, the publishing instance included.
 */

/** The timeline rows one ingest changed (the projection reports them: lib/projections/result.ts). */
export type ActivityChange = { ids: number[] };

/** Inside the ingest transaction: on PostgreSQL, queue the NOTIFY that commit will deliver. */
export async function notifyActivityInTransaction(tx: Tx, db: Pick<AppDatabase, "dialect" | "url">, change: ActivityChange): Promise<void> {
  if (db.dialect !== "postgres" || change.ids.length === 0) return;
  const payload = JSON.stringify({ ids: change.ids });
  // $executeRaw, not $queryRaw: pg_notify returns void, which $queryRaw cannot deserialize.
  await tx.$executeRaw(Prisma.sql`SELECT pg_notify(${activityChannel(db.url)}, ${payload})`);
}

/** After a successful commit: on SQLite, tell this process's subscribers (PostgreSQL already notified). */
export function publishActivity(db: Pick<AppDatabase, "dialect">, change: ActivityChange, hub: LiveHub = processHub()): void {
  if (db.dialect !== "sqlite" || change.ids.length === 0) return;
  hub.emit({ type: "activity", ids: change.ids });
}
