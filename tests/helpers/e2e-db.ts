import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "../../lib/db/database-url";
import { pgPoolConfig } from "../../lib/db/pg-pool-config";
import { e2eDatabaseUrl } from "./e2e-env";

/** Runs SQL statements directly on the e2e server's database (for fault injection in a spec). */
export async function execOnE2eDatabase(statements: string[]): Promise<void> {
  const target = parseDatabaseUrl(e2eDatabaseUrl());
  if (target.dialect === "sqlite") {
    const db = new Database(target.file, { timeout: 10_000 });
    try {
      for (const sql of statements) db.exec(sql);
    } finally {
      db.close();
    }
    return;
  }
  const client = new pg.Client(pgPoolConfig(target.connectionString, target.schema));
  await client.connect();
  try {
    for (const sql of statements) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A trigger that makes inserting a call whose id starts with `prefix` fail, like a projection bug. */
export function injectCallFailureSql(dialect: "sqlite" | "postgres", prefix: string, name: string): { inject: string[]; remove: string[] } {
  if (dialect === "sqlite") {
    return {
      inject: [`CREATE TRIGGER "${name}" BEFORE INSERT ON "Call" WHEN NEW."openphoneId" LIKE '${prefix}%' BEGIN SELECT RAISE(ABORT, 'injected projection failure'); END`],
      remove: [`DROP TRIGGER "${name}"`],
    };
  }
  return {
    inject: [
      `CREATE OR REPLACE FUNCTION "${name}_fn"() RETURNS trigger AS $$ BEGIN IF NEW."openphoneId" LIKE '${prefix}%' THEN RAISE EXCEPTION 'injected projection failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      `CREATE TRIGGER "${name}" BEFORE INSERT ON "Call" FOR EACH ROW EXECUTE FUNCTION "${name}_fn"()`,
    ],
    remove: [`DROP TRIGGER "${name}" ON "Call"`],
  };
}

export function e2eDialect(): "sqlite" | "postgres" {
  return parseDatabaseUrl(e2eDatabaseUrl()).dialect;
}
