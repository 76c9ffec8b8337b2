/**
 * Sorts database errors by what the caller should do:
 * - conflict: a concurrent writer won a race (unique violation, write conflict, deadlock); retry the transaction;
 * - unavailable: the database cannot be reached or is locked/overloaded; answer 503 so OpenPhone retries later;
 * - other: a bug or bad data; answer 500 (OpenPhone retries too) and record it in the event log.
 */
export type DbErrorKind = "conflict" | "unavailable" | "other";

const CONFLICT_CODES = new Set(["P2002", "P2034", "40001", "40P01", "23505"]);
const UNAVAILABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1008",
  "P1017",
  "P2024",
  "P2028",
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "ENOTFOUND",
  "57P01",
  "57P03",
  "53300",
  "SQLITE_BUSY",
  "SQLITE_LOCKED",
  "SQLITE_IOERR",
  "SQLITE_FULL",
  "SQLITE_CANTOPEN",
  "SQLITE_READONLY",
  "DATABASE_HELD_OFF",
]);

export function classifyDbError(error: unknown): DbErrorKind {
  const codes = collectCodes(error);
  if (codes.some((c) => CONFLICT_CODES.has(c))) return "conflict";
  if (codes.some((c) => UNAVAILABLE_CODES.has(c) || c.startsWith("SQLITE_BUSY") || c.startsWith("SQLITE_IOERR"))) {
    return "unavailable";
  }
  return "other";
}

/** Prisma wraps driver errors a few levels deep (meta.driverAdapterError.cause.…); gather every code. */
function collectCodes(error: unknown, depth = 0, out: string[] = []): string[] {
  if (!error || typeof error !== "object" || depth > 5) return out;
  const e = error as Record<string, unknown>;
  for (const key of ["code", "errorCode", "kind", "originalCode"]) {
    if (typeof e[key] === "string") out.push(e[key]);
  }
  for (const key of ["cause", "meta", "driverAdapterError"]) collectCodes(e[key], depth + 1, out);
  if (Array.isArray(e.errors)) for (const inner of e.errors) collectCodes(inner, depth + 1, out);
  return out;
}
