import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "@/lib/db/database-url";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type AppServer = {
  baseUrl: string;
  databaseUrl: string;
  stop: () => Promise<void>;
  output: () => string;
  /** kill -9 of the server and its launcher (their process group): no shutdown code runs. */
  crash: () => Promise<void>;
  /** Starts the same build on the same database again and waits until it is healthy. */
  restart: () => Promise<void>;
};

export type AppServerOptions = {
  port: number;
  name: string;
  env?: Record<string, string>;
  /** Reuse this database (another instance's) instead of creating a fresh one. */
  databaseUrl?: string;
  /** The URL the server connects through (e.g. a TCP proxy a test can cut); defaults to databaseUrl. */
  connectUrl?: (databaseUrl: string) => string;
};

/**
 * Starts the production build (`node scripts/app.mjs`, which builds when stale and migrates) on its
 * own database: a fresh SQLite file, or a fresh schema in TEST_DATABASE_URL's PostgreSQL.
 */
export async function startAppServer(options: AppServerOptions): Promise<AppServer> {
  const tmp = path.join(ROOT, "tests", ".tmp", options.name);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  const pgBase = process.env.TEST_DATABASE_URL;
  let databaseUrl = options.databaseUrl ?? `file:${path.join(tmp, "app.db")}`;
  let schema: string | undefined;
  if (!options.databaseUrl && pgBase && /^postgres(ql)?:\/\//.test(pgBase)) {
    schema = `${options.name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
    const url = new URL(pgBase);
    url.searchParams.set("schema", schema);
    databaseUrl = url.toString();
  }
  let output = "";
  let child: ChildProcess;
  const baseUrl = `http://localhost:${options.port}`;

  const launch = async () => {
    // Its own process group, so a crash can take down the launcher and the server it spawned.
    child = spawn(process.execPath, ["scripts/app.mjs", "--port", String(options.port)], {
      cwd: ROOT,
      detached: true,
      env: {
        ...process.env,
        DATABASE_URL: options.connectUrl ? options.connectUrl(databaseUrl) : databaseUrl,
        APP_SECRET_FILE: path.join(tmp, "app-secret"),
        WEBHOOK_BASE_URL: `http://localhost:${options.port}`,
        LOG_LEVEL: "warn",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
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
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const exited = () => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once("exit", r)));
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };

  await launch();
  return {
    baseUrl,
    databaseUrl,
    output: () => output,
    crash: async () => {
      killGroup("SIGKILL");
      await exited();
    },
    restart: launch,
    stop: async () => {
      killGroup("SIGTERM");
      await exited();
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
