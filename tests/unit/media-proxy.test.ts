import { describe, expect, it, vi } from "vitest";
import { parseRangeHeader, proxyMedia, resolveRange, type MediaSource, type ProxyDeps } from "@/lib/media/proxy";

const SIZE = 1000;
const FILE = Uint8Array.from({ length: SIZE }, (_, i) => i % 251);
const UPSTREAM = "https://cdn.example.test/media/secret-token/recording.mp3";
const source: MediaSource = { url: UPSTREAM, contentType: "audio/mpeg", size: SIZE, fileName: "recording.mp3" };

/** An upstream that honours single ranges, like a CDN. */
function rangeServer() {
  return vi.fn(async (_url: URL | RequestInfo, init?: RequestInit) => {
    const range = new Headers(init?.headers).get("range");
    const match = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
    if (!match) return new Response(FILE.slice(), { status: 200, headers: { "content-type": "audio/mpeg", "content-length": String(SIZE), "accept-ranges": "bytes" } });
    const start = match[1] ? Number(match[1]) : SIZE - Number(match[2]);
    const end = match[1] && match[2] ? Math.min(Number(match[2]), SIZE - 1) : SIZE - 1;
    if (start >= SIZE) return new Response(null, { status: 416, headers: { "content-range": `bytes */${SIZE}` } });
    return new Response(FILE.slice(start, end + 1), {
      status: 206,
      headers: { "content-type": "audio/mpeg", "content-range": `bytes ${start}-${end}/${SIZE}`, "content-length": String(end - start + 1), "accept-ranges": "bytes" },
    });
  });
}

/** An upstream that ignores Range and always sends the whole file. */
function wholeFileServer(contentType = "audio/mpeg") {
  return vi.fn(async () => new Response(FILE.slice(), { status: 200, headers: { "content-type": contentType, "content-length": String(SIZE) } }));
}

function deps(fetchImpl: ProxyDeps["fetch"] | ReturnType<typeof vi.fn>, extra: Partial<ProxyDeps> = {}): ProxyDeps {
  return { fetch: fetchImpl as ProxyDeps["fetch"], allowedHosts: ["cdn.example.test", "elsewhere.example.net"], ...extra };
}

const range = (value: string) => new Headers({ range: value });
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("parseRangeHeader / resolveRange", () => {
  it.each([
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=500-", { start: 500, end: null }],
    ["bytes=-200", { start: null, end: 200 }],
    ["BYTES = 1 - 2", { start: 1, end: 2 }],
    ["bytes=5-2", "invalid"],
    ["bytes=-0", "invalid"],
    ["bytes=0-1,5-6", null],
    ["bytes=abc", null],
    ["items=0-5", null],
    ["bytes=-", null],
    ["", null],
  ] as const)("%s → %j", (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it("clamps to the file and rejects ranges past its end", () => {
    expect(resolveRange({ start: 900, end: 5000 }, SIZE)).toEqual({ start: 900, end: 999 });
    expect(resolveRange({ start: null, end: 5000 }, SIZE)).toEqual({ start: 0, end: 999 });
    expect(resolveRange({ start: 1000, end: null }, SIZE)).toBeNull();
    expect(resolveRange({ start: 0, end: null }, 0)).toBeNull();
  });
});

describe("proxyMedia: ranges through an upstream that supports them", () => {
  it("passes the Range upstream and relays 206 with Content-Range", async () => {
    const fetch = rangeServer();
    const response = await proxyMedia(source, range("bytes=100-199"), deps(fetch));
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 100-199/1000");
    expect(response.headers.get("content-length")).toBe("100");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("cache-control")).toMatch(/^private/);
    expect(await bytesOf(response)).toEqual(FILE.slice(100, 200));
    const init = fetch.mock.calls[0]![1]!;
    expect(new Headers(init.headers).get("range")).toBe("bytes=100-199");
    expect(new Headers(init.headers).get("accept-encoding")).toBe("identity");
  });

  it("answers a request without Range with the whole file (200)", async () => {
    const response = await proxyMedia(source, new Headers(), deps(rangeServer()));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(SIZE));
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-disposition")).toBe('inline; filename="recording.mp3"');
    expect(await bytesOf(response)).toEqual(FILE);
  });

  it("relays the upstream's 416 for a range past the end", async () => {
    const response = await proxyMedia(source, range("bytes=5000-"), deps(rangeServer()));
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
  });
});

describe("proxyMedia: an upstream that ignores Range", () => {
  it.each([
    ["bytes=100-199", 100, 199],
    ["bytes=900-", 900, 999],
    ["bytes=-50", 950, 999],
    ["bytes=990-5000", 990, 999],
  ])("cuts %s itself: 206 bytes %i-%i", async (header, start, end) => {
    const response = await proxyMedia(source, range(header), deps(wholeFileServer()));
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes ${start}-${end}/1000`);
    expect(response.headers.get("content-length")).toBe(String(end - start + 1));
    expect(await bytesOf(response)).toEqual(FILE.slice(start, end + 1));
  });

  it("answers 416 with the size for a range past the end", async () => {
    const response = await proxyMedia(source, range("bytes=1000-"), deps(wholeFileServer()));
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("streams whole (200, no ranges) when the size is unknown", async () => {
    const chunked = vi.fn(async () => {
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < SIZE; i += 100) controller.enqueue(FILE.slice(i, i + 100));
          controller.close();
        },
      });
      return new Response(stream, { status: 200, headers: { "content-type": "audio/mpeg" } });
    });
    const response = await proxyMedia(source, range("bytes=10-19"), deps(chunked));
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("none");
    expect(await bytesOf(response)).toEqual(FILE);
  });
});

describe("proxyMedia: refusals and failures", () => {
  it("404 for an unknown id (no source)", async () => {
    const fetch = rangeServer();
    const response = await proxyMedia(null, new Headers(), deps(fetch));
    expect(response.status).toBe(404);
    expect(fetch).not.toHaveBeenCalled();
  });

  it.each(["file:///etc/passwd", "ftp://example.test/a.mp3", "javascript:alert(1)", "data:audio/mpeg;base64,AAAA", "not a url"])(
    "refuses %s without fetching",
    async (url) => {
      const fetch = rangeServer();
      const readLocalFile = vi.fn(async () => FILE);
      const response = await proxyMedia({ ...source, url }, new Headers(), deps(fetch, { readLocalFile }));
      expect(response.status).toBe(502);
      expect((await response.json()).error).toBe("bad_upstream_url");
      expect(fetch).not.toHaveBeenCalled();
      expect(readLocalFile).not.toHaveBeenCalled();
    },
  );

  it.each([404, 403, 500, 503])("answers 502 when the upstream answers %i, without revealing its URL", async (status) => {
    const fetch = vi.fn(async () => new Response("gone", { status }));
    const response = await proxyMedia(source, range("bytes=0-"), deps(fetch));
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text).error).toBe("upstream_error");
    expect(text).not.toContain("secret-token");
    expect(text).not.toContain("cdn.example.test");
  });

  it("answers 502 when the upstream cannot be reached", async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    const response = await proxyMedia(source, new Headers(), deps(fetch));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("upstream_unreachable");
  });

  it("answers 502 when the upstream does not answer in time", async () => {
    const fetch = vi.fn(
      (_url: URL | RequestInfo, init?: RequestInit) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        }),
    );
    const started = Date.now();
    const response = await proxyMedia(source, new Headers(), deps(fetch, { timeoutMs: 50 }));
    expect(response.status).toBe(502);
    expect((await response.json()).error).toBe("upstream_timeout");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("answers 416 for a reversed range without asking the upstream", async () => {
    const fetch = rangeServer();
    const response = await proxyMedia(source, range("bytes=500-100"), deps(fetch));
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("serves the whole file for a malformed or multi-part Range", async () => {
    for (const header of ["bytes=abc", "bytes=0-1,5-6"]) {
      const response = await proxyMedia(source, range(header), deps(rangeServer()));
      expect(response.status).toBe(200);
      expect(await bytesOf(response)).toEqual(FILE);
    }
  });
});

describe("proxyMedia: this app's own /demo/ files", () => {
  const demo: MediaSource = { url: "http://localhost:3500/demo/audio/leak-inspection.mp3", contentType: "audio/mpeg", size: null };

  it("reads them from disk instead of fetching, with ranges", async () => {
    const fetch = rangeServer();
    const readLocalFile = vi.fn(async () => FILE);
    const response = await proxyMedia(demo, range("bytes=10-19"), deps(fetch, { readLocalFile }));
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 10-19/1000");
    expect(await bytesOf(response)).toEqual(FILE.slice(10, 20));
    expect(readLocalFile).toHaveBeenCalledWith("/demo/audio/leak-inspection.mp3");
    expect(fetch).not.toHaveBeenCalled();
  });

  it("recognises the app's public host too, and fetches /demo/ paths of other hosts", async () => {
    const readLocalFile = vi.fn(async () => FILE);
    const own = await proxyMedia({ ...demo, url: "https://inbox.example.com/demo/images/a.jpg" }, new Headers(), deps(rangeServer(), { readLocalFile, ownHosts: ["inbox.example.com"] }));
    expect(own.status).toBe(200);
    expect(own.headers.get("content-type")).toBe("image/jpeg");
    expect(readLocalFile).toHaveBeenCalledTimes(1);

    const fetch = rangeServer();
    await proxyMedia({ ...demo, url: "https://elsewhere.example.net/demo/audio/x.mp3" }, new Headers(), deps(fetch, { readLocalFile, ownHosts: ["inbox.example.com"] }));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(readLocalFile).toHaveBeenCalledTimes(1);
  });

  it("answers 502 when the demo file is missing", async () => {
    const response = await proxyMedia(demo, new Headers(), deps(rangeServer(), { readLocalFile: async () => null }));
    expect(response.status).toBe(502);
  });
});

describe("proxyMedia: content type and disposition", () => {
  it("falls back to the stored type when the upstream says octet-stream", async () => {
    const response = await proxyMedia(source, new Headers(), deps(wholeFileServer("application/octet-stream")));
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
  });

  it("never renders SVG or HTML inline, and sandboxes what it renders", async () => {
    const svg = await proxyMedia({ ...source, url: "https://cdn.example.test/x.svg", contentType: "image/svg+xml", fileName: "x.svg" }, new Headers(), deps(wholeFileServer("image/svg+xml")));
    expect(svg.headers.get("content-disposition")).toBe('attachment; filename="x.svg"');
    expect(svg.headers.get("content-security-policy")).toContain("sandbox");
    expect(svg.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await proxyMedia({ ...source, contentType: null }, new Headers(), deps(wholeFileServer("text/html")));
    expect(html.headers.get("content-disposition")).toMatch(/^attachment/);
  });

  it("downloads as an attachment when asked", async () => {
    const response = await proxyMedia(source, new Headers(), deps(rangeServer(), { download: true }));
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="recording.mp3"');
  });
});
