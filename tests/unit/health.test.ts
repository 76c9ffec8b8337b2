import { describe, expect, it } from "vitest";
import { checkHealth, type HealthDatabase } from "@/lib/health";

/** A prisma-like stand-in: `$queryRaw` is a tagged template that records the SQL and answers as told. */
function fakeDatabase(answer: (sql: string) => Promise<unknown>, dialect: HealthDatabase["dialect"] = "sqlite") {
  const queries: string[] = [];
  const database: HealthDatabase = {
    dialect,
    prisma: {
      $queryRaw: (strings: TemplateStringsArray, ...values: unknown[]) => {
        const sql = strings.reduce((text, part, i) => text + part + (i < values.length ? String(values[i]) : ""), "");
        queries.push(sql);
        return answer(sql);
      },
    },
  };
  return { database, queries };
}

/** A clock that advances by `stepMs` each time it is read. */
function steppingClock(stepMs: number) {
  let now = 1_000;
  return () => {
    const value = now;
    now += stepMs;
    return value;
  };
}

describe("checkHealth", () => {
  it("answers 503 while this process's writes fail, even though SELECT 1 works (SQLite locked by another process)", async () => {
    const { database, queries } = fakeDatabase(async () => [{ "1": 1n }]);
    const result = await checkHealth({ openDatabase: () => database, version: "1", writesFailing: () => true });

    expect(result.httpStatus).toBe(503);
    expect(result.body.database.ok).toBe(false);
    expect(queries).toEqual([]);
  });

  it("answers 200 with the dialect and latency when SELECT 1 succeeds", async () => {
    const { database, queries } = fakeDatabase(async () => [{ "1": 1n }], "postgres");
    const result = await checkHealth({ openDatabase: () => database, version: "1.2.3", clock: steppingClock(4.25) });

    expect(queries).toEqual(["SELECT 1"]);
    expect(result.httpStatus).toBe(200);
    expect(result.failure).toBeUndefined();
    expect(result.body).toEqual({
      status: "ok",
      version: "1.2.3",
      database: { ok: true, dialect: "postgres", latencyMs: 4.3 },
    });
  });

  it("answers 503 when the query fails, without the error text or the URL in the body", async () => {
    const url = "postgres://inbox:hunter2@db.internal:5432/inbox";
    const { database } = fakeDatabase(async () => {
      throw new Error(`connect ECONNREFUSED while connecting to ${url}`);
    }, "postgres");
    const result = await checkHealth({ openDatabase: () => database, version: "1.2.3", clock: steppingClock(2) });

    expect(result.httpStatus).toBe(503);
    expect(result.body).toEqual({
      status: "unavailable",
      version: "1.2.3",
      database: { ok: false, dialect: "postgres", latencyMs: 2 },
    });
    expect(JSON.stringify(result.body)).not.toMatch(/hunter2|ECONNREFUSED|db\.internal/);
    // The failure is for the server log, and even there the password is redacted.
    expect(result.failure).toContain("ECONNREFUSED");
    expect(result.failure).not.toContain("hunter2");
  });

  it("answers 503 when the database does not answer within the deadline", async () => {
    const { database } = fakeDatabase(() => new Promise(() => {}));
    const started = Date.now();
    const result = await checkHealth({ openDatabase: () => database, version: "1.2.3", timeoutMs: 50 });

    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result.httpStatus).toBe(503);
    expect(result.body.database).toMatchObject({ ok: false, dialect: "sqlite" });
    expect(result.failure).toMatch(/50 ms/);
  });

  it("does not leave an unhandled rejection when the query fails after the deadline", async () => {
    let fail!: (error: Error) => void;
    const { database } = fakeDatabase(() => new Promise((_, reject) => (fail = reject)));
    const result = await checkHealth({ openDatabase: () => database, version: "1.2.3", timeoutMs: 10 });
    expect(result.httpStatus).toBe(503);
    fail(new Error("late failure"));
    await new Promise((resolve) => setTimeout(resolve, 10)); // vitest reports unhandled rejections as failures
  });

  it("answers 503 with no dialect when the database cannot even be opened (bad configuration)", async () => {
    const result = await checkHealth({
      openDatabase: () => {
        throw new Error("Invalid configuration: DATABASE_URL: must start with file: …");
      },
      version: "1.2.3",
    });

    expect(result.httpStatus).toBe(503);
    expect(result.body).toEqual({
      status: "unavailable",
      version: "1.2.3",
      database: { ok: false, dialect: null, latencyMs: null },
    });
    expect(result.failure).toContain("Invalid configuration");
  });
});
