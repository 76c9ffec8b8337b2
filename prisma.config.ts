import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's schema-engine binary cannot be downloaded on our machines and we never run
// `prisma migrate` (migrations are hand-written SQL, see lib/db/migrate.ts). `prisma generate`
// only needs the variable to name an existing file.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("package.json");

export default defineConfig({
  schema: "prisma/sqlite",
});
