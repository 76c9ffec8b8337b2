import "server-only";
import { cookies, headers } from "next/headers";
import { env } from "../env";
import { isHttpsRequest, sessionCookieAttributes, sessionCookieName } from "./session-cookie";
import type { NewSession } from "./sessions";
import { clientIp } from "./sign-in";

/** Server actions: the caller's address, for per-IP sign-in limits. */
export async function requestIp(): Promise<string> {
  return clientIp((await headers()).get("x-forwarded-for"));
}

/** Over https (the proxy's X-Forwarded-Proto, or an https WEBHOOK_BASE_URL) the cookie is Secure and `__Host-`. */
export async function requestIsHttps(): Promise<boolean> {
  return isHttpsRequest((await headers()).get("x-forwarded-proto"), env().WEBHOOK_BASE_URL);
}

export async function setSessionCookie(session: NewSession): Promise<void> {
  const secure = await requestIsHttps();
  (await cookies()).set(sessionCookieName(secure), session.token, sessionCookieAttributes(session.expiresAt, secure));
}

export async function readSessionCookie(): Promise<string | undefined> {
  return (await cookies()).get(sessionCookieName(await requestIsHttps()))?.value;
}

export async function clearSessionCookie(): Promise<void> {
  const secure = await requestIsHttps();
  // A __Host- cookie is only deleted by a Set-Cookie with the same Secure and Path attributes.
  (await cookies()).set(sessionCookieName(secure), "", { ...sessionCookieAttributes(new Date(0), secure), maxAge: 0 });
}
