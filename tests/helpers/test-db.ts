import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { parseDatabaseUrl } from "@/lib/db/database-url";
import { migrate } from "@/lib/db/migrate";

export const TMP_DIR = path.resolve(import.meta.dirname, "../.tmp/integration");

/** PostgreSQL when TEST_DATABASE_URL points at one, otherwise a fresh SQLite file. */
export function testDialect(): "sqlite" | "postgres" {
  const url = process.env.TEST_DATABASE_URL;
  return url && /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export type TestDatabase = AppDatabase & { cleanup: () => Promise<void> };

/** A database of its own (SQLite file or PostgreSQL schema), migrated unless `migrated: false`. */
export async function createTestDatabase(options: { migrated?: boolean; onQuery?: (sql: string) => void } = {}): Promise<TestDatabase> {
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
  let url: string;
  let drop: () => Promise<void>;
  if (testDialect() === "postgres") {
    const base = new URL(process.env.TEST_DATABASE_URL as string);
    base.searchParams.set("schema", name);
    url = base.toString();
    drop = () => dropPostgresSchema(url, name);
  } else {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    const file = path.join(TMP_DIR, `${name}.db`);
    url = `file:${file}`;
    drop = async () => {
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    };
  }
  if (options.migrated !== false) await migrate(url);
  const db = createDatabase(url, { poolSize: 20, onQuery: options.onQuery });
  return {
    ...db,
    cleanup: async () => {
      await db.prisma.$disconnect();
      await drop();
    },
  };
}

async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const target = parseDatabaseUrl(url);
  if (target.dialect !== "postgres") return;
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
