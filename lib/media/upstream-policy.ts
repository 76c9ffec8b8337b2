import { isAddressLiteral, isLoopbackAddress, isPublicAddress } from "../net/public-address";

/**
 * Which upstream URLs the media proxy may fetch: https on a host of MEDIA_ALLOWED_HOSTS (`host`,
 * `*.domain`, optionally `:port`), never a non-public address. A loopback host (127.0.0.1, [::1],
 * localhost) is fetched, over http too, only when an entry names it literally: the demo and tests
 * serve media from a local server; production never lists one.
 */

/**
 * Checked when a webhook arrives (lib/openphone/events.ts): a media URL must be an absolute http(s)
 * URL without credentials. Hosts and addresses are checked when the proxy fetches (above): the
 * allow-list and DNS answers can change after an event is stored.
 */
export function isMediaUrlShape(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (url.protocol === "https:" || url.protocol === "http:") && url.username === "" && url.password === "" && url.hostname !== "";
}

/** Why this URL must not be fetched, or null when it may be (its DNS answer is checked at connect time). */
export function mediaUrlProblem(url: URL, allowedHosts: readonly string[]): string | null {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === "http:" ? "80" : "443");
  if (!allowedHosts.some((entry) => entryMatches(entry, host, port))) return `${host} is not an allowed media host (MEDIA_ALLOWED_HOSTS)`;
  const loopback = isLoopbackHost(host);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) return "media URLs must use https";
  if (isAddressLiteral(host) && !isPublicAddress(host) && !loopback) return `the address ${host} is not public`;
  return null;
}

/** A loopback literal or localhost: only reachable when named in MEDIA_ALLOWED_HOSTS itself. */
export function isLoopbackHost(host: string): boolean {
  return host === "localhost" || isLoopbackAddress(host);
}

function entryMatches(entry: string, host: string, port: string): boolean {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(entry.trim().toLowerCase());
  if (!match) return false;
  const [, pattern, entryPort] = match;
  if (entryPort && entryPort !== port) return false;
  if (pattern!.startsWith("*.")) return host.endsWith(pattern!.slice(1)) && host.length > pattern!.length - 1;
  return pattern === host;
}
