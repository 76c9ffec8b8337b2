import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

/**
 * Password hashing with Node's built-in scrypt (memory-hard; maintained in Node core, no native
 * add-on). N=2^17, r=8, p=1 uses 128 MiB and a few hundred ms per hash (OWASP's scrypt baseline);
 * sign-in caps how many run at once. The parameters are stored in each hash: older hashes (N=2^15)
 * still verify, and `needsRehash` upgrades them on the next sign-in.
 * Format: scrypt$<log2 N>$<r>$<p>$<salt b64url>$<hash b64url>
 */
const CURRENT = { log2N: 17, r: 8, p: 1 };
const KEY_LENGTH = 32;


function derive(password: string, salt: Buffer, log2N: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** log2N;
  // maxmem must exceed 128 * N * r bytes; leave headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFKC"), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, CURRENT.log2N, CURRENT.r, CURRENT.p);
  return ["scrypt", CURRENT.log2N, CURRENT.r, CURRENT.p, salt.toString("base64url"), key.toString("base64url")].join("$");
}

type Parsed = { log2N: number; r: number; p: number; salt: Buffer; key: Buffer };

function parse(stored: string): Parsed | null {
  const [scheme, log2N, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !salt || !key) return null;
  const numbers = [log2N, r, p].map(Number);
  // Bounds keep a tampered hash from asking for gigabytes of memory.
  if (numbers.some((n) => !Number.isInteger(n) || n < 1) || numbers[0]! > 20 || numbers[1]! > 32 || numbers[2]! > 16) return null;
  return { log2N: numbers[0]!, r: numbers[1]!, p: numbers[2]!, salt: Buffer.from(salt, "base64url"), key: Buffer.from(key, "base64url") };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed || parsed.key.length !== KEY_LENGTH) return false;
  const key = await derive(password, parsed.salt, parsed.log2N, parsed.r, parsed.p);
  return timingSafeEqual(key, parsed.key);
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.log2N !== CURRENT.log2N || parsed.r !== CURRENT.r || parsed.p !== CURRENT.p;
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so an unknown email cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(password, await dummyHash);
  return false;
}

const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password for operators to hand over: 20 characters without look-alikes (~115 bits). */
export function generatePassword(length = 20): string {
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
