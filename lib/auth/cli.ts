import { parseArgs } from "node:util";
import type { AppDatabase } from "../db/types";
import { generatePassword } from "./passwords";
import { createUserSchema, emailSchema, passwordSchema, roleSchema } from "./schemas";
import { createSetupLink, setupUrl } from "./setup-links";
import { createUser, findUserByEmail, listUsers, setUserActive, setUserPassword, setUserRole } from "./users";

export const USERS_USAGE = `Usage: npm run users -- <command> [options]

Commands:
  create --email E [--role admin|staff] [--name N] [--password P | --invite]
                       add a user (role defaults to staff). Without --password the password is read
                       from stdin when it is piped, else a generated one is printed once.
                       --invite prints a one-time link (24 h) where they choose their own.
  reset-password --email E [--password P | --link]
                       set a new password (stdin or generated, as for create) or print a one-time
                       link; signs the user out everywhere
  set-role --email E --role admin|staff
  deactivate --email E  sign-in, sessions and API tokens stop working (not the last active admin)
  reactivate --email E
  list                  every user, with role and status
  setup-link            a one-time link to create the first admin (only while there are no users)

Exit status: 0 done, 1 refused (unknown user, last admin, email taken), 2 usage or invalid input.`;

export type CliIo = {
  out: (line: string) => void;
  err: (line: string) => void;
  /** A password typed or piped in, or "" for "generate one". */
  readPassword: (prompt: string) => Promise<string>;
};

export type CliContext = { db: AppDatabase; baseUrl: string; now: () => Date; io: CliIo };

class UsageError extends Error {}

/** `npm run users -- …`; returns the exit status. */
export async function runUsersCli(argv: string[], ctx: CliContext): Promise<number> {
  const { io } = ctx;
  try {
    return await run(argv, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`✖ ${error.message}\n\n${USERS_USAGE}`);
      return 2;
    }
    throw error;
  }
}

async function run(argv: string[], { db, baseUrl, now, io }: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    io.out(USERS_USAGE);
    return command ? 0 : 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        role: { type: "string" },
        name: { type: "string" },
        password: { type: "string" },
        invite: { type: "boolean" },
        link: { type: "boolean" },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const requireEmail = (): string => {
    const parsed = emailSchema.safeParse(values.email ?? "");
    if (!parsed.success) throw new UsageError(values.email ? `--email: ${parsed.error.issues[0]?.message}` : "--email is required");
    return parsed.data;
  };
  const findOrFail = async (email: string) => {
    const user = await findUserByEmail(db, email);
    if (!user) io.err(`✖ No user with email ${email}`);
    return user;
  };
  const choosePassword = async (): Promise<{ password: string; generated: boolean }> => {
    const given = typeof values.password === "string" ? values.password : await io.readPassword("New password (empty to generate one): ");
    if (!given) return { password: generatePassword(), generated: true };
    const parsed = passwordSchema.safeParse(given);
    if (!parsed.success) throw new UsageError(`password: ${parsed.error.issues[0]?.message}`);
    return { password: parsed.data, generated: false };
  };

  switch (command) {
    case "create": {
      const parsed = createUserSchema.safeParse({ email: values.email ?? "", name: values.name, role: values.role ?? "staff", password: "" });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`--${String(issue?.path[0] ?? "email")}: ${issue?.message}`);
      }
      const chosen = values.invite ? null : await choosePassword();
      const created = await createUser(db, { ...parsed.data, password: chosen?.password }, now());
      if (!created.ok) {
        io.err(`✖ A user with email ${parsed.data.email} already exists`);
        return 1;
      }
      io.out(`✔ Created ${parsed.data.role} ${parsed.data.email}`);
      if (chosen?.generated) io.out(`  Password (shown once): ${chosen.password}`);
      if (!chosen) {
        const link = await createSetupLink(db, { purpose: "set_password", userId: created.id }, now());
        io.out(`  Invite link (one use, expires in 24 h): ${setupUrl(baseUrl, link.token)}`);
      }
      return 0;
    }
    case "reset-password": {
      const email = requireEmail();
      const user = await findOrFail(email);
      if (!user) return 1;
      if (values.link) {
        const link = await createSetupLink(db, { purpose: "set_password", userId: user.id }, now());
        io.out(`✔ Password reset link for ${email} (one use, expires in 24 h): ${setupUrl(baseUrl, link.token)}`);
        return 0;
      }
      const chosen = await choosePassword();
      await setUserPassword(db, user.id, chosen.password, now());
      io.out(`✔ New password set for ${email}; their sessions were signed out`);
      if (chosen.generated) io.out(`  Password (shown once): ${chosen.password}`);
      return 0;
    }
    case "set-role": {
      const email = requireEmail();
      const role = roleSchema.safeParse(values.role);
      if (!role.success) throw new UsageError("--role must be admin or staff");
      const user = await findOrFail(email);
      if (!user) return 1;
      const result = await setUserRole(db, user.id, role.data, now());
      if (!result.ok) {
        io.err(`✖ ${email} is the last active admin; make someone else admin first`);
        return 1;
      }
      io.out(`✔ ${email} is now ${role.data}`);
      return 0;
    }
    case "deactivate":
    case "reactivate": {
      const email = requireEmail();
      const user = await findOrFail(email);
      if (!user) return 1;
      const result = await setUserActive(db, user.id, command === "reactivate", now());
      if (!result.ok) {
        io.err(`✖ ${email} is the last active admin; make someone else admin first`);
        return 1;
      }
      io.out(command === "reactivate" ? `✔ Reactivated ${email}` : `✔ Deactivated ${email}; their sessions and API tokens stopped working`);
      return 0;
    }
    case "list": {
      const users = await listUsers(db);
      if (users.length === 0) {
        io.out("No users yet. Run `npm run users -- setup-link` or `npm run users -- create --email E --role admin`.");
        return 0;
      }
      const rows = users.map((u) => [
        u.email,
        u.role,
        u.active ? (u.hasPassword ? "active" : "invited") : "deactivated",
        u.lastSignInAt ? u.lastSignInAt.toISOString() : "never",
        u.name ?? "",
      ]);
      const header = ["EMAIL", "ROLE", "STATUS", "LAST SIGN-IN", "NAME"];
      const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
      for (const row of [header, ...rows]) io.out(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
      return 0;
    }
    case "setup-link": {
      if ((await db.prisma.user.count()) > 0) {
        io.err("✖ Users exist already; an admin can add users at /admin/users");
        return 1;
      }
      const link = await createSetupLink(db, { purpose: "first_admin" }, now());
      io.out(`➜ Create the first admin here (one use, expires in 24 h): ${setupUrl(baseUrl, link.token)}`);
      return 0;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
