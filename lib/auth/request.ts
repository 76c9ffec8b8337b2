import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { SESSION_COOKIE, isHttpsRequest, sessionCookieAttributes } from "./session-cookie";
import type { NewSession } from "./sessions";
import { clientIp } from "./sign-in";

/** Server actions: the caller's address, for per-IP sign-in limits. */
export async function requestIp(): Promise<string> {
  return clientIp((await headers()).get("x-forwarded-for"));
}

export async function setSessionCookie(session: NewSession): Promise<void> {
  const secure = isHttpsRequest((await headers()).get("x-forwarded-proto"), env().WEBHOOK_BASE_URL);
  (await cookies()).set(SESSION_COOKIE, session.token, sessionCookieAttributes(session.expiresAt, secure));
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}
