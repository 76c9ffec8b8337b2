import fs from "node:fs";
import path from "node:path";
import { createDatabase } from "../db/create-database";
import { loadEnv } from "../env";
import { bootstrapFirstAdmin, describeBootstrap } from "./bootstrap";

/** Server start: on an empty users table, print the setup link (or create the admin from env). */
export async function announceFirstAdmin(source: Record<string, string | undefined> = process.env): Promise<void> {
  const config = loadEnv(source);
  const db = createDatabase(config.DATABASE_URL, { poolSize: 1 });
  try {
    const outcome = await bootstrapFirstAdmin(db, config, new Date());
    const line = describeBootstrap(outcome);
    if (outcome.kind === "setup_link" && config.SETUP_LINK_FILE) {
      writeSetupLinkFile(config.SETUP_LINK_FILE, outcome.url);
      console.log(`${line} (also in ${config.SETUP_LINK_FILE})`);
    } else if (line) (line.startsWith("✖") ? console.error : console.log)(line);
  } catch (error) {
    // Never block the start: `npm run users -- setup-link` makes a link later.
    console.error(`✖ Could not check for a first admin: ${(error as Error).message}`);
  } finally {
    await db.prisma.$disconnect();
  }
}

/** For platforms that keep container logs: the link also goes to a file only this user can read. */
function writeSetupLinkFile(file: string, url: string): void {
  const resolved = path.resolve(file);
  fs.mkdirSync(path.dirname(resolved), { recursive: true });
  // A new file, so the mode applies (writing over an existing file would keep its mode).
  fs.rmSync(resolved, { force: true });
  fs.writeFileSync(resolved, `${url}\n`, { mode: 0o600, flag: "wx" });
}
