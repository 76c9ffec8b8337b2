/** The session cookie: name, attributes and a tiny parser usable without next/headers. */
export const SESSION_COOKIE = "opi_session";
/**
 * The name over https. Browsers accept a `__Host-` cookie only with Secure, Path=/ and no Domain,
 * so a sibling subdomain can neither set nor overwrite it (no session fixation through a subdomain).
 */
export const SECURE_SESSION_COOKIE = "__Host-opi_session";

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** Strict-Transport-Security for answers over https: one year, this host and its subdomains. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

export type CookieAttributes = {
  httpOnly: true;
  sameSite: "lax";
  secure: boolean;
  path: "/";
  expires: Date;
};

/** HttpOnly, SameSite=Lax, Secure when the browser reached us over https. */
export function sessionCookieAttributes(expiresAt: Date, secure: boolean): CookieAttributes {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", expires: expiresAt };
}

/** Secure when the request came over https (Next fills x-forwarded-proto from the socket or the proxy). */
export function isHttpsRequest(forwardedProto: string | null | undefined, baseUrl?: string): boolean {
  const proto = forwardedProto?.split(",")[0]?.trim().toLowerCase();
  return proto === "https" || (baseUrl?.startsWith("https://") ?? false);
}

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      const value = part.slice(index + 1).trim();
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}
