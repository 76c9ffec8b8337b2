import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { pgPoolConfig } from "@/lib/db/pg-pool-config";
import { migrate } from "@/lib/db/migrate";
import { benchBatch, benchTables, type BenchBatch, type BenchRow, type BenchTables } from "./timeline-data";

/**
 * Bulk-loads the benchmark data with the raw drivers (prepared statements / multi-row INSERTs in
 * transactions), bypassing Prisma: seeding 100,000 rows through the ORM would take minutes.
 */

const BATCH = 2_000;
const TABLE_ORDER: (keyof BenchTables)[] = ["PhoneNumber", "Contact", "Conversation"];
const BATCH_ORDER: (keyof BenchBatch)[] = ["Message", "MediaAttachment", "Call", "Recording", "Voicemail", "Activity"];

export type SeedResult = { seconds: number; activities: number };

function sqliteValue(value: BenchRow[string] | Date): string | number | null {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00"); // the adapter's format
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

function pgValue(value: BenchRow[string] | Date): string | number | boolean | null {
  if (value instanceof Date) return value.toISOString().replace("T", " ").replace("Z", ""); // TIMESTAMP(3), UTC
  return value;
}

export async function seedSqlite(file: string, total: number, now: Date): Promise<SeedResult> {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await migrate(`file:${file}`);
  const started = performance.now();
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = OFF");
    const statements = new Map<string, Database.Statement>();
    const insert = (table: string, row: BenchRow) => {
      const columns = Object.keys(row);
      const key = `${table}:${columns.join(",")}`;
      let statement = statements.get(key);
      if (!statement) {
        statement = db.prepare(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`);
        statements.set(key, statement);
      }
      statement.run(columns.map((c) => sqliteValue(row[c] as BenchRow[string])));
    };
    const tables = benchTables(now);
    db.transaction(() => {
      for (const table of TABLE_ORDER) for (const row of tables[table]) insert(table, row);
    })();
    for (let from = 0; from < total; from += BATCH) {
      const batch = benchBatch(tables, total, from, Math.min(total, from + BATCH), now);
      db.transaction(() => {
        for (const table of BATCH_ORDER) for (const row of batch[table]) insert(table, row);
      })();
    }
    db.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    db.close();
  }
  return { seconds: (performance.now() - started) / 1000, activities: total };
}

export async function seedPostgres(url: string, total: number, now: Date): Promise<SeedResult> {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== "postgres" || !target.schema) throw new Error("seedPostgres needs a PostgreSQL URL with ?schema=");
  const admin = new pg.Client({ connectionString: target.connectionString });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  await admin.end();
  await migrate(url);
  const started = performance.now();
  const client = new pg.Client(pgPoolConfig(target.connectionString, target.schema, 1));
  await client.connect();
  try {
    const insertMany = async (table: string, rows: BenchRow[]) => {
      // One multi-row INSERT per group of rows with the same columns (PostgreSQL allows 65,535 parameters).
      const groups = new Map<string, BenchRow[]>();
      for (const row of rows) {
        const key = Object.keys(row).join(",");
        (groups.get(key) ?? groups.set(key, []).get(key)!).push(row);
      }
      for (const [key, group] of groups) {
        const columns = key.split(",");
        const perQuery = Math.floor(60_000 / columns.length);
        for (let i = 0; i < group.length; i += perQuery) {
          const slice = group.slice(i, i + perQuery);
          const values: (string | number | boolean | null)[] = [];
          const tuples = slice.map((row) => `(${columns.map((c) => `$${values.push(pgValue(row[c] as BenchRow[string]))}`).join(", ")})`);
          await client.query(`INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${tuples.join(", ")}`, values);
        }
      }
    };
    const tables = benchTables(now);
    await client.query("BEGIN");
    for (const table of TABLE_ORDER) await insertMany(table, tables[table]);
    await client.query("COMMIT");
    for (let from = 0; from < total; from += BATCH) {
      const batch = benchBatch(tables, total, from, Math.min(total, from + BATCH), now);
      await client.query("BEGIN");
      for (const table of BATCH_ORDER) await insertMany(table, batch[table]);
      await client.query("COMMIT");
    }
    // Explicit ids were inserted: move the sequences past them, as the app would expect.
    for (const table of ["PhoneNumber", "Contact", "Conversation", "Message", "Call", "Activity"]) {
      await client.query(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT COALESCE(MAX("id"), 1) FROM "${table}"))`);
    }
    // What autovacuum would have done by the time a real table reached this size.
    await client.query("VACUUM ANALYZE");
  } finally {
    await client.end();
  }
  return { seconds: (performance.now() - started) / 1000, activities: total };
}

export async function dropPostgresSchema(url: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== "postgres" || !target.schema) return;
  const admin = new pg.Client({ connectionString: target.connectionString });
  await admin.connect();
  try {
    await admin.query(`DROP SCHEMA IF EXISTS "${target.schema}" CASCADE`);
  } finally {
    await admin.end();
  }
}
