import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const APP_DIR = path.join(ROOT, "app");

export type AppEntry = {
  /** e.g. app/(dashboard)/activity/page.tsx */
  file: string;
  kind: "page" | "route";
  /** URL path with sample values for dynamic segments, e.g. /api/calls/x1 */
  url: string;
  /** Route handlers: the HTTP methods the file exports. */
  methods: string[];
  source: string;
};

const HTTP_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/** Every page.tsx and route.ts under app/, read from disk, so routes added later are covered too. */
export function listAppEntries(dir = APP_DIR): AppEntry[] {
  const entries: AppEntry[] = [];
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        // Private folders (_x) are not routes.
        if (!entry.name.startsWith("_")) walk(full);
        continue;
      }
      const match = /^(page|route)\.(tsx?|jsx?|mjs)$/.exec(entry.name);
      if (!match) continue;
      const source = fs.readFileSync(full, "utf8");
      const kind = match[1] as "page" | "route";
      entries.push({
        file: path.relative(ROOT, full).split(path.sep).join("/"),
        kind,
        url: urlFor(path.relative(dir, current)),
        methods: kind === "route" ? HTTP_METHODS.filter((m) => new RegExp(`export\\s+(async\\s+)?(function|const)\\s+${m}\\b`).test(source)) : ["GET"],
        source,
      });
    }
  };
  walk(dir);
  return entries.sort((a, b) => a.file.localeCompare(b.file));
}

function urlFor(relativeDir: string): string {
  const segments = relativeDir
    .split(path.sep)
    .filter(Boolean)
    // Route groups and parallel-route slots do not appear in the URL.
    .filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@"))
    .map((s) => {
      if (/^\[\[?\.\.\./.test(s)) return "a/b";
      if (/^\[.*\]$/.test(s)) return "x1";
      return s;
    });
  return `/${segments.join("/")}`;
}
