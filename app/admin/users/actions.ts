"use server";

import { revalidatePath } from "next/cache";
import { invalidForm, pickFields, type FormState } from "@/lib/auth/forms";
import { createUserSchema, manageUserSchema } from "@/lib/auth/schemas";
import { createSetupLink, setupUrl, startPasswordReset } from "@/lib/auth/setup-links";
import { createUser, setUserActive, setUserRole, type UserChangeResult } from "@/lib/auth/users";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";

/** What a failed "Add user" form keeps (never the password). */
const ECHOED = ["email", "name", "role"] as const;

/** Adds a user. Without a password, the answer carries a one-time invite link (shown once). */
export const createUserAction = validatedAction(
  createUserSchema,
  "admin",
  async (input, { fields }): Promise<FormState> => {
    const db = getDatabase();
    const now = new Date();
    const created = await createUser(db, input, now);
    if (!created.ok) return { status: "error", fieldErrors: { email: "A user with this email already exists." }, values: pickFields(fields, ECHOED) };
    revalidatePath("/admin/users");
    if (input.password) {
      return { status: "success", message: `${input.email} can sign in now with the password you chose.` };
    }
    const link = await createSetupLink(db, { purpose: "set_password", userId: created.id }, now);
    return {
      status: "success",
      message: `Send this invite link to ${input.email}. It works once and expires in 24 hours.`,
      secret: setupUrl(env().WEBHOOK_BASE_URL, link.token),
    };
  },
  invalidForm(ECHOED),
);

const REFUSALS: Record<Exclude<UserChangeResult, { ok: true }>["error"], string> = {
  not_found: "That user no longer exists.",
  last_admin: "There must always be at least one active admin. Make someone else an admin first.",
  email_taken: "A user with this email already exists.",
};

/** Role change, (de)activation or a password-reset link for one user. */
export const manageUserAction = validatedAction(
  manageUserSchema,
  "admin",
  async ({ userId, intent }, { user: admin }): Promise<FormState> => {
    const db = getDatabase();
    const now = new Date();

    if (intent === "reset_password") {
      const reset = await startPasswordReset(db, userId, now);
      if (!reset.ok) return { status: "error", message: reset.error === "inactive" ? "Reactivate this user first." : REFUSALS.not_found };
      return {
        status: "success",
        message: `${reset.email} was signed out everywhere. Send them this link to choose a new password (once, within 24 hours); their current password keeps working until then.`,
        secret: setupUrl(env().WEBHOOK_BASE_URL, reset.token),
      };
    }
    if (intent === "deactivate" && userId === admin.id) {
      return { status: "error", message: "You can't deactivate your own account. Ask another admin." };
    }
    const result =
      intent === "make_admin" || intent === "make_staff"
        ? await setUserRole(db, userId, intent === "make_admin" ? "admin" : "staff", now)
        : await setUserActive(db, userId, intent === "reactivate", now);
    if (!result.ok) return { status: "error", message: REFUSALS[result.error] };
    revalidatePath("/admin/users");
    return { status: "success" };
  },
  (): FormState => ({ status: "error", message: "That change is not possible." }),
);
