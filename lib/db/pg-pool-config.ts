import type { PoolConfig } from "pg";

/**
 * Every PostgreSQL connection runs in UTC (TIMESTAMP(3) columns have no zone), in the chosen schema,
 * and without JIT compilation: the planner's cost estimate for the callback queue's per-contact
 * seeks crosses jit_above_cost at a million activities, and compiling then took ~70 ms of a query
 * that runs in a few (every page pays it through the navigation badge). Our queries are short
 * index walks; JIT only pays off for long analytical scans.
 */
export function pgPoolConfig(connectionString: string, schema: string | undefined, max = 10): PoolConfig {
  const options = ["-c TimeZone=UTC", "-c jit=off"];
  if (schema) options.push(`-c search_path=${schema}`);
  return { connectionString, max, options: options.join(" "), connectionTimeoutMillis: 5000 };
}
