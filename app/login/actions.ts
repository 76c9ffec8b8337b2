"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { invalidForm, type FormState } from "@/lib/auth/forms";
import { isSafeNextPath } from "@/lib/auth/paths";
import { clearSessionCookie, readSessionCookie, requestIp, setSessionCookie } from "@/lib/auth/request";
import { signInSchema } from "@/lib/auth/schemas";
import { deleteSession, endAllSessions } from "@/lib/auth/sessions";
import { signInWithPassword } from "@/lib/auth/sign-in";
import { validatedAction } from "@/lib/auth/validated-action";
import { getDatabase } from "@/lib/db";
import { env } from "@/lib/env";

/** Public on purpose: the sign-in form. Rate limited per account+IP, account and IP (lib/auth/rate-limit.ts). */
export const signIn = validatedAction(
  signInSchema,
  "public",
  async ({ email, password, next }): Promise<FormState> => {
    const values = { email };
    const result = await signInWithPassword(getDatabase(), { email, password, ip: await requestIp() }, new Date(), {
      sessionTtlHours: env().SESSION_TTL_HOURS,
    });
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
    redirect(isSafeNextPath(next) && !next.startsWith("/login") ? next : "/activity");
  },
  invalidForm(["email"]),
);

/** Ends this browser's session (the row is deleted, so a copied cookie stops working too). */
export const signOut = validatedAction(
  z.object({}),
  "public",
  async (): Promise<void> => {
    const token = await readSessionCookie();
    if (token) await deleteSession(getDatabase(), token);
    await clearSessionCookie();
    redirect("/login");
  },
  () => undefined,
);

/** Ends every session of the signed-in user, on every device (a lost phone, a shared computer). */
export const signOutEverywhere = validatedAction(
  z.object({}),
  "staff",
  async (_input, { user }): Promise<void> => {
    await endAllSessions(getDatabase(), user.id);
    await clearSessionCookie();
    redirect("/login");
  },
  () => undefined,
);
