import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { Readable } from "node:stream";
import { isAddressLiteral, isLoopbackAddress, isPublicAddress } from "../net/public-address";
import { isLoopbackHost, mediaUrlProblem } from "./upstream-policy";

export type Resolve = (hostname: string) => Promise<{ address: string; family: number }[]>;

/** What the media proxy needs of fetch: one GET, no redirect following (the proxy checks each hop). */
export type MediaFetch = (url: URL, init: { headers: Record<string, string>; signal: AbortSignal; redirect?: "manual" }) => Promise<Response>;

/** The URL or the address its name resolves to is not allowed; nothing was sent. */
export class RefusedUpstreamError extends Error {}

const systemResolve: Resolve = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });

/**
 * A fetch for media upstreams that resolves the host name itself, refuses the request when any
 * address is not public, and then connects to exactly the address it checked (so a DNS answer
 * that changes between check and connect, "DNS rebinding", cannot reach an internal service).
 */
export function createGuardedFetch(options: { allowedHosts: readonly string[]; resolve?: Resolve }): MediaFetch {
  const resolve = options.resolve ?? systemResolve;
  return async (url, init) => {
    const problem = mediaUrlProblem(url, options.allowedHosts);
    if (problem) throw new RefusedUpstreamError(`refused: ${problem}`);
    const host = url.hostname.toLowerCase();
    let lookup: LookupFunction | undefined;
    if (!isAddressLiteral(host)) {
      const addresses = await resolve(host);
      const allowLoopback = isLoopbackHost(host);
      const usable = (address: string) => isPublicAddress(address) || (allowLoopback && isLoopbackAddress(address));
      if (addresses.length === 0 || !addresses.every((a) => usable(a.address))) throw new RefusedUpstreamError(`refused: ${host} resolves to a non-public address`);
      const { address, family } = addresses[0]!;
      lookup = (_hostname, lookupOptions, callback) => {
        if (lookupOptions.all) (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
        else callback(null, address, family);
      };
    }
    return request(url, init, lookup);
  };
}

function request(url: URL, init: { headers: Record<string, string>; signal: AbortSignal }, lookup: LookupFunction | undefined): Promise<Response> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === "https:" ? https : http;
    const req = client.request(url, { method: "GET", headers: init.headers, signal: init.signal, agent: false, ...(lookup ? { lookup } : {}) }, (res) => {
      try {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (Array.isArray(value)) for (const v of value) headers.append(name, v);
          else if (value !== undefined) headers.set(name, value);
        }
        const status = res.statusCode ?? 502;
        const bodyless = status === 204 || status === 205 || status === 304;
        if (bodyless) res.resume();
        resolve(new Response(bodyless ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), { status, headers }));
      } catch (error) {
        res.destroy();
        reject(error);
      }
    });
    req.on("error", reject);
    req.end();
  });
}
