import type { TestDatabase } from "./test-db";

/**
 * Makes the projection fail for rows whose OpenPhone id starts with `prefix`: a database trigger
 * on the Call and Message tables raises, exactly like a bug or bad data would mid-transaction.
 * `removeInjectedFailure` is "the fix".
 */
export async function injectProjectionFailure(db: TestDatabase, prefix: string): Promise<void> {
  for (const table of ["Call", "Message"]) {
    if (db.dialect === "sqlite") {
      await db.prisma.$executeRawUnsafe(
        `CREATE TRIGGER "inject_${table}" BEFORE INSERT ON "${table}" WHEN NEW."openphoneId" LIKE '${prefix}%' BEGIN SELECT RAISE(ABORT, 'injected projection failure'); END`,
      );
    } else {
      await db.prisma.$executeRawUnsafe(
        `CREATE OR REPLACE FUNCTION inject_failure() RETURNS trigger AS $$ BEGIN IF NEW."openphoneId" LIKE '${prefix}%' THEN RAISE EXCEPTION 'injected projection failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`,
      );
      await db.prisma.$executeRawUnsafe(`CREATE TRIGGER "inject_${table}" BEFORE INSERT ON "${table}" FOR EACH ROW EXECUTE FUNCTION inject_failure()`);
    }
  }
}

export async function removeInjectedFailure(db: TestDatabase): Promise<void> {
  for (const table of ["Call", "Message"]) {
    await db.prisma.$executeRawUnsafe(db.dialect === "sqlite" ? `DROP TRIGGER "inject_${table}"` : `DROP TRIGGER "inject_${table}" ON "${table}"`);
  }
}
