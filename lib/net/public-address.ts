import ipaddr from "ipaddr.js";

/**
 * Address classification for outgoing requests (media proxy) and for "can OpenPhone reach this
 * URL?" hints. Uses ipaddr.js's maintained range tables instead of hand-written patterns, so every
 * spelling of an address (IPv4-mapped IPv6, NAT64, 6to4, …) is classified by its numeric value.
 */

function parse(address: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = address.replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare)) return null;
  // ::ffff:a.b.c.d is the IPv4 address a.b.c.d.
  return ipaddr.process(bare);
}

/**
 * True only for globally routable unicast addresses: not loopback, RFC 1918, link-local (which
 * holds the cloud metadata address 169.254.169.254), CGNAT, ULA (fd00:ec2::254), multicast,
 * unspecified, or an IPv6 form that embeds an IPv4 address (NAT64, 6to4, Teredo).
 */
export function isPublicAddress(address: string): boolean {
  const ip = parse(address);
  return ip !== null && ip.range() === "unicast";
}

export function isLoopbackAddress(address: string): boolean {
  const ip = parse(address);
  return ip !== null && ip.range() === "loopback";
}

/** An address literal (IPv4, or IPv6 with or without brackets)? */
export function isAddressLiteral(host: string): boolean {
  return parse(host) !== null;
}
