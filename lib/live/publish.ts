import type { Database } from "../db/create-database";
import type { Tx } from "../db/types";
import { Prisma } from "../generated/sqlite/client";
import type { NormalizedEvent } from "../openphone/normalized";
import { activityChannel } from "./channel";
import { processHub, type LiveHub } from "./hub";

/**
 * Publishing timeline changes after an ingest.
 * - SQLite (one app instance): after the transaction commits, emit on the in-process hub.
 * - PostgreSQL (any number of instances): `pg_notify` inside the ingest transaction, so it is delivered
 *   only if and when the transaction commits (design §8); every instance's LISTEN client
 *   (lib/live/pg-listener.ts) fans it out to its own hub, the publishing instance included.
 */

export type ActivityChange = { ids: number[] };

/** The timeline rows an event touched (looked up inside the transaction, after the projection). */
export async function changedActivityIds(tx: Tx, event: NormalizedEvent): Promise<number[]> {
  const where = activityWhere(event);
  if (!where) return [];
  const row = await tx.activity.findFirst({ where, select: { id: true } });
  return row ? [row.id] : [];
}

function activityWhere(event: NormalizedEvent) {
  switch (event.kind) {
    case "message":
      return { message: { openphoneId: event.message.id } };
    case "call":
      return { call: { openphoneId: event.call.id } };
    case "call.recording":
    case "call.voicemail":
      return { call: { openphoneId: event.callId } };
    case "call.summary":
      return { call: { openphoneId: event.summary.callId } };
    case "call.transcript":
      return { call: { openphoneId: event.transcript.callId } };
    case "contact.updated":
    case "contact.deleted":
    case "token.validated":
      // A contact's new name shows on the next load; no single row changed.
      return null;
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event kind ${(unhandled as { kind: string }).kind}`);
    }
  }
}

/** Inside the ingest transaction: on PostgreSQL, queue the NOTIFY that commit will deliver. */
export async function notifyActivityInTransaction(tx: Tx, db: Pick<Database, "dialect" | "url">, change: ActivityChange): Promise<void> {
  if (db.dialect !== "postgres" || change.ids.length === 0) return;
  const payload = JSON.stringify({ ids: change.ids });
  // $executeRaw, not $queryRaw: pg_notify returns void, which $queryRaw cannot deserialize.
  await tx.$executeRaw(Prisma.sql`SELECT pg_notify(${activityChannel(db.url)}, ${payload})`);
}

/** After a successful commit: on SQLite, tell this process's subscribers (PostgreSQL already notified). */
export function publishActivity(db: Pick<Database, "dialect">, change: ActivityChange, hub: LiveHub = processHub()): void {
  if (db.dialect !== "sqlite" || change.ids.length === 0) return;
  hub.emit({ type: "activity", ids: change.ids });
}
