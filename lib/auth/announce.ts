import { createDatabase } from "../db/create-database";
import { loadEnv } from "../env";
import { bootstrapFirstAdmin, describeBootstrap } from "./bootstrap";

/** Server start: on an empty users table, print the setup link (or create the admin from env). */
export async function announceFirstAdmin(source: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadEnv(source);
  const db = createDatabase(config.DATABASE_URL, { poolSize: 1 });
  try {
    const line = describeBootstrap(await bootstrapFirstAdmin(db, config, new Date()));
    if (line) (line.startsWith("✖") ? console.error : console.log)(line);
  } catch (error) {
    // Never block the start: `npm run users -- setup-link` makes a link later.
    console.error(`✖ Could not check for a first admin: ${(error as Error).message}`);
  } finally {
    await db.prisma.$disconnect();
  }
}
