import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "@/lib/db/migrate";
import { parsePrismaModels, type ParsedModel } from "../helpers/prisma-schema";
import { createTestDatabase, testDialect, type TestDatabase } from "../helpers/test-db";

const { models, enums } = parsePrismaModels();
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.cleanup();
});

type Column = { name: string; type: string; nullable: boolean };

async function columnsOf(table: string): Promise<Column[]> {
  if (db.dialect === "sqlite") {
    const rows = await db.prisma.$queryRawUnsafe<{ name: string; type: string; notnull: number | bigint }[]>(
      `SELECT name, type, "notnull" FROM pragma_table_info('${table}')`,
    );
    return rows.map((r) => ({ name: r.name, type: r.type.toUpperCase(), nullable: Number(r.notnull) === 0 }));
  }
  const rows = await db.prisma.$queryRawUnsafe<{ name: string; type: string; udt: string; nullable: string }[]>(
    `SELECT column_name AS name, data_type AS type, udt_name AS udt, is_nullable AS nullable
       FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    table,
  );
  return rows.map((r) => ({ name: r.name, type: r.type === "USER-DEFINED" ? `enum:${r.udt}` : r.type, nullable: r.nullable === "YES" }));
}

async function uniqueKeysOf(table: string): Promise<string[]> {
  if (db.dialect === "sqlite") {
    const indexes = await db.prisma.$queryRawUnsafe<{ name: string; unique: number | bigint; origin: string }[]>(
      `SELECT name, "unique", origin FROM pragma_index_list('${table}')`,
    );
    const keys: string[] = [];
    for (const index of indexes.filter((i) => Number(i.unique) === 1 && i.origin !== "pk")) {
      const cols = await db.prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM pragma_index_info('${index.name}') ORDER BY seqno`);
      keys.push(cols.map((c) => c.name).join(","));
    }
    return keys.sort();
  }
  const rows = await db.prisma.$queryRawUnsafe<{ cols: string }[]>(
    `SELECT string_agg(a.attname, ',' ORDER BY k.ord) AS cols
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
      WHERE n.nspname = current_schema() AND t.relname = $1 AND i.indisunique AND NOT i.indisprimary
      GROUP BY i.indexrelid`,
    table,
  );
  return rows.map((r) => r.cols).sort();
}

const SQLITE_TYPES: Record<string, string> = { Int: "INTEGER", String: "TEXT", DateTime: "DATETIME", Boolean: "BOOLEAN", Float: "REAL" };
const PG_TYPES: Record<string, string> = {
  Int: "integer",
  String: "text",
  DateTime: "timestamp without time zone",
  Boolean: "boolean",
  Float: "double precision",
};

/** Columns the SQL adds on purpose that Prisma must not know about. */
const EXTRA_COLUMNS: Record<string, string[]> = { Activity: testDialect() === "postgres" ? ["searchVector"] : [] };

describe(`migrations match prisma/models.prisma (${testDialect()})`, () => {
  it.each(models.map((m) => [m.name, m] as const))("%s: same columns, types, nullability and unique keys", async (name, model) => {
    const columns = await columnsOf(name);
    expect(columns.length, `table ${name} exists`).toBeGreaterThan(0);
    const expected = model.fields.map((f) => ({
      name: f.name,
      type: f.isEnum ? (db.dialect === "sqlite" ? "TEXT" : `enum:${f.type}`) : (db.dialect === "sqlite" ? SQLITE_TYPES : PG_TYPES)[f.type],
      nullable: f.optional,
    }));
    const actual = columns.filter((c) => !(EXTRA_COLUMNS[name] ?? []).includes(c.name));
    expect(actual.sort((a, b) => a.name.localeCompare(b.name))).toEqual(expected.sort((a, b) => a.name.localeCompare(b.name)));
    expect(await uniqueKeysOf(name)).toEqual(model.uniques.map((u) => u.join(",")).sort());
  });

  it("enum columns accept exactly the enum's values", async () => {
    if (db.dialect === "postgres") {
      for (const [name, values] of enums) {
        const rows = await db.prisma.$queryRawUnsafe<{ label: string }[]>(
          `SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid
             JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE t.typname = $1 AND n.nspname = current_schema() ORDER BY e.enumsortorder`,
          name,
        );
        expect(rows.map((r) => r.label), name).toEqual(values);
      }
      return;
    }
    // SQLite has no enum type: each enum column carries a CHECK listing exactly the values.
    for (const model of models) {
      const [{ sql }] = await db.prisma.$queryRawUnsafe<{ sql: string }[]>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${model.name}'`) as [{ sql: string }];
      for (const field of model.fields.filter((f) => f.isEnum)) {
        const check = new RegExp(`CHECK \\("${field.name}" IN \\(([^)]*)\\)\\)`).exec(sql);
        expect(check, `${model.name}.${field.name} has a CHECK`).not.toBeNull();
        expect(check![1]!.split(",").map((v) => v.trim().replace(/'/g, ""))).toEqual(enums.get(field.type));
      }
    }
  });
});

/** A value for every scalar field; foreign keys point at rows created earlier. */
function sampleData(model: ParsedModel, created: Map<string, number>, withOptionals: boolean, n: number): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const field of model.fields) {
    if (field.name === "id") continue;
    const target = model.foreignKeys.get(field.name);
    if (target) {
      data[field.name] = created.get(target);
      continue;
    }
    if (field.optional && !withOptionals) {
      data[field.name] = null;
      continue;
    }
    if (field.isEnum) data[field.name] = enums.get(field.type)![n % enums.get(field.type)!.length];
    else if (field.type === "String") data[field.name] = `${model.name}.${field.name}.${n} ünïcödé ✓`;
    else if (field.type === "Int") data[field.name] = 40 + n;
    else if (field.type === "Float") data[field.name] = 1.25 + n;
    else if (field.type === "Boolean") data[field.name] = n % 2 === 0;
    else if (field.type === "DateTime") data[field.name] = new Date(Date.UTC(2026, 4, 4, 15, 2, 11, 304 + n));
  }
  return data;
}

function delegate(name: string) {
  const key = name[0]!.toLowerCase() + name.slice(1);
  return (db.prisma as unknown as Record<string, { create: (a: object) => Promise<{ id: number }>; findUniqueOrThrow: (a: object) => Promise<Record<string, unknown>> }>)[key]!;
}

/** Models ordered so that every foreign key's target comes first. */
function creationOrder(): ParsedModel[] {
  const ordered: ParsedModel[] = [];
  const pending = [...models];
  while (pending.length > 0) {
    const index = pending.findIndex((m) => [...m.foreignKeys.values()].every((t) => t === m.name || ordered.some((o) => o.name === t)));
    expect(index, "foreign keys form no cycle").toBeGreaterThanOrEqual(0);
    ordered.push(...pending.splice(index, 1));
  }
  return ordered;
}

describe(`every model can be written and read back (${testDialect()})`, () => {
  it("with every field set, and with every optional field null", async () => {
    for (const [n, withOptionals] of [[0, true], [1, false]] as const) {
      const created = new Map<string, number>();
      for (const model of creationOrder()) {
        const data = sampleData(model, created, withOptionals, n);
        const row = await delegate(model.name).create({ data });
        created.set(model.name, row.id);
        const read = await delegate(model.name).findUniqueOrThrow({ where: { id: row.id } });
        for (const [field, value] of Object.entries(data)) {
          expect(read[field], `${model.name}.${field}`).toEqual(value);
        }
      }
    }
  });

  it("DateTime values written by Prisma sort and filter correctly against SQL defaults", async () => {
    // A createdAt filled by the SQL default must compare with one written by Prisma (ISO text on SQLite).
    const early = new Date(Date.now() - 60_000);
    const pn = await db.prisma.phoneNumber.create({ data: { openphoneId: "PNdates" } });
    await db.prisma.$executeRawUnsafe(`UPDATE "PhoneNumber" SET "createdAt" = DEFAULT WHERE "id" = ${pn.id}`).catch(async () => {
      // SQLite has no UPDATE … DEFAULT: insert a row with the default instead.
      await db.prisma.$executeRawUnsafe(
        `INSERT INTO "PhoneNumber" ("openphoneId", "updatedAt") VALUES ('PNdefault', '${new Date().toISOString().replace("Z", "+00:00")}')`,
      );
    });
    const found = await db.prisma.phoneNumber.findMany({ where: { createdAt: { gte: early }, openphoneId: { in: ["PNdates", "PNdefault"] } } });
    expect(found.length).toBeGreaterThanOrEqual(1);
    const all = await db.prisma.phoneNumber.findMany({ where: { openphoneId: { in: ["PNdates", "PNdefault"] } } });
    expect(found.length).toBe(all.length);
  });

  it("runs on the database it claims to (PostgreSQL in CI's second pass)", async () => {
    if (testDialect() === "postgres") {
      const [row] = await db.prisma.$queryRawUnsafe<{ v: string }[]>("SELECT version() AS v");
      expect(row!.v).toMatch(/^PostgreSQL /);
      const [tz] = await db.prisma.$queryRawUnsafe<{ tz: string }[]>("SELECT current_setting('TimeZone') AS tz");
      expect(tz!.tz).toBe("UTC");
      const [jit] = await db.prisma.$queryRawUnsafe<{ jit: string }[]>("SELECT current_setting('jit') AS jit");
      expect(jit!.jit).toBe("off");
    } else {
      const [row] = await db.prisma.$queryRawUnsafe<{ v: string }[]>("SELECT sqlite_version() AS v");
      expect(row!.v).toMatch(/^3\./);
      const [mode] = await db.prisma.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
      expect(mode!.journal_mode).toBe("wal");
    }
  });
});

describe(`migration runner (${testDialect()})`, () => {
  it("applies nothing the second time, and only the new migration on an older database", async () => {
    const fresh = await createTestDatabase({ migrated: false });
    try {
      const all = readMigrations(fresh.dialect);
      const first = await migrate(fresh.url, { migrations: all });
      expect(first.applied).toEqual(all.map((m) => m.name));
      const again = await migrate(fresh.url, { migrations: all });
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toEqual(all.map((m) => m.name));

      const extra = { name: "9999_test_extra", sql: `CREATE TABLE "ExtraForTest" ("id" INTEGER PRIMARY KEY)`, checksum: "x1" };
      const upgraded = await migrate(fresh.url, { migrations: [...all, extra] });
      expect(upgraded.applied).toEqual(["9999_test_extra"]);
      await expect(migrate(fresh.url, { migrations: [...all, { ...extra, checksum: "edited" }] })).rejects.toThrow(/edited after it was applied/);
    } finally {
      await fresh.cleanup();
    }
  });

  it("rolls a failing migration back entirely and records nothing", async () => {
    const fresh = await createTestDatabase();
    try {
      const all = readMigrations(fresh.dialect);
      const broken = { name: "9999_broken", sql: `CREATE TABLE "HalfDone" ("id" INTEGER PRIMARY KEY); SELECT * FROM "NoSuchTable";`, checksum: "b" };
      await expect(migrate(fresh.url, { migrations: [...all, broken] })).rejects.toThrow();
      const tables =
        fresh.dialect === "sqlite"
          ? await fresh.prisma.$queryRawUnsafe<unknown[]>(`SELECT name FROM sqlite_master WHERE name = 'HalfDone'`)
          : await fresh.prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'HalfDone'`);
      expect(tables).toEqual([]);
      const again = await migrate(fresh.url, { migrations: all });
      expect(again.applied).toEqual([]);
    } finally {
      await fresh.cleanup();
    }
  });

  it("concurrent boots apply each migration exactly once", async () => {
    const fresh = await createTestDatabase({ migrated: false });
    try {
      const results = await Promise.all([migrate(fresh.url), migrate(fresh.url), migrate(fresh.url)]);
      const appliedCounts = results.map((r) => r.applied.length);
      expect(appliedCounts.reduce((a, b) => a + b, 0)).toBe(readMigrations(fresh.dialect).length);
    } finally {
      await fresh.cleanup();
    }
  });
});

describe("database URL errors", () => {
  it("npm run app stops with one clear line and exit code 1 before building", async () => {
    const { spawnSync } = await import("node:child_process");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preflight-"));
    for (const [url, expected] of [
      ["mysql://root@localhost/app", /^✖ Invalid configuration: DATABASE_URL: must start with file:/],
      ["postgresql://postgres:hunter2@127.0.0.1:1/test", /^✖ Database postgresql:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/test is not usable: .*ECONNREFUSED/],
    ] as const) {
      const run = spawnSync(process.execPath, ["scripts/app.mjs", "--port", "3999"], {
        cwd: path.resolve(import.meta.dirname, "../.."),
        env: { ...process.env, DATABASE_URL: url, APP_SECRET_FILE: path.join(dir, "s"), NEXT_DIST_DIR: ".next-never-built" },
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(run.status, run.stderr).toBe(1);
      const lines = run.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(expected);
      expect(run.stdout).not.toMatch(/Building/);
    }
  });

  it("an unreachable database gives one readable line", async () => {
    const { prepareDatabase } = await import("@/lib/db/prepare");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "appsecret-"));
    const outcome = await prepareDatabase({
      DATABASE_URL: "postgresql://postgres:hunter2@127.0.0.1:1/test",
      APP_SECRET_FILE: path.join(dir, "s"),
    });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.message).toMatch(/ECONNREFUSED/);
      expect(outcome.message).not.toMatch(/hunter2/);
      expect(outcome.message.split("\n")).toHaveLength(1);
    }
    const bad = await prepareDatabase({ DATABASE_URL: "mysql://x", APP_SECRET_FILE: path.join(dir, "s") });
    expect(bad).toEqual({ ok: false, message: expect.stringMatching(/^Invalid configuration: DATABASE_URL: must start with file:/) });
  });
});
