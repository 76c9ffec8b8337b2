import { createHash } from "node:crypto";
import path from "node:path";
import { e2eDatabaseUrl } from "./e2e-env";

/**
 * The accounts of an e2e run. tests/e2e/auth.spec.ts (project "auth", first) creates the admin
 * through the first-admin setup link and the staff user through /admin/users, signs both in through
 * the real /login form, and saves their browser state here for tests/e2e/fixtures.ts. Test-only.
 */
export const E2E_ADMIN = { email: "owner@e2e.test", name: "Olivia Owner", password: "e2e admin password, test only" };
export const E2E_STAFF = { email: "staff@e2e.test", password: "e2e staff password, test only" };

/** One folder per run (keyed by its database), so parallel runs on other ports never share sessions. */
export function authStateDir(): string {
  const run = createHash("sha256").update(e2eDatabaseUrl()).digest("hex").slice(0, 12);
  return path.resolve(import.meta.dirname, "..", ".tmp", "e2e", `auth-${run}`);
}

export const adminStatePath = () => path.join(authStateDir(), "admin.json");
export const staffStatePath = () => path.join(authStateDir(), "staff.json");
