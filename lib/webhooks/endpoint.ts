import { isAddressLiteral, isPublicAddress } from "../net/public-address";

/** Where OpenPhone must deliver webhooks; keeps any path prefix of the public base URL (e.g. behind a proxy). */
export const WEBHOOK_PATH = "/api/webhooks/openphone";

export function webhookEndpointUrl(baseUrl: string): string {
  return `${baseUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`;
}

/**
 * OpenPhone delivers over the internet: a localhost, private-network or link-local base URL cannot
 * receive it. Address literals are classified by value (every spelling: ::ffff:127.0.0.1, 0177.0.0.1…).
 */
export function isLocalUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (isAddressLiteral(host)) return !isPublicAddress(host);
  // Names that only resolve inside a machine or a network (RFC 6761, mDNS, common internal zones).
  return host === "localhost" || /\.(localhost|local|internal|lan|home\.arpa)$/.test(host) || !host.includes(".");
}
