import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { parseDatabaseUrl } from "./database-url";
import { readMigrations } from "./migrate";

/**
 * Backups of the SQLite database. A backup uses SQLite's online backup API (better-sqlite3's
 * `.backup()`), which copies a consistent snapshot page by page while the app keeps writing; a
 * plain file copy of a live WAL database can miss committed transactions or tear a page.
 * PostgreSQL has its own tools (pg_dump / pg_restore, see the README).
 */

export type BackupResult = { ok: true; file: string; bytes: number } | { ok: false; message: string };

const POSTGRES_HINT = "DATABASE_URL is PostgreSQL: use pg_dump -Fc (and pg_restore) as the README shows";

export async function backupDatabase(databaseUrl: string, destination: string): Promise<BackupResult> {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect !== "sqlite") return { ok: false, message: POSTGRES_HINT };
  if (!fs.existsSync(target.file)) return { ok: false, message: `no database at ${target.file}` };
  const file = path.resolve(destination);
  if (file === target.file) return { ok: false, message: "the backup file must not be the database itself" };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Written next to the destination first, so a failed backup never leaves a half file under its name.
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  const source = new Database(target.file, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // After a first small step, copy everything in one step: a step that is interrupted by a write
    // from the app restarts, and one large step (a read transaction in WAL mode) never is.
    await source.backup(partial, { progress: () => 1_000_000_000 });
  } finally {
    source.close();
  }
  const problem = checkBackupFile(partial);
  if (problem) {
    fs.rmSync(partial, { force: true });
    return { ok: false, message: `the copy failed its check: ${problem}` };
  }
  fs.renameSync(partial, file);
  return { ok: true, file, bytes: fs.statSync(file).size };
}

/**
 * Why a file is not a usable backup of this version, or null: it must be a SQLite database that
 * passes `PRAGMA integrity_check` and whose migrations are all known to this version of the app.
 */
export function checkBackupFile(file: string, migrationsRoot?: string): string | null {
  if (!fs.existsSync(file)) return `${file} does not exist`;
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return `not a SQLite database (${(error as Error).message})`;
  }
  try {
    const integrity = db.pragma("integrity_check", { simple: true });
    if (integrity !== "ok") return `integrity check failed: ${String(integrity)}`;
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'").get();
    if (!hasTable) return "no _migrations table: not a database of this app";
    const applied = (db.prepare('SELECT "name" FROM "_migrations" ORDER BY "name"').all() as { name: string }[]).map((r) => r.name);
    if (applied.length === 0) return "no migrations recorded: not a database of this app";
    const known = new Set(readMigrations("sqlite", migrationsRoot).map((m) => m.name));
    const unknown = applied.filter((name) => !known.has(name));
    if (unknown.length > 0) return `it was made by a newer version of the app (unknown migrations: ${unknown.join(", ")})`;
    return null;
  } catch (error) {
    return `not readable as a database (${(error as Error).message})`;
  } finally {
    db.close();
  }
}

export type RestoreResult = { ok: true; file: string; previous: string | null } | { ok: false; message: string };

/**
 * Puts a checked backup in place of the database. Refuses while any process has the database open:
 * SQLite deletes a database's -wal and -shm files when its last connection closes, so if they are
 * still there after this function's own connection closed, the app (or another tool) is running.
 * The database being replaced is kept beside it as <name>.before-restore-<time>.
 */
export function restoreDatabase(databaseUrl: string, backupFile: string, now: Date): RestoreResult {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.dialect !== "sqlite") return { ok: false, message: POSTGRES_HINT };
  const source = path.resolve(backupFile);
  const problem = checkBackupFile(source);
  if (problem) return { ok: false, message: `${source} is not a usable backup: ${problem}` };

  let previous: string | null = null;
  if (fs.existsSync(target.file)) {
    if (inUse(target.file)) {
      return { ok: false, message: `${target.file} is in use: stop the app (every instance) before restoring` };
    }
    previous = `${target.file}.before-restore-${now.toISOString().replace(/[:.]/g, "-")}`;
    fs.copyFileSync(target.file, previous);
  }
  fs.mkdirSync(path.dirname(target.file), { recursive: true });
  const incoming = `${target.file}.restoring`;
  fs.copyFileSync(source, incoming);
  const fd = fs.openSync(incoming, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  fs.renameSync(incoming, target.file);
  return { ok: true, file: target.file, previous };
}

function inUse(file: string): boolean {
  const db = new Database(file, { fileMustExist: true, timeout: 2_000 });
  try {
    db.pragma("wal_checkpoint(TRUNCATE)");
  } catch {
    return true; // locked by a writer
  } finally {
    db.close();
  }
  return fs.existsSync(`${file}-wal`) || fs.existsSync(`${file}-shm`);
}
