import fs from "node:fs";
import path from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  prepareSecrets,
  signLegacy,
  signStandard,
  SigningKey,
  verifyWebhookSignature,
  type VerifyResult,
} from "@/lib/openphone/signature";

const vectorsSchema = z.object({
  cases: z.array(
    z.object({
      name: z.string(),
      secrets: z.array(z.string()),
      headers: z.record(z.string(), z.string()),
      body: z.string(),
      nowMs: z.number(),
      expect: z.object({ ok: z.boolean(), reason: z.string().optional() }),
    }),
  ),
});
const vectors = vectorsSchema.parse(
  JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "../fixtures/openphone/signature-vectors.json"), "utf8")),
).cases;

/** What a vector's verdict must look like; successful legacy/standard cases also name their scheme. */
function expectedVerdict(vector: (typeof vectors)[number]): Partial<VerifyResult> {
  if (!vector.expect.ok) return { ok: false, reason: vector.expect.reason as never };
  const standard = Object.keys(vector.headers).some((h) => h.toLowerCase() === "webhook-signature");
  return standard
    ? { ok: true, scheme: "standard", deliveryId: vector.headers["webhook-id"] ?? null }
    : { ok: true, scheme: "legacy", deliveryId: null };
}

const SECRET = "ZXhhbXBsZS1zaWduaW5nLXNlY3JldC1BLTAxMjM0NTY3ODk=";
const HIGH_BYTE_SECRET = "/4ABAgP+fxCqVcMAnkLhBw==";
const WHSEC = "whsec_c3RhbmRhcmQtd2ViaG9va3Mtc2VjcmV0LTA5ODc2NTQzMjE=";
const NOW = 1_777_906_931_000;
const BODY = JSON.stringify({ id: "EVtest", object: "event", type: "message.received", data: { object: { body: "héllo 📷" } } });

describe("signature vectors", () => {
  it("has the vectors", () => {
    expect(vectors.length).toBeGreaterThanOrEqual(20);
  });

  it.each(vectors)("$name", (vector) => {
    const result = verifyWebhookSignature({
      secrets: vector.secrets,
      headers: vector.headers,
      rawBody: vector.body,
      nowMs: vector.nowMs,
    });
    expect(result).toMatchObject(expectedVerdict(vector));
  });

  it.each(vectors)("same verdict with a Headers object, a Buffer body and prepared keys: $name", (vector) => {
    const result = verifyWebhookSignature({
      secrets: prepareSecrets(vector.secrets),
      headers: new Headers(vector.headers),
      rawBody: Buffer.from(vector.body, "utf8"),
      nowMs: vector.nowMs,
    });
    expect(result).toMatchObject(expectedVerdict(vector));
  });
});

describe("signLegacy round trip", () => {
  it("verifies a millisecond timestamp and reports it", () => {
    const header = signLegacy({ secret: SECRET, rawBody: BODY, timestampMs: NOW - 1500 });
    expect(header).toMatch(/^hmac;1;1777906929500;[A-Za-z0-9+/]{43}=$/);
    expect(
      verifyWebhookSignature({ secrets: [SECRET], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }),
    ).toEqual({ ok: true, scheme: "legacy", deliveryId: null, timestampMs: NOW - 1500 });
  });

  it("verifies a seconds timestamp and reports it in milliseconds", () => {
    const header = signLegacy({ secret: SECRET, rawBody: BODY, timestampMs: 1_777_906_929 });
    expect(
      verifyWebhookSignature({ secrets: [SECRET], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }),
    ).toEqual({ ok: true, scheme: "legacy", deliveryId: null, timestampMs: 1_777_906_929_000 });
  });

  it("uses the decoded key bytes, including bytes above 0x7f", () => {
    const header = signLegacy({ secret: HIGH_BYTE_SECRET, rawBody: BODY, timestampMs: NOW });
    expect(
      verifyWebhookSignature({ secrets: [HIGH_BYTE_SECRET], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }).ok,
    ).toBe(true);
    expect(
      verifyWebhookSignature({ secrets: [SECRET], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }),
    ).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("signs raw bytes, not a re-encoding of them", () => {
    // Not valid UTF-8: decoding to a string and back would change the bytes.
    const bytes = Uint8Array.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    const header = signLegacy({ secret: SECRET, rawBody: bytes, timestampMs: NOW });
    const headers = { "openphone-signature": header };
    expect(verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: bytes, nowMs: NOW }).ok).toBe(true);
    expect(verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: Buffer.from(bytes), nowMs: NOW }).ok).toBe(true);
    expect(
      verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: Buffer.from(bytes).toString("utf8"), nowMs: NOW }),
    ).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("a string body is hashed as UTF-8, matching the same body as bytes", () => {
    const header = signLegacy({ secret: SECRET, rawBody: Buffer.from(BODY, "utf8"), timestampMs: NOW });
    expect(verifyWebhookSignature({ secrets: [SECRET], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
  });

  it("accepts a whsec_-prefixed secret for the legacy scheme", () => {
    const header = signLegacy({ secret: WHSEC, rawBody: BODY, timestampMs: NOW });
    expect(verifyWebhookSignature({ secrets: [WHSEC], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
  });
});

describe("legacy header handling", () => {
  const sign = (timestampMs: number, secret = SECRET) => signLegacy({ secret, rawBody: BODY, timestampMs });
  const verify = (header: string, options: { nowMs?: number; toleranceSeconds?: number; secrets?: string[] } = {}) =>
    verifyWebhookSignature({
      secrets: options.secrets ?? [SECRET],
      headers: { "openphone-signature": header },
      rawBody: BODY,
      nowMs: options.nowMs ?? NOW,
      toleranceSeconds: options.toleranceSeconds,
    });

  it("accepts exactly the tolerance and rejects one millisecond beyond, in both directions", () => {
    expect(verify(sign(NOW - 300_000)).ok).toBe(true);
    expect(verify(sign(NOW + 300_000)).ok).toBe(true);
    expect(verify(sign(NOW - 300_001))).toEqual({ ok: false, reason: "timestamp_out_of_range" });
    expect(verify(sign(NOW + 300_001))).toEqual({ ok: false, reason: "timestamp_out_of_range" });
  });

  it("honours a custom tolerance", () => {
    expect(verify(sign(NOW - 20_000), { toleranceSeconds: 10 })).toEqual({ ok: false, reason: "timestamp_out_of_range" });
    expect(verify(sign(NOW - 20_000), { toleranceSeconds: 30 }).ok).toBe(true);
  });

  it("accepts a valid signature next to a malformed one", () => {
    expect(verify(`garbage,${sign(NOW)}`).ok).toBe(true);
    expect(verify(`${sign(NOW)}, hmac;1;nope;AAAA`).ok).toBe(true);
  });

  it("accepts a fresh signature next to a stale one, and reports the fresh timestamp", () => {
    expect(verify(`${sign(NOW - 3_600_000)},${sign(NOW - 10)}`)).toEqual({
      ok: true,
      scheme: "legacy",
      deliveryId: null,
      timestampMs: NOW - 10,
    });
  });

  it("reports out of range only when every signature is stale", () => {
    expect(verify(`${sign(NOW - 3_600_000)},${sign(NOW + 3_600_000)}`)).toEqual({ ok: false, reason: "timestamp_out_of_range" });
  });

  it.each([
    ["empty value", ""],
    ["only commas", " , ,"],
    ["empty digest", "hmac;1;1777906929800;"],
    ["version 2", `hmac;2;1777906929800;${sign(NOW).split(";")[3]}`],
    ["five fields", `hmac;1;1777906929800;AAAA;extra`],
    ["12-digit timestamp", "hmac;1;177790692980;AAAA"],
    ["14-digit timestamp", "hmac;1;17779069298000;AAAA"],
    ["negative timestamp", "hmac;1;-1777906929800;AAAA"],
    ["fractional timestamp", "hmac;1;1777906929.8;AAAA"],
  ])("malformed: %s", (_label, header) => {
    expect(verify(header)).toEqual({ ok: false, reason: "malformed_signature" });
  });

  it.each([
    ["non-base64 characters", "hmac;1;1777906929800;!!!!not*base64!!!!"],
    ["truncated digest", `hmac;1;1777906929800;${sign(NOW).split(";")[3]?.slice(0, 20)}`],
    ["digest with extra bytes", `hmac;1;1777906929800;${Buffer.alloc(48, 1).toString("base64")}`],
    ["right length, wrong bytes", `hmac;1;1777906929800;${Buffer.alloc(32, 7).toString("base64")}`],
  ])("mismatch, never a throw: %s", (_label, header) => {
    expect(verify(header)).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("only checks the first few fresh signatures, so a stuffed header cannot make us hash the body hundreds of times", () => {
    const junk = Array.from({ length: 50 }, (_, i) => `hmac;1;${NOW - i};${Buffer.alloc(32, i).toString("base64")}`);
    expect(verify([...junk, sign(NOW)].join(","))).toEqual({ ok: false, reason: "signature_mismatch" });
    expect(verify([sign(NOW), ...junk].join(",")).ok).toBe(true);
  });

  it("reads Node-style headers with array values and mixed-case names", () => {
    const result = verifyWebhookSignature({
      secrets: [SECRET],
      headers: { "OPENPHONE-SIGNATURE": ["hmac;1;1;AAAA", sign(NOW)], host: "example.test" },
      rawBody: BODY,
      nowMs: NOW,
    });
    expect(result.ok).toBe(true);
  });

  it("reads a repeated header from a Headers object", () => {
    const headers = new Headers();
    headers.append("openphone-signature", sign(NOW, HIGH_BYTE_SECRET));
    headers.append("openphone-signature", sign(NOW));
    expect(verifyWebhookSignature({ secrets: [SECRET], headers, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
  });
});

describe("signStandard round trip", () => {
  it("produces the three headers and verifies with the delivery id", () => {
    const headers = signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_abc", timestampSeconds: 1_777_906_930 });
    expect(headers["webhook-id"]).toBe("msg_abc");
    expect(headers["webhook-timestamp"]).toBe("1777906930");
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifyWebhookSignature({ secrets: [WHSEC], headers, rawBody: BODY, nowMs: NOW })).toEqual({
      ok: true,
      scheme: "standard",
      deliveryId: "msg_abc",
      timestampMs: 1_777_906_930_000,
    });
  });

  it("treats a secret with and without the whsec_ prefix as the same key", () => {
    const headers = signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 });
    expect(verifyWebhookSignature({ secrets: [WHSEC.slice("whsec_".length)], headers, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
  });

  it("accepts a legacy (unprefixed) secret for the standard scheme", () => {
    const headers = signStandard({ secret: SECRET, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 });
    expect(verifyWebhookSignature({ secrets: [HIGH_BYTE_SECRET, SECRET], headers, rawBody: BODY, nowMs: NOW }).ok).toBe(true);
  });

  it("prefers the standard headers when both schemes are present", () => {
    const headers = {
      ...signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 }),
      "openphone-signature": "hmac;1;1;AAAA",
    };
    expect(verifyWebhookSignature({ secrets: [WHSEC], headers, rawBody: BODY, nowMs: NOW })).toMatchObject({
      ok: true,
      scheme: "standard",
    });
  });

  it("binds the id, the timestamp and the body", () => {
    const headers = signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 });
    const verify = (h: Record<string, string>, body = BODY) =>
      verifyWebhookSignature({ secrets: [WHSEC], headers: h, rawBody: body, nowMs: NOW });
    expect(verify({ ...headers, "webhook-id": "msg_2" })).toEqual({ ok: false, reason: "signature_mismatch" });
    expect(verify({ ...headers, "webhook-timestamp": String(NOW / 1000 - 1) })).toEqual({ ok: false, reason: "signature_mismatch" });
    expect(verify(headers, `${BODY} `)).toEqual({ ok: false, reason: "signature_mismatch" });
  });

  it("rejects stale and future timestamps", () => {
    for (const offset of [-301, 301]) {
      const headers = signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 + offset });
      expect(verifyWebhookSignature({ secrets: [WHSEC], headers, rawBody: BODY, nowMs: NOW })).toEqual({
        ok: false,
        reason: "timestamp_out_of_range",
      });
    }
  });

  it("skips signature versions it does not know and tolerates a comma-joined repeated header", () => {
    const headers = signStandard({ secret: WHSEC, rawBody: BODY, id: "msg_1", timestampSeconds: NOW / 1000 });
    const signature = `v1a,AAAA v1,${Buffer.alloc(32).toString("base64")}, ${headers["webhook-signature"]}`;
    expect(
      verifyWebhookSignature({ secrets: [WHSEC], headers: { ...headers, "webhook-signature": signature }, rawBody: BODY, nowMs: NOW }).ok,
    ).toBe(true);
  });

  it.each([
    ["missing webhook-id", { "webhook-timestamp": "1777906930", "webhook-signature": "v1,AAAA" }],
    ["missing webhook-timestamp", { "webhook-id": "msg_1", "webhook-signature": "v1,AAAA" }],
    ["non-numeric timestamp", { "webhook-id": "msg_1", "webhook-timestamp": "soon", "webhook-signature": "v1,AAAA" }],
    ["millisecond timestamp", { "webhook-id": "msg_1", "webhook-timestamp": "1777906930000", "webhook-signature": "v1,AAAA" }],
    ["no v1 entry", { "webhook-id": "msg_1", "webhook-timestamp": "1777906930", "webhook-signature": "v2,AAAA v1a,BBBB" }],
    ["empty v1 entry", { "webhook-id": "msg_1", "webhook-timestamp": "1777906930", "webhook-signature": "v1," }],
    ["no comma", { "webhook-id": "msg_1", "webhook-timestamp": "1777906930", "webhook-signature": "AAAA" }],
  ])("malformed: %s", (_label, headers) => {
    expect(verifyWebhookSignature({ secrets: [WHSEC], headers, rawBody: BODY, nowMs: NOW })).toEqual({
      ok: false,
      reason: "malformed_signature",
    });
  });

  it("does not treat webhook-id alone as a signature", () => {
    expect(
      verifyWebhookSignature({ secrets: [WHSEC], headers: { "webhook-id": "msg_1", "webhook-timestamp": "1" }, rawBody: BODY, nowMs: NOW }),
    ).toEqual({ ok: false, reason: "missing_signature" });
  });
});

describe("secrets", () => {
  it("reports no secret before looking at the request", () => {
    expect(verifyWebhookSignature({ secrets: [], headers: {}, rawBody: BODY, nowMs: NOW })).toEqual({
      ok: false,
      reason: "no_secret_configured",
    });
  });

  it("ignores empty secrets", () => {
    expect(prepareSecrets(["", "   ", "whsec_", SECRET])).toHaveLength(1);
    const header = signLegacy({ secret: SECRET, rawBody: BODY, timestampMs: NOW });
    expect(verifyWebhookSignature({ secrets: ["", " "], headers: { "openphone-signature": header }, rawBody: BODY, nowMs: NOW })).toEqual({
      ok: false,
      reason: "no_secret_configured",
    });
  });

  it("refuses to sign with an empty secret, without echoing anything secret", () => {
    expect(() => signLegacy({ secret: " ", rawBody: BODY, timestampMs: NOW })).toThrow("Signing secret is empty");
  });

  const secretForms = (secret: string): string[] => {
    const encoded = secret.replace(/^whsec_/, "");
    const bytes = Buffer.from(encoded, "base64");
    return [secret, encoded, bytes.toString("hex"), bytes.toString("latin1"), bytes.toString("base64url")];
  };

  it("never puts a secret in a result, for any vector", () => {
    for (const vector of vectors) {
      const result = verifyWebhookSignature({ secrets: vector.secrets, headers: vector.headers, rawBody: vector.body, nowMs: vector.nowMs });
      const serialised = `${JSON.stringify(result)} ${inspect(result, { depth: null, showHidden: true })}`;
      for (const secret of vector.secrets) {
        for (const form of secretForms(secret)) expect(serialised).not.toContain(form);
      }
    }
  });

  it("never prints a prepared key when it is logged or serialised", () => {
    const keys = prepareSecrets([SECRET, WHSEC, HIGH_BYTE_SECRET]);
    expect(keys.every((k) => k instanceof SigningKey)).toBe(true);
    const printed = [JSON.stringify(keys), inspect(keys, { depth: null, showHidden: true }), String(keys[0]), `${Object.values(keys[0] ?? {})}`].join(" ");
    for (const secret of [SECRET, WHSEC, HIGH_BYTE_SECRET]) {
      for (const form of secretForms(secret)) expect(printed).not.toContain(form);
    }
  });
});
