import { createHash, randomBytes } from "node:crypto";

/** A random secret for cookies, links and API tokens: 32 bytes, base64url. */
export function randomToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this digest is stored; the token itself is 256 random bits, so no slow hash is needed. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
