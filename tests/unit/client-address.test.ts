import { describe, expect, it } from "vitest";
import { applyClientAddress } from "../../scripts/client-address.mjs";

const apply = (headers: Record<string, string | string[] | undefined>, socket: string | undefined, hops: number) => {
  const copy = { ...headers };
  applyClientAddress(copy, socket, hops);
  return copy;
};

describe("applyClientAddress (the server layer in front of Next)", () => {
  it("without proxies (0 hops) replaces any client-sent forwarded headers with the socket address", () => {
    const headers = apply(
      { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example", "x-real-ip": "5.6.7.8", forwarded: "for=9.9.9.9" },
      "::ffff:203.0.113.7",
      0,
    );
    expect(headers["x-forwarded-for"]).toBe("203.0.113.7");
    expect(headers["x-forwarded-proto"]).toBeUndefined();
    expect(headers["x-forwarded-host"]).toBeUndefined();
    expect(headers["x-real-ip"]).toBeUndefined();
    expect(headers.forwarded).toBeUndefined();
  });

  it("behind N proxies takes the Nth entry from the right, ignoring what the client prepended", () => {
    expect(apply({ "x-forwarded-for": "6.6.6.6, 198.51.100.2" }, "10.0.0.1", 1)["x-forwarded-for"]).toBe("198.51.100.2");
    expect(apply({ "x-forwarded-for": ["6.6.6.6, 198.51.100.2", "10.0.0.9"] }, "10.0.0.1", 2)["x-forwarded-for"]).toBe("198.51.100.2");
    // The proxy's scheme is kept.
    expect(apply({ "x-forwarded-for": "198.51.100.2", "x-forwarded-proto": "https" }, "10.0.0.1", 1)["x-forwarded-proto"]).toBe("https");
  });

  it("behind N proxies, a request with fewer entries (it bypassed a proxy) counts as the socket address", () => {
    expect(apply({ "x-forwarded-for": "198.51.100.2" }, "10.0.0.1", 2)["x-forwarded-for"]).toBe("10.0.0.1");
    expect(apply({}, "10.0.0.1", 1)["x-forwarded-for"]).toBe("10.0.0.1");
  });

  it("an unknown socket address becomes 'unknown', never a client-chosen value", () => {
    expect(apply({ "x-forwarded-for": "1.2.3.4" }, undefined, 0)["x-forwarded-for"]).toBe("unknown");
  });
});
