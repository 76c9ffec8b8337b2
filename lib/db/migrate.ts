import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl, type DatabaseTarget } from "./database-url";
import { pgPoolConfig } from "./pg-pool-config";

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationResult = { dialect: DatabaseTarget["dialect"]; applied: string[]; alreadyApplied: string[] };

const MIGRATIONS_TABLE = "_migrations";
// Any constant shared by every instance; serialises concurrent boots against one PostgreSQL.
const PG_LOCK_KEY = 0x6f70_6e62;

/** Reads prisma/migrations/<dialect>/<name>/migration.sql in name order. */
export function readMigrations(dialect: DatabaseTarget["dialect"], root = defaultMigrationsRoot()): Migration[] {
  const dir = path.join(root, dialect);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

function defaultMigrationsRoot(): string {
  // The folder is read at run time from the app's working directory, not bundled.
  return path.join(/* turbopackIgnore: true */ process.cwd(), "prisma", "migrations");
}

/** Applies every pending migration, each once and in its own transaction, and records it. */
export async function migrate(databaseUrl: string, options: { migrations?: Migration[] } = {}): Promise<MigrationResult> {
  const target = parseDatabaseUrl(databaseUrl);
  const migrations = options.migrations ?? readMigrations(target.dialect);
  return target.dialect === "sqlite" ? migrateSqlite(target.file, migrations) : migratePostgres(target, migrations);
}

function checkRecorded(recorded: Map<string, string>, migrations: Migration[]): void {
  for (const m of migrations) {
    const checksum = recorded.get(m.name);
    if (checksum !== undefined && checksum !== m.checksum) {
      throw new Error(`migration ${m.name} was edited after it was applied (checksum differs); add a new migration instead`);
    }
  }
}

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("foreign_keys = ON");
    db.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`,
    );
    const applied: string[] = [];
    const alreadyApplied: string[] = [];
    for (const m of migrations) {
      // IMMEDIATE takes the write lock first, so a second process waits on the busy timeout
      // and then sees the row the first one wrote.
      db.exec("BEGIN IMMEDIATE");
      try {
        const rows = db.prepare(`SELECT "name", "checksum" FROM "${MIGRATIONS_TABLE}"`).all() as { name: string; checksum: string }[];
        const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
        checkRecorded(recorded, migrations);
        if (recorded.has(m.name)) {
          alreadyApplied.push(m.name);
          db.exec("ROLLBACK");
          continue;
        }
        db.exec(m.sql);
        db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum", "appliedAt") VALUES (?, ?, ?)`).run(
          m.name,
          m.checksum,
          new Date().toISOString(),
        );
        db.exec("COMMIT");
        applied.push(m.name);
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    }
    return { dialect: "sqlite", applied, alreadyApplied };
  } finally {
    db.close();
  }
}

async function migratePostgres(
  target: Extract<DatabaseTarget, { dialect: "postgres" }>,
  migrations: Migration[],
): Promise<MigrationResult> {
  const client = new pg.Client(pgPoolConfig(target.connectionString, target.schema));
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PG_LOCK_KEY]);
    if (target.schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${target.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)`,
    );
    const { rows } = await client.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "${MIGRATIONS_TABLE}"`);
    const recorded = new Map(rows.map((r) => [r.name, r.checksum]));
    checkRecorded(recorded, migrations);
    const applied: string[] = [];
    const alreadyApplied: string[] = [];
    for (const m of migrations) {
      if (recorded.has(m.name)) {
        alreadyApplied.push(m.name);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(m.sql);
        await client.query(`INSERT INTO "${MIGRATIONS_TABLE}" ("name", "checksum") VALUES ($1, $2)`, [m.name, m.checksum]);
        await client.query("COMMIT");
        applied.push(m.name);
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return { dialect: "postgres", applied, alreadyApplied };
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PG_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}
