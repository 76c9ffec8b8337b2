import fs from "node:fs";
import path from "node:path";

/**
 * The reliability suite's figures: each test file records what it measured here, and the
 * suite's global teardown prints them as one table (and writes it beside the result counts).
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIR = path.join(ROOT, "tests", ".tmp", "reliability");

export type Figure = { section: string; name: string; value: string | number };

function label(): string {
  return process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "postgres" : "sqlite";
}

function file(): string {
  return path.join(DIR, `figures-${label()}.jsonl`);
}

export function resetFigures(): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.rmSync(file(), { force: true });
}

/** Records one figure of the summary table (appended: test files run one after another). */
export function recordFigure(section: string, name: string, value: string | number): void {
  fs.mkdirSync(DIR, { recursive: true });
  fs.appendFileSync(file(), `${JSON.stringify({ section, name, value } satisfies Figure)}\n`);
}

export function summaryTable(): string {
  const figures: Figure[] = fs.existsSync(file())
    ? fs
        .readFileSync(file(), "utf8")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Figure)
    : [];
  const rows = figures.map((f) => [f.section, f.name, String(f.value)]);
  const header = ["part", "figure", label()];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function setup(): void {
  resetFigures();
}

export function teardown(): void {
  const table = summaryTable();
  const results = path.join(ROOT, "tests", ".tmp", "results");
  fs.mkdirSync(results, { recursive: true });
  fs.writeFileSync(path.join(results, `${label()}-reliability-summary.md`), `${table}\n`);
  console.log(`\n━━ reliability summary (${label()}) ━━\n${table}\n`);
}
