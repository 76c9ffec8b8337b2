import fs from "node:fs";
import path from "node:path";

export type ParsedField = { name: string; type: string; optional: boolean; list: boolean; isEnum: boolean; unique: boolean };
export type ParsedModel = { name: string; fields: ParsedField[]; uniques: string[][]; foreignKeys: Map<string, string> };

const MODELS_FILE = path.resolve(import.meta.dirname, "../../prisma/models.prisma");

/** A small reader of prisma/models.prisma: enough to compare scalar columns and unique keys with a live database. */
export function parsePrismaModels(source = fs.readFileSync(MODELS_FILE, "utf8")): { models: ParsedModel[]; enums: Map<string, string[]> } {
  const enums = new Map<string, string[]>();
  for (const match of source.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    enums.set(match[1]!, match[2]!.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim()).filter(Boolean));
  }
  const modelNames = new Set([...source.matchAll(/^model\s+(\w+)/gm)].map((m) => m[1]!));
  const models: ParsedModel[] = [];
  for (const match of source.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const fields: ParsedField[] = [];
    const uniques: string[][] = [];
    const foreignKeys = new Map<string, string>();
    for (const raw of match[2]!.split("\n")) {
      const line = raw.replace(/\/\/.*$/, "").trim();
      if (!line) continue;
      const compound = /^@@unique\(\[([^\]]+)\]/.exec(line);
      if (compound) {
        uniques.push(compound[1]!.split(",").map((s) => s.trim()));
        continue;
      }
      if (line.startsWith("@@")) continue;
      const field = /^(\w+)\s+(\w+)(\[\])?(\?)?(.*)$/.exec(line);
      if (!field) continue;
      const [, name, type, list, optional, rest] = field;
      if (modelNames.has(type!)) {
        // Relation field, no column; remember which scalar points at which model.
        const fk = /@relation\(fields:\s*\[(\w+)\]/.exec(rest!);
        if (fk) foreignKeys.set(fk[1]!, type!);
        continue;
      }
      const unique = /@unique\b/.test(rest!) || /@id\b/.test(rest!);
      if (/@unique\b/.test(rest!)) uniques.push([name!]);
      fields.push({ name: name!, type: type!, optional: Boolean(optional), list: Boolean(list), isEnum: enums.has(type!), unique });
    }
    models.push({ name: match[1]!, fields, uniques, foreignKeys });
  }
  return { models, enums };
}
