#!/usr/bin/env node
// `npm run app`: build when the sources changed, validate config + apply migrations, start the
// production server. Options: --port N, --no-build (start the existing build as is).
import { spawn, spawnSync } from "node:child_process";
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

if (!args.includes("--no-build") && buildIsStale()) {
  console.log("▶ Building the app (first start or sources changed)…");
  run(bin("next"), ["build"]);
}
run(bin("tsx"), ["scripts/preflight.ts"]);

const server = spawn(bin("next"), ["start", "-p", port], { cwd: root, stdio: "inherit", env: childEnv });
console.log(`▶ OpenPhone inbox: http://localhost:${port}  (webhook endpoint: /api/webhooks/openphone)`);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
