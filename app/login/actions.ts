"use server";

import { redirect } from "next/navigation";
import { fieldErrorsOf, formText, type FormState } from "@/lib/auth/forms";
import { isSafeNextPath } from "@/lib/auth/paths";
import { requireUser } from "@/lib/auth/guards";
import { clearSessionCookie, readSessionCookie, requestIp, setSessionCookie } from "@/lib/auth/request";
import { signInSchema } from "@/lib/auth/schemas";
import { deleteSession, endAllSessions } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";

/** Public on purpose: the sign-in form. Rate limited per account+IP, account and IP (lib/auth/rate-limit.ts). */
export async function signIn(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = { email: formText(formData, "email"), password: formText(formData, "password"), next: formText(formData, "next") };
  const values = { email: input.email };
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return { status: "error", fieldErrors: fieldErrorsOf(parsed.error), values };

  const result = await signInWithPassword(
    getDatabase(),
    { email: parsed.data.email, password: parsed.data.password, ip: await requestIp() },
    new Date(),
    { sessionTtlHours: env().SESSION_TTL_HOURS },
  );
  if (!result.ok) {
    if (result.reason === "busy") return { status: "error", message: "Too many sign-ins at this moment. Try again in a few seconds.", values };
    if (result.reason === "rate_limited") {
      const minutes = Math.ceil(result.retryAfterSeconds / 60);
      return {
        status: "error",
        message: `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
        values,
      };
    }
    return { status: "error", message: "That email and password don't match an active account.", values };
  }
  await setSessionCookie(result.session);
  redirect(isSafeNextPath(parsed.data.next) && !parsed.data.next.startsWith("/login") ? parsed.data.next : "/activity");
}

/** Ends this browser's session (the row is deleted, so a copied cookie stops working too). */
export async function signOut(): Promise<void> {
  const token = await readSessionCookie();
  if (token) await deleteSession(getDatabase(), token);
  await clearSessionCookie();
  redirect("/login");
}

/** Ends every session of the signed-in user, on every device (a lost phone, a shared computer). */
export async function signOutEverywhere(): Promise<void> {
  const user = await requireUser();
  await endAllSessions(getDatabase(), user.id);
  await clearSessionCookie();
  redirect("/login");
}
