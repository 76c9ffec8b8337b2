import pg from "pg";
import { parseDatabaseUrl } from "../../lib/db/database-url";

/** Drops the run's PostgreSQL schema (SQLite files are cleared when the next run starts). */
export default async function globalTeardown(): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (!url) return;
  const target = parseDatabaseUrl(url);
  if (target.dialect !== "postgres" || !target.schema?.startsWith("e2e_")) return;
  const client = new pg.Client({ connectionString: target.connectionString });
  try {
    await client.connect();
    await client.query("SET lock_timeout = '10s'");
    await client.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  } catch (error) {
    console.warn(`[e2e] could not drop schema ${target.schema}: ${(error as Error).message}`);
  } finally {
    await client.end().catch(() => {});
  }
}
