import pg from "pg";
import { parseDatabaseUrl } from "../db/database-url";
import { pgPoolConfig } from "../db/pg-pool-config";
import type { Logger } from "../log";
import { activityChannel } from "./channel";
import type { LiveHub } from "./hub";

export type PgListener = {
  /** Resolves once the first LISTEN is active. */
  ready: Promise<void>;
  /** Whether LISTEN is active right now. */
  connected: () => boolean;
  stop: () => Promise<void>;
};

const MIN_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/**
 * One long-lived connection per app instance doing LISTEN on the activity channel, fanning each
 * NOTIFY out to the instance's hub. A dropped connection is re-opened with exponential backoff
 * and LISTEN re-issued; subscribers then get a `resync`, since notifications sent meanwhile are lost.
 */
export function startPgListener(options: { databaseUrl: string; hub: LiveHub; log?: Logger }): PgListener {
  const target = parseDatabaseUrl(options.databaseUrl);
  if (target.dialect !== "postgres") throw new Error("startPgListener needs a PostgreSQL URL");
  const channel = activityChannel(options.databaseUrl);
  let client: pg.Client | null = null;
  let stopped = false;
  let listening = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  let everConnected = false;

  const onNotification = (message: pg.Notification) => {
    if (message.channel !== channel || !message.payload) return;
    try {
      const parsed = JSON.parse(message.payload) as { ids?: unknown };
      const ids = Array.isArray(parsed.ids) ? parsed.ids.filter((id): id is number => Number.isInteger(id)) : [];
      if (ids.length > 0) options.hub.emit({ type: "activity", ids });
    } catch {
      // not ours
    }
  };

  const scheduleReconnect = () => {
    listening = false;
    if (stopped || timer) return;
    const delay = Math.min(MAX_BACKOFF_MS, MIN_BACKOFF_MS * 2 ** attempt) * (0.75 + Math.random() * 0.5);
    attempt += 1;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    timer.unref?.();
  };

  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ ...pgPoolConfig(target.connectionString, target.schema, 1), keepAlive: true });
    client = next;
    next.on("notification", onNotification);
    next.on("error", (error) => {
      options.log?.warn("live: LISTEN connection lost", { error: error.message });
      next.removeAllListeners("notification");
      void next.end().catch(() => undefined);
      if (client === next) scheduleReconnect();
    });
    next.on("end", () => {
      if (client === next) scheduleReconnect();
    });
    try {
      await next.connect();
      // Channel names come from validated schema identifiers; quoted as an identifier anyway.
      await next.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
      if (stopped) return;
      listening = true;
      attempt = 0;
      if (everConnected) options.hub.emit({ type: "resync" });
      everConnected = true;
      resolveReady();
    } catch (error) {
      options.log?.warn("live: could not LISTEN", { error: (error as Error).message, retryInAttempt: attempt });
      next.removeAllListeners("notification");
      await next.end().catch(() => undefined);
      if (client === next) scheduleReconnect();
    }
  };

  void connect();
  return {
    ready,
    connected: () => listening,
    stop: async () => {
      stopped = true;
      listening = false;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      await current?.end().catch(() => undefined);
    },
  };
}
