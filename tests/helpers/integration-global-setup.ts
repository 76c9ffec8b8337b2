import fs from "node:fs";
import { TMP_DIR, testDialect } from "./test-db";

export default function setup(): void {
  fs.rmSync(TMP_DIR, { recursive: true, force: true });
  fs.mkdirSync(TMP_DIR, { recursive: true });
  console.log(`integration tests run on ${testDialect() === "postgres" ? "PostgreSQL (TEST_DATABASE_URL)" : "SQLite files"}`);
}
