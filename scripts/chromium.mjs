// Finds the Chromium the e2e suite drives, installing one when none is found. Used by
// scripts/test.mjs (and so by `npm test` and .ci/run): a newcomer types nothing else.
//
// Lookup order: $PLAYWRIGHT_CHROMIUM_EXECUTABLE, the system Chromium (/usr/bin/chromium, then
// chromium, chromium-browser, google-chrome on PATH), Playwright's own browser cache. Install:
// `apt-get install -y chromium` when running as root on Debian/Ubuntu, otherwise
// `npx playwright install chromium`.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const SYSTEM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/**
 * `root` re-roots every absolute path the lookup reads (tests point it at an empty directory);
 * `env` supplies PATH, HOME and the overrides.
 * @returns {{ path: string, source: string } | null}
 */
export function findChromium({ env = process.env, root = "/" } = {}) {
  const at = (p) => path.join(root, p);
  const explicit = env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (explicit) return isExecutable(explicit) ? { path: explicit, source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE" } : null;

  if (isExecutable(at("/usr/bin/chromium"))) return { path: at("/usr/bin/chromium"), source: "system" };
  for (const name of SYSTEM_NAMES) {
    for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
      const candidate = path.join(root === "/" ? dir : at(dir), name);
      if (isExecutable(candidate)) return { path: candidate, source: "system" };
    }
  }

  const cache = env.PLAYWRIGHT_BROWSERS_PATH || path.join(env.HOME ?? os.homedir(), ".cache", "ms-playwright");
  const cacheDir = root === "/" ? cache : at(cache);
  const builds = safeReaddir(cacheDir)
    .filter((d) => /^chromium(_headless_shell)?-\d+$/.test(d))
    .sort((a, b) => Number(b.split("-").pop()) - Number(a.split("-").pop()));
  for (const build of builds) {
    for (const rel of ["chrome-linux/chrome", "chrome-linux64/chrome", "chrome-headless-shell-linux64/chrome-headless-shell", "chrome-linux/headless_shell"]) {
      const candidate = path.join(cacheDir, build, rel);
      if (isExecutable(candidate)) return { path: candidate, source: "playwright-cache" };
    }
  }
  return null;
}

/** The command that installs a browser here, or the one to tell the user when we cannot run it. */
export function installPlan({ isRoot = process.getuid?.() === 0, osRelease = readOsRelease() } = {}) {
  const debianLike = /(^|\s)(debian|ubuntu)(\s|$)/.test(`${osRelease.ID ?? ""} ${osRelease.ID_LIKE ?? ""}`);
  if (debianLike && isRoot) {
    return {
      describe: "apt-get install -y chromium",
      steps: [
        ["apt-get", ["update", "-qq"]],
        ["apt-get", ["install", "-y", "-qq", "chromium"]],
      ],
    };
  }
  return { describe: "npx playwright install chromium", steps: [["npx", ["playwright", "install", "chromium"]]] };
}

/**
 * Finds a browser or installs one. Returns its path, or `{ error }` with the one line to print.
 * `run(command, args)` returns true on success; injectable so tests never install anything.
 */
export function ensureChromium({ env = process.env, root = "/", plan = installPlan(), run = runInherit, log = console.log } = {}) {
  const found = findChromium({ env, root });
  if (found) return { path: found.path, source: found.source };
  if (env.PLAYWRIGHT_CHROMIUM_EXECUTABLE) {
    return { error: `PLAYWRIGHT_CHROMIUM_EXECUTABLE=${env.PLAYWRIGHT_CHROMIUM_EXECUTABLE} is not an executable file; fix it or unset it` };
  }
  if (env.CHROMIUM_AUTO_INSTALL !== "0") {
    log(`▶ no Chromium found for the e2e suite; installing it: ${plan.describe}`);
    const ok = plan.steps.every(([command, args]) => run(command, args, env));
    const after = ok ? findChromium({ env, root }) : null;
    if (after) return { path: after.path, source: "installed" };
  }
  return { error: `Chromium is required for the e2e suite and could not be installed automatically; run \`${plan.describe}\` (or set PLAYWRIGHT_CHROMIUM_EXECUTABLE) and try again` };
}

function runInherit(command, args, env) {
  const result = spawnSync(command, args, { stdio: "inherit", env: { DEBIAN_FRONTEND: "noninteractive", ...env } });
  return result.status === 0;
}

function isExecutable(file) {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function safeReaddir(dir) {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function readOsRelease() {
  try {
    const text = fs.readFileSync("/etc/os-release", "utf8");
    return Object.fromEntries(
      text
        .split("\n")
        .map((line) => line.match(/^([A-Z_]+)=(.*)$/))
        .filter(Boolean)
        .map(([, key, value]) => [key, value.replace(/^"|"$/g, "")]),
    );
  } catch {
    return {};
  }
}

// `node scripts/chromium.mjs`: find or install, print the path (used by hand and by .ci/run).
if (import.meta.url === `file://${process.argv[1]}`) {
  const result = ensureChromium();
  if ("error" in result) {
    console.error(result.error);
    process.exit(1);
  }
  console.log(result.path);
}
