import path from "node:path";

export type DatabaseTarget =
  | { dialect: "sqlite"; file: string }
  | { dialect: "postgres"; connectionString: string; schema: string | undefined };

/**
 * `file:<path>` (relative to the working directory) → SQLite;
 * `postgres://…` / `postgresql://…` → PostgreSQL, with an optional `?schema=` like Prisma's own URLs.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length).replace(/^\/\/(?=\/)/, "");
    if (!file) throw new Error("DATABASE_URL file: needs a path, for example file:./data/app.db");
    return { dialect: "sqlite", file: file === ":memory:" ? file : path.resolve(file) };
  }
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error("DATABASE_URL is not a valid PostgreSQL URL");
    }
    const schema = parsed.searchParams.get("schema") ?? undefined;
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new Error("DATABASE_URL ?schema= must be a plain identifier");
    }
    parsed.searchParams.delete("schema");
    return { dialect: "postgres", connectionString: parsed.toString(), schema };
  }
  throw new Error("DATABASE_URL must start with file: or postgres:// / postgresql://");
}

/** The URL with any password replaced, for log lines and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
