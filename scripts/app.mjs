#!/usr/bin/env node
// `npm run app`: build when the sources changed, validate config + apply migrations, start the
// production server. Options: --port N, --no-build (start the existing build as is),
// --demo (once the server is up, load a simulated day of OpenPhone traffic: `npm run app -- --demo`).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const port = option("--port") ?? process.env.PORT ?? "3000";
const bin = (name) => path.join(root, "node_modules", ".bin", name);
const childEnv = { ...process.env, PORT: port, NEXT_TELEMETRY_DISABLED: "1" };
const demo = args.includes("--demo");

// The demo must work on a first run with no configuration: without a signing secret the receiver
// (rightly) rejects every delivery, so the server and the simulator share a throwaway one.
const hasSigningKey = (process.env.OPENPHONE_WEBHOOK_SIGNING_KEY ?? "").split(",").some((key) => key.trim() !== "");
if (demo && !hasSigningKey) {
  childEnv.OPENPHONE_WEBHOOK_SIGNING_KEY = randomBytes(32).toString("base64");
  console.log("▶ Demo: using a random webhook signing secret for this run only; set OPENPHONE_WEBHOOK_SIGNING_KEY to receive real OpenPhone webhooks.");
}

function newestMtime(entry) {
  const full = path.join(root, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of fs.readdirSync(full)) {
    if (child === "generated" || child === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  }
  return newest;
}

function buildIsStale() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR || ".next", "BUILD_ID");
  if (!fs.existsSync(buildId)) return true;
  const built = fs.statSync(buildId).mtimeMs;
  const sources = ["app", "components", "lib", "public", "next.config.mjs", "postcss.config.mjs", "package-lock.json", "prisma/models.prisma"];
  return sources.some((s) => newestMtime(s) > built);
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env: childEnv });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Configuration and database first: a bad DATABASE_URL fails in a second, not after a build.
run(bin("tsx"), ["scripts/preflight.ts"]);
if (!args.includes("--no-build") && buildIsStale()) {
  console.log("▶ Building the app (first start or sources changed)…");
  run(bin("next"), ["build"]);
}

// Under a burst of webhooks V8 lets its heap grow far past what is live (about 70 MB live, 380 MB
// resident in the ingest benchmark) before collecting. A ceiling on the old generation keeps the
// server small; the young generation keeps its full size (V8 would shrink it with the ceiling, and the
// extra collections then cost throughput and p99). Flags given in NODE_OPTIONS win.
const V8_FLAGS = { "max-old-space-size": 160, "max-semi-space-size": 16 };
const heapFlags = Object.entries(V8_FLAGS)
  .filter(([flag]) => !(process.env.NODE_OPTIONS ?? "").includes(`--${flag}`))
  .map(([flag, mb]) => `--${flag}=${mb}`);

// scripts/server.mjs rather than `next start`: it sets the client address from the socket first.
// PROF_DIR=<dir>: a V8 CPU profile of the server, written there when it stops (e.g. around `npm run
// bench:ingest`; NODE_OPTIONS cannot carry --cpu-prof).
const profileFlags = process.env.PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF_DIR}`] : [];
const server = spawn(process.execPath, [...heapFlags, ...profileFlags, path.join(root, "scripts", "server.mjs")], { cwd: root, stdio: "inherit", env: childEnv });
console.log(`▶ OpenPhone inbox: http://localhost:${port}  (webhook endpoint: /api/webhooks/openphone)`);
let simulator;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    simulator?.kill(signal);
    server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  simulator?.kill("SIGTERM");
  process.exit(code ?? (signal ? 1 : 0));
});
if (demo) void loadDemoData();

/** Waits for the server to answer /api/health, then sends it the simulator's `full` day. */
async function loadDemoData() {
  const base = `http://localhost:${port}`;
  if (!(await waitForHealthy(`${base}/api/health`, 60_000))) {
    console.error("✖ Demo data not loaded: the server did not answer /api/health with 200 within 60 s.");
    return;
  }
  console.log("▶ Loading demo data (a simulated day at Bay Roofing)…");
  simulator = spawn(bin("tsx"), ["scripts/simulate.ts", "full", "--url", `${base}/api/webhooks/openphone`], {
    cwd: root,
    stdio: "inherit",
    env: childEnv,
  });
  const code = await new Promise((resolve) => simulator.on("exit", (exitCode) => resolve(exitCode ?? 1)));
  simulator = undefined;
  if (code === 0) console.log(`✔ Demo data loaded: open ${base}`);
  else console.error(`✖ Loading demo data failed (simulator exit ${code}); the app keeps running.`);
}

async function waitForHealthy(url, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.body?.cancel();
      if (response.status === 200) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
