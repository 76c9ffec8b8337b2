import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Dependencies point one way: app/ uses components/ and lib/; components/ uses lib/; lib/ uses neither.
const root = path.resolve(import.meta.dirname, "../..");
const libDir = path.join(root, "lib");

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts|js|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.startsWith(path.join(libDir, "generated") + path.sep));
}

/** Every module specifier: static imports, `export … from`, dynamic `import()` and `require()`. */
export function importSpecifiers(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

/** The top-level folder a specifier points into, for `@/x/…` and relative paths. */
function targetFolder(file: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return specifier.slice(2).split("/")[0]!;
  if (!specifier.startsWith(".")) return null;
  const resolved = path.relative(root, path.resolve(path.dirname(file), specifier));
  return resolved.split(path.sep)[0]!;
}

describe("lib/ imports nothing from components/ or app/", () => {
  it("reads every kind of import", () => {
    const source = [
      'import { a } from "@/components/a";',
      'import type { B } from "../app/b";',
      'export { c } from "./c";',
      'export * from "@/lib/d";',
      'import "server-only";',
      'const e = await import("@/components/e");',
    ].join("\n");
    expect(importSpecifiers(source)).toEqual(["@/components/a", "../app/b", "./c", "@/lib/d", "server-only", "@/components/e"]);
    expect(targetFolder(path.join(libDir, "x", "y.ts"), "../../components/z")).toBe("components");
    expect(targetFolder(path.join(libDir, "x", "y.ts"), "../db")).toBe("lib");
  });

  const files = sourceFiles(libDir);
  it("finds lib's files", () => expect(files.length).toBeGreaterThan(50));

  it("no lib/ file reaches up", () => {
    const upward = files.flatMap((file) =>
      importSpecifiers(fs.readFileSync(file, "utf8"))
        .filter((specifier) => ["components", "app"].includes(targetFolder(file, specifier) ?? ""))
        .map((specifier) => `${path.relative(root, file)} → ${specifier}`),
    );
    expect(upward).toEqual([]);
  });
});
