import { randomUUID } from "node:crypto";
import { signLegacy, signStandard } from "../openphone/signature";

export type SignatureStyle = "legacy" | "standard";

/** The headers OpenPhone would send with this exact body. */
export function signedHeaders(
  rawBody: string,
  options: { secret: string; style?: SignatureStyle; nowMs?: number; deliveryId?: string },
): Record<string, string> {
  const nowMs = options.nowMs ?? Date.now();
  const base = { "content-type": "application/json", "user-agent": "openphone-inbox-simulator" };
  if ((options.style ?? "legacy") === "standard") {
    const id = options.deliveryId ?? `msg_${randomUUID()}`;
    return { ...base, ...signStandard({ secret: options.secret, rawBody, id, timestampSeconds: Math.floor(nowMs / 1000) }) };
  }
  return { ...base, "openphone-signature": signLegacy({ secret: options.secret, rawBody, timestampMs: nowMs }) };
}
