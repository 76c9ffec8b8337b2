import { createDatabase } from "@/lib/db/create-database";
import type { AppDatabase } from "@/lib/db/types";
import { createSession } from "@/lib/auth/sessions";
import { createUser } from "@/lib/auth/users";

/** The accounts the HTTP and e2e suites sign in with. Test-only credentials. */
export const TEST_USERS = {
  admin: { email: "admin@inbox.test", password: "admin password for tests", name: "Ada Admin", role: "admin" },
  staff: { email: "staff@inbox.test", password: "staff password for tests", name: null, role: "staff" },
} as const;

/** Creates both users (idempotent: an existing email is left alone). */
export async function ensureTestUsers(db: AppDatabase): Promise<{ admin: number; staff: number }> {
  const ids = { admin: 0, staff: 0 };
  for (const key of ["admin", "staff"] as const) {
    const user = TEST_USERS[key];
    const created = await createUser(db, { email: user.email, name: user.name, role: user.role, password: user.password }, new Date());
    ids[key] = created.ok ? created.id : (await db.prisma.user.findUniqueOrThrow({ where: { email: user.email } })).id;
  }
  return ids;
}

/** A session cookie for a user, made directly in the database (the sign-in form has its own tests). */
export async function sessionCookieFor(databaseUrl: string, userId: number): Promise<string> {
  const db = createDatabase(databaseUrl, { poolSize: 1 });
  try {
    const { token } = await createSession(db, userId, new Date());
    return `opi_session=${token}`;
  } finally {
    await db.prisma.$disconnect();
  }
}
