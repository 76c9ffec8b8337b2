/**
 * The health check behind GET /api/health: one `SELECT 1` with a deadline. Pure apart from the
 * probe it is given, so tests pass a fake; the body never carries the database URL or an error text.
 */

import { redactDatabaseUrl } from "./db/database-url";

export type Dialect = "sqlite" | "postgres";

/** The part of the app's Database this check needs (lib/db.ts `getDatabase()` satisfies it). */
export type HealthDatabase = {
  dialect: Dialect;
  prisma: { $queryRaw: (query: TemplateStringsArray, ...values: unknown[]) => PromiseLike<unknown> };
};

/** Operational facts added when the database answers (lib/ops/status.ts); null when they could not be read in time. */
export type HealthOps = {
  migrationsCurrent: boolean;
  pendingMigrations: string[];
  lastDeliveryAt: string | null;
  lastDeliveryAgeSeconds: number | null;
  failedEventsWaiting: number;
  /** Call recordings, transcripts, summaries and voicemails past their due time and still missing (the completeness watch). */
  overdueArtifacts: number;
  /** The newest finished backfill (not a dry run): what it recovered and the time range of the lost webhooks. */
  lastBackfill: { finishedAt: string | null; status: string; recovered: number; gapFrom: string | null; gapTo: string | null } | null;
};

export type HealthBody = {
  status: "ok" | "unavailable";
  version: string;
  database: { ok: boolean; dialect: Dialect | null; latencyMs: number | null };
  ops?: HealthOps | null;
};

export type HealthResult = {
  httpStatus: 200 | 503;
  body: HealthBody;
  /** Why the database check failed, for the server log only. */
  failure?: string;
};

export const DEFAULT_HEALTH_TIMEOUT_MS = 3_000;

export async function checkHealth({
  openDatabase,
  version,
  clock = () => performance.now(),
  timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS,
  ops,
  writesFailing,
}: {
  /** Returns the database handle; may throw (invalid configuration). */
  openDatabase: () => HealthDatabase;
  version: string;
  /** Milliseconds from an arbitrary origin, for the latency measurement. */
  clock?: () => number;
  timeoutMs?: number;
  /** Reads the operational facts once the database answered; their failure never fails the check. */
  ops?: () => Promise<HealthOps>;
  /** True while this process's writes fail (lib/db/availability.ts): a locked SQLite file still answers `SELECT 1`. */
  writesFailing?: () => boolean;
}): Promise<HealthResult> {
  let database: HealthDatabase;
  try {
    database = openDatabase();
  } catch (error) {
    return unavailable(version, null, null, describe(error));
  }

  const started = clock();
  if (writesFailing?.()) return unavailable(version, database.dialect, null, "database writes are failing (unreachable or locked)");
  try {
    await withDeadline(Promise.resolve(database.prisma.$queryRaw`SELECT 1`), timeoutMs);
  } catch (error) {
    return unavailable(version, database.dialect, elapsed(clock, started), describe(error));
  }
  const latencyMs = elapsed(clock, started);
  const body: HealthBody = { status: "ok", version, database: { ok: true, dialect: database.dialect, latencyMs } };
  if (ops) body.ops = await withDeadline(ops(), timeoutMs).catch(() => null);
  return { httpStatus: 200, body };
}

function unavailable(version: string, dialect: Dialect | null, latencyMs: number | null, failure: string): HealthResult {
  return {
    httpStatus: 503,
    body: { status: "unavailable", version, database: { ok: false, dialect, latencyMs } },
    failure,
  };
}

class DeadlineExceeded extends Error {}

/** A hung database (unreachable PostgreSQL host, locked SQLite file) must not hang the health check. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`no answer within ${ms} ms`)), ms);
  });
  work.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function elapsed(clock: () => number, started: number): number {
  return Math.round((clock() - started) * 10) / 10;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return redactDatabaseUrl(message);
}
