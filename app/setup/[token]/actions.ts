"use server";

import { redirect } from "next/navigation";
import { fieldErrorsOf, formText, type FormState } from "@/lib/auth/forms";
import { setSessionCookie } from "@/lib/auth/request";
import { firstAdminSchema, setPasswordSchema } from "@/lib/auth/schemas";
import { createSession } from "@/lib/auth/sessions";
import { findSetupLink, redeemFirstAdminLink, redeemSetPasswordLink } from "@/lib/auth/setup-links";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";

const INVALID: FormState = { status: "error", message: "This link has expired or was already used. Ask an admin for a new one." };

/**
 * Public on purpose: the link's 256-bit token is the credential. First-admin links create the admin
 * (only while there are no users); set-password links set an invited or reset user's password.
 */
export async function completeSetup(token: string, _previous: FormState, formData: FormData): Promise<FormState> {
  const db = getDatabase();
  const now = new Date();
  const link = await findSetupLink(db, token, now);
  if (!link) return INVALID;

  let result;
  if (link.purpose === "first_admin") {
    const input = {
      email: formText(formData, "email"),
      name: formText(formData, "name"),
      password: formText(formData, "password"),
      confirm: formText(formData, "confirm"),
    };
    const parsed = firstAdminSchema.safeParse(input);
    const values = { email: input.email, name: input.name };
    if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values };
    result = await redeemFirstAdminLink(db, token, parsed.data, now);
  } else {
    const parsed = setPasswordSchema.safeParse({ password: formText(formData, "password"), confirm: formText(formData, "confirm") });
    if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error) };
    result = await redeemSetPasswordLink(db, token, parsed.data.password, now);
  }
  if (!result.ok) return INVALID;

  await setSessionCookie(await createSession(db, result.userId, now, env().SESSION_TTL_HOURS));
  redirect(link.purpose === "first_admin" ? "/admin/users" : "/activity");
}
