import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createGuardedFetch, type Resolve } from "@/lib/media/guarded-fetch";
import { proxyMedia, type MediaSource, type ProxyDeps } from "@/lib/media/proxy";
import { mediaUrlProblem } from "@/lib/media/upstream-policy";
import { isPublicAddress } from "@/lib/net/public-address";
import { isLocalUrl } from "@/lib/webhooks/endpoint";

const ALLOWED = ["*.openphone.com", "media.example.test"];
const source = (url: string): MediaSource => ({ url, contentType: "audio/mpeg", size: null });

describe("isPublicAddress", () => {
  it.each([
    "127.0.0.1",
    "127.9.9.9",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.0.10",
    "169.254.169.254", // cloud metadata
    "100.64.0.1", // CGNAT
    "100.100.100.200", // Alibaba metadata (CGNAT)
    "0.0.0.0",
    "255.255.255.255",
    "224.0.0.1",
    "::1",
    "::",
    "fe80::1",
    "fd00:ec2::254", // AWS metadata over IPv6 (ULA)
    "fc00::5",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a9fe:a9fe", // NAT64 of 169.254.169.254
    "2002:7f00:1::", // 6to4 of 127.0.0.1
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "::ffff:93.184.216.34"])("accepts %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe("isLocalUrl (webhook base URL)", () => {
  it.each([
    "http://[::1]:3000/x",
    "http://[::ffff:127.0.0.1]/x",
    "http://169.254.169.254/x",
    "http://100.64.1.1/x",
    "http://[fd12::1]/x",
    "http://[fe80::1]/x",
    "http://0177.0.0.1/x",
    "http://printer.local/x",
  ])("%s is local", (url) => {
    expect(isLocalUrl(url)).toBe(true);
  });
});

describe("mediaUrlProblem", () => {
  it("allows https on the configured hosts only", () => {
    expect(mediaUrlProblem(new URL("https://files.openphone.com/a.mp3"), ALLOWED)).toBeNull();
    expect(mediaUrlProblem(new URL("https://media.example.test/a.mp3"), ALLOWED)).toBeNull();
    expect(mediaUrlProblem(new URL("http://files.openphone.com/a.mp3"), ALLOWED)).toMatch(/https/);
    expect(mediaUrlProblem(new URL("https://openphone.com.evil.test/a.mp3"), ALLOWED)).toMatch(/not an allowed media host/);
    expect(mediaUrlProblem(new URL("https://evilopenphone.com/a.mp3"), ALLOWED)).toMatch(/not an allowed media host/);
  });

  it("refuses private and loopback addresses even when listed, unless a loopback address is listed literally", () => {
    expect(mediaUrlProblem(new URL("https://10.0.0.5/a.mp3"), ["10.0.0.5"])).toMatch(/address/);
    expect(mediaUrlProblem(new URL("https://169.254.169.254/latest"), ["169.254.169.254"])).toMatch(/address/);
    expect(mediaUrlProblem(new URL("http://127.0.0.1:4010/a.mp3"), ALLOWED)).toMatch(/https|allowed/);
    // Tests and the demo CDN: loopback and plain http only when a loopback host is configured literally.
    expect(mediaUrlProblem(new URL("http://127.0.0.1:4010/a.mp3"), ["127.0.0.1"])).toBeNull();
    expect(mediaUrlProblem(new URL("http://127.0.0.1:4010/a.mp3"), ["127.0.0.1:4011"])).toMatch(/allowed/);
  });
});

/** A fake fetch: a table of URL → response. */
function upstream(routes: Record<string, () => Response>) {
  return vi.fn(async (url: URL | RequestInfo, init?: RequestInit) => {
    expect(init?.redirect).toBe("manual");
    const route = routes[String(url)];
    return route ? route() : new Response("no route", { status: 404 });
  });
}
const redirect = (location: string) => () => new Response(null, { status: 302, headers: { location } });
const deps = (fetch: ReturnType<typeof upstream>, extra: Partial<ProxyDeps> = {}): ProxyDeps => ({ fetch: fetch as ProxyDeps["fetch"], allowedHosts: ALLOWED, ...extra });

describe("proxyMedia: every redirect hop is checked", () => {
  it("refuses a non-allowed host without fetching", async () => {
    const fetch = upstream({});
    const response = await proxyMedia(source("https://internal.example.net/x"), new Headers(), deps(fetch));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("refused_upstream_url");
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(["http://127.0.0.1:8080/admin", "https://169.254.169.254/latest/meta-data/", "https://internal.example.net/", "http://files.openphone.com/x"])(
    "refuses a redirect to %s",
    async (target) => {
      const fetch = upstream({ "https://files.openphone.com/a.mp3": redirect(target), [target]: () => new Response("internal secret") });
      const response = await proxyMedia(source("https://files.openphone.com/a.mp3"), new Headers(), deps(fetch));
      expect(response.status).toBe(502);
      const text = await response.text();
      expect(JSON.parse(text).error).toBe("refused_upstream_url");
      expect(text).not.toContain("internal secret");
      expect(fetch).toHaveBeenCalledTimes(1);
    },
  );

  it("follows a redirect to an allowed host (relative Location too)", async () => {
    const fetch = upstream({
      "https://files.openphone.com/a.mp3": redirect("https://media.example.test/b.mp3"),
      "https://media.example.test/b.mp3": redirect("/c.mp3"),
      "https://media.example.test/c.mp3": () => new Response("audio", { headers: { "content-type": "audio/mpeg", "content-length": "5" } }),
    });
    const response = await proxyMedia(source("https://files.openphone.com/a.mp3"), new Headers(), deps(fetch));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("audio");
  });

  it("gives up after a few redirects", async () => {
    const fetch = upstream({ "https://files.openphone.com/a": redirect("https://files.openphone.com/b"), "https://files.openphone.com/b": redirect("https://files.openphone.com/a") });
    const response = await proxyMedia(source("https://files.openphone.com/a"), new Headers(), deps(fetch));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("too_many_redirects");
    expect(fetch.mock.calls.length).toBeLessThanOrEqual(6);
  });
});

describe("proxyMedia: an upstream that ignores Range", () => {
  const SIZE = 5000;
  const FILE = Uint8Array.from({ length: SIZE }, (_, i) => i % 253);

  it("streams the requested slice without reading the whole file into memory", async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= SIZE) return controller.close();
        controller.enqueue(FILE.slice(pulled, pulled + 100));
        pulled += 100;
      },
    });
    const fetch = upstream({ "https://files.openphone.com/big.mp3": () => new Response(body, { headers: { "content-type": "audio/mpeg", "content-length": String(SIZE) } }) });
    const response = await proxyMedia(source("https://files.openphone.com/big.mp3"), new Headers({ range: "bytes=100-299" }), deps(fetch));
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 100-299/${SIZE}`);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(FILE.slice(100, 300));
    // Reading stopped at the end of the slice (plus at most a chunk or two of look-ahead).
    expect(pulled).toBeLessThan(1000);
  });

  it("refuses an upstream file larger than the cap", async () => {
    const fetch = upstream({ "https://files.openphone.com/huge.mp3": () => new Response("x", { headers: { "content-length": String(10 ** 12) } }) });
    const response = await proxyMedia(source("https://files.openphone.com/huge.mp3"), new Headers(), deps(fetch, { maxBodyBytes: 1000 }));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("upstream_too_large");
  });

  it("cuts off a stream of unknown length at the cap", async () => {
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(400));
      },
    });
    const fetch = upstream({ "https://files.openphone.com/endless": () => new Response(body, { headers: { "content-type": "audio/mpeg" } }) });
    const response = await proxyMedia(source("https://files.openphone.com/endless"), new Headers(), deps(fetch, { maxBodyBytes: 1000 }));
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow(/cap|large/);
  });
});

describe("createGuardedFetch: connects only to checked addresses", () => {
  let server: http.Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      hits++;
      res.writeHead(200, { "content-type": "text/plain" }).end("internal body");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const resolveTo =
    (...addresses: string[]): Resolve =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

  it("refuses a name that resolves to a loopback or private address", async () => {
    for (const addresses of [["127.0.0.1"], ["93.184.216.34", "127.0.0.1"], ["10.0.0.1"]]) {
      const fetch = createGuardedFetch({ allowedHosts: ["media.attacker.test"], resolve: resolveTo(...addresses) });
      await expect(fetch(new URL(`http://media.attacker.test:${port}/`), { headers: {}, signal: AbortSignal.timeout(5000) })).rejects.toThrow(/refused/);
    }
    expect(hits).toBe(0);
  });

  it("fetches a loopback server only when that loopback address is configured literally", async () => {
    const fetch = createGuardedFetch({ allowedHosts: ["127.0.0.1"], resolve: resolveTo("10.0.0.1") });
    const response = await fetch(new URL(`http://127.0.0.1:${port}/x`), { headers: {}, signal: AbortSignal.timeout(5000) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("internal body");
    expect(hits).toBe(1);
  });
});
