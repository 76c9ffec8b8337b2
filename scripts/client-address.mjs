// Who is the client? Decided from the TCP socket, before Next sees the request: Next only fills
// X-Forwarded-For when the request has none, so without this a client picks its own address.
// TRUSTED_PROXY_HOPS=0 (no proxy): forwarded headers are dropped, the socket address is the client.
// N: the Nth X-Forwarded-For entry from the right (the address the outermost trusted proxy saw).
// The result is written as the only X-Forwarded-For entry, which lib/auth reads.

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip", "forwarded"];

/**
 * @param {Record<string, string | string[] | undefined>} headers Node's incoming headers (changed in place)
 * @param {string | undefined} socketAddress
 * @param {number} hops
 */
export function applyClientAddress(headers, socketAddress, hops) {
  const forwarded = [headers["x-forwarded-for"] ?? []]
    .flat()
    .flatMap((value) => value.split(","))
    .map((entry) => entry.trim())
    .filter(Boolean);
  let client = socketAddress;
  if (hops > 0 && forwarded.length >= hops) client = forwarded[forwarded.length - hops];
  if (hops === 0) for (const name of FORWARDED_HEADERS) delete headers[name];
  headers["x-forwarded-for"] = (client ?? "unknown").replace(/^::ffff:/, "");
}
