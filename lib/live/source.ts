import "server-only";
import { getDatabase } from "../db";
import { log } from "../log";
import { processHub, type LiveHub } from "./hub";
import { startPgListener, type PgListener } from "./pg-listener";

const globalForLive = globalThis as unknown as { __openphoneInboxPgListener?: PgListener };

/**
 * The hub SSE streams subscribe to, with its feed running: on PostgreSQL a LISTEN connection started
 * on first use (other instances' deliveries arrive through it); on SQLite ingest emits directly.
 */
export function liveHub(): LiveHub {
  const hub = processHub();
  const db = getDatabase();
  if (db.dialect === "postgres") {
    globalForLive.__openphoneInboxPgListener ??= startPgListener({ databaseUrl: db.url, hub, log: log() });
  }
  return hub;
}
