import { parseDatabaseUrl } from "../db/database-url";

/**
 * The NOTIFY channel of one database. Channels are per PostgreSQL database, not per schema, so the
 * schema is part of the name: apps (or test runs) on other schemas of the same database never hear
 * each other.
 */
export function activityChannel(databaseUrl: string): string {
  const target = parseDatabaseUrl(databaseUrl);
  const schema = target.dialect === "postgres" ? target.schema : undefined;
  // Schema names are validated plain identifiers (lib/db/database-url.ts); channel names are ≤ 63 bytes.
  return (schema ? `activity_${schema}` : "activity").slice(0, 63);
}
