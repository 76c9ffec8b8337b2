import { ConfigError, loadEnv } from "../env";
import { redactDatabaseUrl } from "./database-url";
import { migrate, type MigrationResult } from "./migrate";

export type PrepareResult = { ok: true; result: MigrationResult } | { ok: false; message: string };

/**
 * Validates configuration and brings the database up to date. Every failure becomes one readable
 * line (no stack trace, no password) so `npm run app` can print it and exit non-zero.
 */
export async function prepareDatabase(source: Record<string, string | undefined> = process.env): Promise<PrepareResult> {
  let url: string;
  try {
    url = loadEnv(source).DATABASE_URL;
  } catch (error) {
    if (error instanceof ConfigError) return { ok: false, message: error.message };
    throw error;
  }
  try {
    return { ok: true, result: await migrate(url) };
  } catch (error) {
    return { ok: false, message: `Database ${redactDatabaseUrl(url)} is not usable: ${describeDbError(error)}` };
  }
}

function describeDbError(error: unknown): string {
  const e = error as { code?: string; message?: string; errors?: { message?: string }[] };
  // pg reports ECONNREFUSED for "localhost" as an AggregateError with an empty message.
  const message = e.message || e.errors?.map((x) => x.message).join("; ") || String(error);
  return e.code && !message.includes(e.code) ? `${e.code} ${message}` : message;
}
