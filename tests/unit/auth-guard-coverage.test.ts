import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listAppEntries } from "../helpers/app-routes";

// A fast, static companion to tests/http/access-control.test.ts: every page, route handler and
// server action calls a guard itself (not only a layout or proxy.ts). The HTTP suite proves it works.
const PUBLIC = new Set([
  "app/login/page.tsx",
  "app/setup/[token]/page.tsx",
  "app/api/webhooks/openphone/route.ts",
  "app/api/health/route.ts",
  "app/api/bench/verify/route.ts",
]);
const PUBLIC_ACTIONS = new Set([
  "app/login/actions.ts#signIn",
  "app/login/actions.ts#signOut",
  "app/setup/[token]/actions.ts#completeFirstAdminSetup",
  "app/setup/[token]/actions.ts#completeSetPassword",
]);

const entries = listAppEntries().filter((e) => !PUBLIC.has(e.file));

describe("every page and route handler checks access itself", () => {
  it.each(entries.filter((e) => e.kind === "page").map((e) => [e.file, e] as const))("%s", (file, entry) => {
    const admin = file.startsWith("app/admin/");
    expect(entry.source, `${file} must call ${admin ? "requireAdmin()" : "requireUser() or requireAdmin()"}`).toMatch(
      admin ? /await requireAdmin\(\)/ : /await require(User|Admin)\(\)/,
    );
  });

  it.each(entries.filter((e) => e.kind === "route").map((e) => [e.file, e] as const))("%s", (file, entry) => {
    const count = (entry.source.match(/await authenticateRequest\(/g) ?? []).length;
    expect(count, `${file}: one authenticateRequest() per exported method`).toBeGreaterThanOrEqual(entry.methods.length);
    if (file.startsWith("app/api/admin/")) expect(entry.source).toMatch(/authenticateRequest\([^)]*role: "admin"/);
  });
});

function serverActionFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (/^\s*["']use server["']/.test(fs.readFileSync(file, "utf8"))) out.push(file);
  }
  return out;
}

describe("every server action is built with validatedAction, which checks access first", () => {
  const root = path.resolve(import.meta.dirname, "../..");
  const files = [...serverActionFiles(path.join(root, "app")), ...serverActionFiles(path.join(root, "lib"))];
  const sources = files.map((file) => ({ rel: path.relative(root, file).split(path.sep).join("/"), source: fs.readFileSync(file, "utf8") }));
  const actions = sources.flatMap(({ rel, source }) =>
    [...source.matchAll(/^export const (\w+) = validatedAction\(\s*[^,]+,\s*"(\w+)"/gm)].map((m) => [`${rel}#${m[1]}`, m[2]!] as const),
  );

  it("finds the actions", () => {
    expect(actions.map(([key]) => key)).toEqual(expect.arrayContaining(["app/admin/users/actions.ts#createUserAction", ...PUBLIC_ACTIONS]));
  });

  it.each(sources.map(({ rel, source }) => [rel, source] as const))("%s exports nothing else", (_rel, source) => {
    const exports = [...source.matchAll(/^export (?!type )(?:const \w+ = validatedAction\(|.*)/gm)].map((m) => m[0]);
    expect(exports.filter((line) => !line.endsWith("validatedAction("))).toEqual([]);
  });

  it.each(actions)("%s", (key, access) => {
    const expected = PUBLIC_ACTIONS.has(key) ? ["public"] : key.startsWith("app/admin/") ? ["admin"] : ["admin", "staff"];
    expect(expected, `${key} must be built with access ${expected.join(" or ")}`).toContain(access);
  });
});
