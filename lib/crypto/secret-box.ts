import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Authenticated encryption (AES-256-GCM) of small secrets at rest, such as stored webhook signing
 * keys, with a key derived from APP_SECRET. Format: v1.<iv>.<tag>.<ciphertext>, base64url parts.
 */
function keyFrom(appSecret: string): Buffer {
  return createHash("sha256").update(`openphone-inbox:secret-box:v1:${appSecret}`).digest();
}

export function sealSecret(plaintext: string, appSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFrom(appSecret), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, cipher.getAuthTag(), ciphertext].map((p) => (typeof p === "string" ? p : p.toString("base64url"))).join(".");
}

/** Returns null when the box was sealed with another APP_SECRET or was tampered with. */
export function openSecret(sealed: string, appSecret: string): string | null {
  const [version, iv, tag, ciphertext] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) return null;
  try {
    // Pinning the tag length: GCM otherwise accepts a truncated (4-byte) tag, which is forgeable.
    const decipher = createDecipheriv("aes-256-gcm", keyFrom(appSecret), Buffer.from(iv, "base64url"), { authTagLength: 16 });
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
