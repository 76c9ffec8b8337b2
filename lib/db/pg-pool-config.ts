import type { PoolConfig } from "pg";

/** Every PostgreSQL connection runs in UTC (TIMESTAMP(3) columns have no zone) and in the chosen schema. */
export function pgPoolConfig(connectionString: string, schema: string | undefined, max = 10): PoolConfig {
  const options = ["-c TimeZone=UTC"];
  if (schema) options.push(`-c search_path=${schema}`);
  return { connectionString, max, options: options.join(" "), connectionTimeoutMillis: 5000 };
}
