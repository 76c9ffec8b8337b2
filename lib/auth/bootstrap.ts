import type { AppDatabase } from "../db/types";
import { emailSchema, passwordSchema } from "./schemas";
import { createSetupLink, setupUrl } from "./setup-links";
import { createUser } from "./users";

export type BootstrapOutcome =
  | { kind: "has_users" }
  | { kind: "created_admin_from_env"; email: string }
  | { kind: "setup_link"; url: string; expiresAt: Date }
  | { kind: "invalid_env"; message: string };

/**
 * First start on an empty users table: ADMIN_EMAIL + ADMIN_PASSWORD create the admin; otherwise a
 * one-time setup link (24 h) is made for the operator to open. Once any user exists, nothing happens
 * (the variables are not a standing backdoor and never overwrite a password).
 */
export async function bootstrapFirstAdmin(
  db: AppDatabase,
  config: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string; WEBHOOK_BASE_URL: string },
  now: Date,
): Promise<BootstrapOutcome> {
  if ((await db.prisma.user.count()) > 0) return { kind: "has_users" };
  if (config.ADMIN_EMAIL || config.ADMIN_PASSWORD) {
    const email = emailSchema.safeParse(config.ADMIN_EMAIL ?? "");
    const password = passwordSchema.safeParse(config.ADMIN_PASSWORD ?? "");
    if (!email.success || !password.success) {
      const problems = [
        email.success ? null : `ADMIN_EMAIL: ${email.error.issues[0]?.message ?? "invalid"}`,
        password.success ? null : `ADMIN_PASSWORD: ${password.error.issues[0]?.message ?? "invalid"}`,
      ].filter(Boolean);
      return { kind: "invalid_env", message: `set both or neither; ${problems.join(" ")}` };
    }
    const created = await createUser(db, { email: email.data, role: "admin", password: password.data }, now);
    // email_taken: another instance created it at the same moment.
    return created.ok || created.error === "email_taken" ? { kind: "created_admin_from_env", email: email.data } : { kind: "has_users" };
  }
  const link = await createSetupLink(db, { purpose: "first_admin" }, now);
  return { kind: "setup_link", url: setupUrl(config.WEBHOOK_BASE_URL, link.token), expiresAt: link.expiresAt };
}

/** The one line a first start prints (nothing once users exist). */
export function describeBootstrap(outcome: BootstrapOutcome): string | null {
  switch (outcome.kind) {
    case "has_users":
      return null;
    case "created_admin_from_env":
      return `✔ Created admin ${outcome.email} from ADMIN_EMAIL/ADMIN_PASSWORD`;
    case "setup_link":
      return `➜ No users yet. Create the first admin here (one use, expires in 24 h): ${outcome.url}`;
    case "invalid_env":
      return `✖ ADMIN_EMAIL/ADMIN_PASSWORD: ${outcome.message}`;
  }
}
