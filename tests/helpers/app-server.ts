import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "@/lib/db/database-url";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type AppServer = { baseUrl: string; databaseUrl: string; stop: () => Promise<void>; output: () => string };

/**
 * Starts the production build (`node scripts/app.mjs`, which builds when stale and migrates) on its
 * own database: a fresh SQLite file, or a fresh schema in TEST_DATABASE_URL's PostgreSQL.
 */
export async function startAppServer(options: { port: number; name: string; env?: Record<string, string> }): Promise<AppServer> {
  const tmp = path.join(ROOT, "tests", ".tmp", options.name);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const pgBase = process.env.TEST_DATABASE_URL;
  let databaseUrl = `file:${path.join(tmp, "app.db")}`;
  let schema: string | undefined;
  if (pgBase && /^postgres(ql)?:\/\//.test(pgBase)) {
    schema = `${options.name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
    const url = new URL(pgBase);
    url.searchParams.set("schema", schema);
    databaseUrl = url.toString();
  }
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["scripts/app.mjs", "--port", String(options.port)], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      APP_SECRET_FILE: path.join(tmp, "app-secret"),
      WEBHOOK_BASE_URL: `http://localhost:${options.port}`,
      LOG_LEVEL: "warn",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://localhost:${options.port}`;
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited early (${child.exitCode}):\n${output.slice(-4000)}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server did not become healthy:\n${output.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return {
    baseUrl,
    databaseUrl,
    output: () => output,
    stop: async () => {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
      if (schema) {
        const target = parseDatabaseUrl(databaseUrl);
        if (target.dialect === "postgres") {
          const client = new pg.Client({ connectionString: target.connectionString });
          await client.connect();
          await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
        }
      }
    },
  };
}
