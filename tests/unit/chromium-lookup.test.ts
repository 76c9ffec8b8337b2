import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ensureChromium, findChromium, installPlan } from "../../scripts/chromium.mjs";

const ROOT = path.resolve(import.meta.dirname, "../..");
const dirs: string[] = [];

function tempRoot(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-lookup-"));
  dirs.push(dir);
  return dir;
}

function fakeBrowser(root: string, rel: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, "#!/bin/sh\n", { mode: 0o755 });
  return file;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("findChromium", () => {
  const env = { PATH: "/opt/bin", HOME: "/home/dev" };

  it("looks in order: the env override, /usr/bin/chromium, PATH names, Playwright's cache", () => {
    const root = tempRoot();
    expect(findChromium({ env, root })).toBeNull();

    const cached = fakeBrowser(root, "/home/dev/.cache/ms-playwright/chromium-1200/chrome-linux/chrome");
    expect(findChromium({ env, root })).toEqual({ path: cached, source: "playwright-cache" });

    const onPath = fakeBrowser(root, "/opt/bin/google-chrome");
    expect(findChromium({ env, root })).toEqual({ path: onPath, source: "system" });

    const chromiumBrowser = fakeBrowser(root, "/opt/bin/chromium-browser");
    expect(findChromium({ env, root })?.path).toBe(chromiumBrowser);

    const system = fakeBrowser(root, "/usr/bin/chromium");
    expect(findChromium({ env, root })).toEqual({ path: system, source: "system" });

    const explicit = fakeBrowser(root, "/somewhere/else/chrome");
    expect(findChromium({ env: { ...env, PLAYWRIGHT_CHROMIUM_EXECUTABLE: explicit }, root })).toEqual({
      path: explicit,
      source: "PLAYWRIGHT_CHROMIUM_EXECUTABLE",
    });
  });

  it("prefers the newest build in Playwright's cache and ignores files that are not executable", () => {
    const root = tempRoot();
    fakeBrowser(root, "/home/dev/.cache/ms-playwright/chromium-1100/chrome-linux/chrome");
    const newest = fakeBrowser(root, "/home/dev/.cache/ms-playwright/chromium-1205/chrome-linux/chrome");
    fs.mkdirSync(path.join(root, "/usr/bin"), { recursive: true });
    fs.writeFileSync(path.join(root, "/usr/bin/chromium"), "not executable", { mode: 0o644 });
    expect(findChromium({ env, root })?.path).toBe(newest);
  });
});

describe("installPlan", () => {
  it("uses apt-get as root on Debian and Ubuntu, Playwright's installer otherwise", () => {
    expect(installPlan({ isRoot: true, osRelease: { ID: "debian" } }).describe).toBe("apt-get install -y chromium");
    expect(installPlan({ isRoot: true, osRelease: { ID: "linuxmint", ID_LIKE: "ubuntu debian" } }).describe).toBe("apt-get install -y chromium");
    expect(installPlan({ isRoot: false, osRelease: { ID: "debian" } }).describe).toBe("npx playwright install chromium");
    expect(installPlan({ isRoot: true, osRelease: { ID: "fedora" } }).describe).toBe("npx playwright install chromium");
  });
});

describe("ensureChromium", () => {
  const plan = { describe: "apt-get install -y chromium", steps: [["apt-get", ["install", "-y", "chromium"]]] as [string, string[]][] };

  it("installs a browser when none is found and says what it does", () => {
    const root = tempRoot();
    const said: string[] = [];
    const ran: string[] = [];
    const result = ensureChromium({
      env: { PATH: "", HOME: "/home/dev" },
      root,
      plan,
      log: (line) => said.push(line),
      run: (command, args) => {
        ran.push([command, ...args].join(" "));
        fakeBrowser(root, "/usr/bin/chromium");
        return true;
      },
    });
    expect(result).toEqual({ path: path.join(root, "/usr/bin/chromium"), source: "installed" });
    expect(ran).toEqual(["apt-get install -y chromium"]);
    expect(said.join("\n")).toContain("installing it: apt-get install -y chromium");
  });

  it("returns one line naming the command to run when the install fails", () => {
    const result = ensureChromium({ env: { PATH: "", HOME: "/nobody" }, root: tempRoot(), plan, log: () => {}, run: () => false });
    expect("error" in result && result.error).toMatch(/run `apt-get install -y chromium`/);
    expect("error" in result && result.error.includes("\n")).toBe(false);
  });
});

describe("npm test without a browser", () => {
  it("stops before any suite with one line naming the command", () => {
    const run = spawnSync(process.execPath, ["scripts/test.mjs", "--only", "e2e", "--label", "chromium-lookup-test"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, CHROMIUM_LOOKUP_ROOT: tempRoot(), CHROMIUM_AUTO_INSTALL: "0", PLAYWRIGHT_CHROMIUM_EXECUTABLE: "" },
    });
    expect(run.status).toBe(1);
    const lines = `${run.stdout}${run.stderr}`.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Chromium is required for the e2e suite .*run `(apt-get install -y chromium|npx playwright install chromium)`/);
    expect(run.stdout).not.toContain("━━");
  });
});
