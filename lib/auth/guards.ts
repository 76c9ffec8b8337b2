import "server-only";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { getDatabase } from "../db";
import { forbiddenResponse, unauthorizedResponse } from "../http/errors";
import { REQUEST_PATH_HEADER, signInUrl } from "./paths";
import { env } from "../env";
import { isHttpsRequest, readCookie, sessionCookieName } from "./session-cookie";
import { findSessionUser } from "./sessions";
import { authenticateApiToken } from "./tokens";
import type { SessionUser } from "./types";

export type { Role, SessionUser } from "./types";

/**
 * The user of the current request's session cookie, or null. Cached per request, so the layout,
 * the page and its components share one database read.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const config = env();
  const secure = isHttpsRequest((await headers()).get("x-forwarded-proto"), config.WEBHOOK_BASE_URL);
  const token = (await cookies()).get(sessionCookieName(secure))?.value;
  if (!token) return null;
  return findSessionUser(getDatabase(), token, new Date(), { idleHours: config.SESSION_IDLE_HOURS });
});

/** Pages and server actions: the signed-in user, or a redirect to /login that comes back here. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInUrl((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}

/** Pages and server actions for admins: redirect when signed out, a real 403 (app/forbidden.tsx) for staff. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}

export type AuthenticateResult = { ok: true; user: SessionUser } | { ok: false; response: Response };

/**
 * Route handlers: a session cookie or `Authorization: Bearer <API token>`. Never redirects: 401 JSON
 * when missing or invalid, 403 when the role is insufficient. API tokens act with the staff role.
 */
export async function authenticateRequest(request: Request, options: { role?: "admin" } = {}): Promise<AuthenticateResult> {
  const db = getDatabase();
  const now = new Date();
  const authorization = request.headers.get("authorization");
  let user: SessionUser | null = null;
  if (authorization !== null) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    user = bearer ? await authenticateApiToken(db, bearer, now) : null;
  } else {
    const config = env();
    const secure = isHttpsRequest(request.headers.get("x-forwarded-proto"), config.WEBHOOK_BASE_URL);
    const token = readCookie(request.headers.get("cookie"), sessionCookieName(secure));
    user = token ? await findSessionUser(db, token, now, { idleHours: config.SESSION_IDLE_HOURS }) : null;
  }
  if (!user) return { ok: false, response: unauthorizedResponse() };
  if (options.role === "admin" && user.role !== "admin") return { ok: false, response: forbiddenResponse() };
  return { ok: true, user };
}
