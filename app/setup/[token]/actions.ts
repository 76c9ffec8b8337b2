"use server";

import { redirect } from "next/navigation";
import { invalidForm, type FormState } from "@/lib/auth/forms";
import { setSessionCookie } from "@/lib/auth/request";
import { firstAdminFormSchema, setPasswordFormSchema } from "@/lib/auth/schemas";
import { createSession } from "@/lib/auth/sessions";
import { findSetupLink, redeemFirstAdminLink, redeemSetPasswordLink, type RedeemResult } from "@/lib/auth/setup-links";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";

const INVALID: FormState = { status: "error", message: "This link has expired or was already used. Ask an admin for a new one." };

async function signInAfterSetup(result: RedeemResult, now: Date, next: string): Promise<FormState> {
  if (!result.ok) return INVALID;
  await setSessionCookie(await createSession(getDatabase(), result.userId, now, env().SESSION_TTL_HOURS));
  redirect(next);
}

/**
 * Public on purpose: the link's 256-bit token (a hidden field of the form) is the credential, and
 * redeeming checks the link's purpose. The first-admin link creates the admin while there are no users.
 */
export const completeFirstAdminSetup = validatedAction(
  firstAdminFormSchema,
  "public",
  async ({ token, ...input }): Promise<FormState> => {
    const now = new Date();
    // A cheap look-up first: redeeming hashes the password, which a dead link must not cost.
    if ((await findSetupLink(getDatabase(), token, now))?.purpose !== "first_admin") return INVALID;
    return signInAfterSetup(await redeemFirstAdminLink(getDatabase(), token, input, now), now, "/admin/users");
  },
  invalidForm(["email", "name"]),
);

/** Public on purpose, like the above: an invited or reset user chooses a password. */
export const completeSetPassword = validatedAction(
  setPasswordFormSchema,
  "public",
  async ({ token, password }): Promise<FormState> => {
    const now = new Date();
    if ((await findSetupLink(getDatabase(), token, now))?.purpose !== "set_password") return INVALID;
    return signInAfterSetup(await redeemSetPasswordLink(getDatabase(), token, password, now), now, "/activity");
  },
  invalidForm(),
);
