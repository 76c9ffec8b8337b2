import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Verification of OpenPhone webhook signatures, for both schemes OpenPhone uses:
 * - legacy (app-created and /v1 webhooks): `openphone-signature: hmac;1;<timestamp>;<base64 digest>`
 * - Standard Webhooks (2026-03-30 API): `webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64>`
 * Pure: the clock is passed in, nothing is logged, and no result or error ever carries a secret.
 */

export type SignatureScheme = "legacy" | "standard";

export type SignatureFailureReason =
  | "no_secret_configured"
  | "missing_signature"
  | "malformed_signature"
  | "timestamp_out_of_range"
  | "signature_mismatch";

export type VerifyResult =
  | { ok: true; scheme: SignatureScheme; deliveryId: string | null; timestampMs: number }
  | { ok: false; reason: SignatureFailureReason };

/** A `Headers` object or a plain record such as Node's IncomingHttpHeaders; names match case-insensitively. */
export type HeaderSource = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export type RawBody = string | Uint8Array;

export const DEFAULT_TOLERANCE_SECONDS = 300;

const LEGACY_HEADER = "openphone-signature";
const STANDARD_ID_HEADER = "webhook-id";
const STANDARD_TIMESTAMP_HEADER = "webhook-timestamp";
const STANDARD_SIGNATURE_HEADER = "webhook-signature";

/** HMAC-SHA256 digests are 32 bytes; anything else cannot match and is rejected before comparing. */
const DIGEST_BYTES = 32;

/**
 * Each candidate signature costs one HMAC over the whole body per secret, so a header stuffed with
 * hundreds of entries could make us hash a 1 MiB body hundreds of times. Real senders use one or two.
 */
const MAX_SIGNATURES_CHECKED = 8;

/**
 * A decoded signing key. The bytes live in a private field so that logging or serialising a key
 * (console.log, JSON.stringify, util.inspect) never prints the secret.
 */
export class SigningKey {
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }

  /**
   * Accepts an OpenPhone signing secret (base64) or a Standard Webhooks secret (`whsec_` + base64).
   * Returns null for a secret that decodes to no bytes (empty or whitespace).
   */
  static fromSecret(secret: string): SigningKey | null {
    const trimmed = secret.trim();
    const encoded = trimmed.startsWith("whsec_") ? trimmed.slice("whsec_".length) : trimmed;
    // The key is the decoded bytes; turning them into a (latin1) string first, as OpenPhone's
    // sample code does, corrupts every byte above 0x7f.
    const bytes = Buffer.from(encoded, "base64");
    return bytes.length === 0 ? null : new SigningKey(bytes);
  }

  digest(parts: readonly RawBody[]): Buffer {
    const hmac = createHmac("sha256", this.#bytes);
    for (const part of parts) hmac.update(part);
    return hmac.digest();
  }

  toJSON(): string {
    return "[SigningKey]";
  }
}

/** Standard Webhooks secrets are 24–64 random bytes; fewer would make a forged signature guessable. */
export const MIN_SIGNING_KEY_BYTES = 24;

/**
 * Why a configured signing secret is unusable, or null when it is fine: it must be canonical base64
 * (decoding and re-encoding gives the same text, so no character is silently dropped) of at least
 * 24 bytes, optionally with the Standard Webhooks `whsec_` prefix.
 */
export function signingSecretProblem(secret: string): string | null {
  const trimmed = secret.trim();
  const encoded = trimmed.startsWith("whsec_") ? trimmed.slice("whsec_".length) : trimmed;
  const bytes = Buffer.from(encoded, "base64");
  if (encoded === "" || bytes.toString("base64") !== encoded) return "is not canonical base64 (copy the signing secret exactly as OpenPhone shows it)";
  if (bytes.length < MIN_SIGNING_KEY_BYTES) return `decodes to ${bytes.length} bytes; at least ${MIN_SIGNING_KEY_BYTES} bytes are required`;
  return null;
}

/** Decodes secrets once (e.g. at startup); unusable (empty) secrets are dropped. */
export function prepareSecrets(secrets: readonly string[]): SigningKey[] {
  return secrets.map((s) => SigningKey.fromSecret(s)).filter((k): k is SigningKey => k !== null);
}

export type VerifyWebhookSignatureInput = {
  /** Raw secrets (base64, optionally `whsec_`-prefixed) or keys from prepareSecrets(). */
  secrets: ReadonlyArray<string | SigningKey>;
  headers: HeaderSource;
  /** The body exactly as received; it is never parsed or re-serialised here. */
  rawBody: RawBody;
  nowMs: number;
  toleranceSeconds?: number;
};

export function verifyWebhookSignature({
  secrets,
  headers,
  rawBody,
  nowMs,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
}: VerifyWebhookSignatureInput): VerifyResult {
  const keys = secrets
    .map((s) => (typeof s === "string" ? SigningKey.fromSecret(s) : s))
    .filter((k): k is SigningKey => k !== null);
  if (keys.length === 0) return { ok: false, reason: "no_secret_configured" };

  const toleranceMs = toleranceSeconds * 1000;
  const standardSignature = readHeader(headers, STANDARD_SIGNATURE_HEADER);
  if (standardSignature !== null) {
    return verifyStandard(keys, headers, standardSignature, rawBody, nowMs, toleranceMs);
  }
  const legacySignature = readHeader(headers, LEGACY_HEADER);
  if (legacySignature !== null) {
    return verifyLegacy(keys, legacySignature, rawBody, nowMs, toleranceMs);
  }
  return { ok: false, reason: "missing_signature" };
}

type Candidate = { timestampMs: number; signedTimestamp: string; digest: string };

function verifyLegacy(
  keys: readonly SigningKey[],
  headerValue: string,
  rawBody: RawBody,
  nowMs: number,
  toleranceMs: number,
): VerifyResult {
  // Several comma-separated signatures are sent while a key is being rotated.
  const candidates = headerValue
    .split(",")
    .map((entry) => parseLegacyEntry(entry.trim()))
    .filter((c): c is Candidate => c !== null);
  const verdict = checkCandidates(keys, candidates, nowMs, toleranceMs, (c) => [c.signedTimestamp, ".", rawBody]);
  if (verdict.ok) return { ok: true, scheme: "legacy", deliveryId: null, timestampMs: verdict.timestampMs };
  return verdict;
}

function parseLegacyEntry(entry: string): Candidate | null {
  const parts = entry.split(";");
  if (parts.length !== 4) return null;
  const [scheme, version, timestamp, digest] = parts as [string, string, string, string];
  if (scheme !== "hmac" || version !== "1" || digest === "") return null;
  // OpenPhone sends Unix milliseconds (13 digits); seconds (up to 11 digits) are accepted too.
  // 12 digits is neither a plausible millisecond nor second timestamp.
  let timestampMs: number;
  if (/^\d{13}$/.test(timestamp)) timestampMs = Number(timestamp);
  else if (/^\d{1,11}$/.test(timestamp)) timestampMs = Number(timestamp) * 1000;
  else return null;
  return { timestampMs, signedTimestamp: timestamp, digest };
}

function verifyStandard(
  keys: readonly SigningKey[],
  headers: HeaderSource,
  signatureValue: string,
  rawBody: RawBody,
  nowMs: number,
  toleranceMs: number,
): VerifyResult {
  const id = readHeader(headers, STANDARD_ID_HEADER)?.trim() ?? "";
  const timestamp = readHeader(headers, STANDARD_TIMESTAMP_HEADER)?.trim() ?? "";
  if (id === "" || !/^\d{1,11}$/.test(timestamp)) return { ok: false, reason: "malformed_signature" };

  const candidates: Candidate[] = [];
  for (const token of signatureValue.split(/\s+/)) {
    // A repeated header arrives joined with ", ", which leaves a trailing comma on the earlier entry.
    const entry = token.replace(/,$/, "");
    const comma = entry.indexOf(",");
    if (comma === -1) continue;
    // Other versions (e.g. v1a, asymmetric) are allowed by the spec; we only verify v1.
    if (entry.slice(0, comma) !== "v1") continue;
    const digest = entry.slice(comma + 1);
    if (digest === "") continue;
    candidates.push({ timestampMs: Number(timestamp) * 1000, signedTimestamp: timestamp, digest });
  }
  const verdict = checkCandidates(keys, candidates, nowMs, toleranceMs, (c) => [`${id}.${c.signedTimestamp}.`, rawBody]);
  if (verdict.ok) return { ok: true, scheme: "standard", deliveryId: id, timestampMs: verdict.timestampMs };
  return verdict;
}

function checkCandidates(
  keys: readonly SigningKey[],
  candidates: readonly Candidate[],
  nowMs: number,
  toleranceMs: number,
  signedParts: (c: Candidate) => RawBody[],
): { ok: true; timestampMs: number } | { ok: false; reason: "malformed_signature" | "timestamp_out_of_range" | "signature_mismatch" } {
  if (candidates.length === 0) return { ok: false, reason: "malformed_signature" };
  const fresh = candidates.filter((c) => Math.abs(nowMs - c.timestampMs) <= toleranceMs).slice(0, MAX_SIGNATURES_CHECKED);
  if (fresh.length === 0) return { ok: false, reason: "timestamp_out_of_range" };

  const digestCache = new Map<string, Buffer[]>();
  for (const candidate of fresh) {
    const received = decodeBase64Digest(candidate.digest);
    if (received === null) continue;
    let expected = digestCache.get(candidate.signedTimestamp);
    if (expected === undefined) {
      const parts = signedParts(candidate);
      expected = keys.map((key) => key.digest(parts));
      digestCache.set(candidate.signedTimestamp, expected);
    }
    for (const digest of expected) {
      if (timingSafeEqual(digest, received)) return { ok: true, timestampMs: candidate.timestampMs };
    }
  }
  return { ok: false, reason: "signature_mismatch" };
}

/** Strict base64 of exactly one digest; anything else (hex, truncated, junk) simply cannot match. */
function decodeBase64Digest(value: string): Buffer | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return null;
  const bytes = Buffer.from(value, "base64");
  return bytes.length === DIGEST_BYTES ? bytes : null;
}

function readHeader(headers: HeaderSource, name: string): string | null {
  if (isFetchHeaders(headers)) return headers.get(name);
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    // Same joining as the Fetch API does for a repeated header.
    return typeof value === "string" ? value : value.join(", ");
  }
  return null;
}

// Duck-typed: Headers from another realm or from undici are not `instanceof` this realm's Headers.
function isFetchHeaders(headers: HeaderSource): headers is Headers {
  return typeof (headers as { get?: unknown }).get === "function";
}

function requireKey(secret: string): SigningKey {
  const key = SigningKey.fromSecret(secret);
  if (key === null) throw new Error("Signing secret is empty");
  return key;
}

/** The `openphone-signature` header value OpenPhone would send for this body (tests and the simulator). */
export function signLegacy({
  secret,
  rawBody,
  timestampMs,
}: {
  secret: string;
  rawBody: RawBody;
  timestampMs: number;
}): string {
  const timestamp = String(Math.trunc(timestampMs));
  const digest = requireKey(secret).digest([timestamp, ".", rawBody]).toString("base64");
  return `hmac;1;${timestamp};${digest}`;
}

/** The Standard Webhooks headers the 2026-03-30 API would send for this body (tests and the simulator). */
export function signStandard({
  secret,
  rawBody,
  id,
  timestampSeconds,
}: {
  secret: string;
  rawBody: RawBody;
  id: string;
  timestampSeconds: number;
}): Record<"webhook-id" | "webhook-timestamp" | "webhook-signature", string> {
  const timestamp = String(Math.trunc(timestampSeconds));
  const digest = requireKey(secret).digest([`${id}.${timestamp}.`, rawBody]).toString("base64");
  return {
    "webhook-id": id,
    "webhook-timestamp": timestamp,
    "webhook-signature": `v1,${digest}`,
  };
}
