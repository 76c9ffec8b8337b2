import { attachmentKind, resolveContentType } from "./attachment-kind";
import { errorResponse } from "../http/errors";
import { RefusedUpstreamError, type MediaFetch } from "./guarded-fetch";
import { mediaUrlProblem } from "./upstream-policy";

/**
 * The media proxy behind /api/media/<kind>/<id>: fetches a stored upstream media URL (OpenPhone's
 * CDN, or this app's own /demo/ files) server-side and streams it back, so the page never sees the
 * upstream URL. Honours single byte ranges so audio can seek: the Range goes upstream and a 206 is
 * relayed; when the upstream ignores Range, the slice is cut here while streaming.
 * Only allowed hosts are fetched (lib/media/upstream-policy.ts), redirects are followed by hand with
 * every hop checked again, and bodies larger than maxBodyBytes are cut off.
 * No Next imports: tests call proxyMedia() with a fake fetch.
 */

export type MediaSource = {
  url: string;
  contentType: string | null;
  size: number | null;
  /** Name for Content-Disposition when downloading. */
  fileName?: string | null;
};

export type ProxyDeps = {
  /** In production createGuardedFetch(), which also checks the addresses a host name resolves to. */
  fetch: MediaFetch;
  /** MEDIA_ALLOWED_HOSTS. */
  allowedHosts: readonly string[];
  /** Reads a file of this app's public/ folder by URL path (only /demo/… is asked for); null when missing. */
  readLocalFile?: (pathname: string) => Promise<Uint8Array | null>;
  /** host[:port] values that are this app, besides loopback (the request's Host, the public base URL). */
  ownHosts?: string[];
  /** Upstream must answer (headers) within this time. */
  timeoutMs?: number;
  /** Largest upstream body relayed. */
  maxBodyBytes?: number;
  /** Aborts the upstream request when the client goes away. */
  signal?: AbortSignal;
  /** Content-Disposition: attachment instead of inline. */
  download?: boolean;
};

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Hours of call audio fit well below this; it bounds what a hostile upstream can make us relay. */
export const DEFAULT_MAX_BODY_BYTES = 512 * 1024 * 1024;
const MAX_REDIRECTS = 4;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// ───────────────────────────── Range parsing ─────────────────────────────

/** A single byte range as requested: `bytes=a-b`, `bytes=a-`, or the suffix `bytes=-n` (start null). */
export type ByteRangeSpec = { start: number | null; end: number | null };

/**
 * Parses a Range header. null means "serve the whole file": no header, another unit, several
 * ranges (allowed by RFC 9110 to ignore), or a malformed value. "invalid" is a well-formed range
 * that can never be satisfied (last < first), answered with 416 like an out-of-bounds one.
 */
export function parseRangeHeader(header: string | null): ByteRangeSpec | "invalid" | null {
  if (!header) return null;
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return null;
  const [, first, last] = match;
  if (!first && !last) return null;
  const start = first ? Number(first) : null;
  const end = last ? Number(last) : null;
  if ((start !== null && !Number.isSafeInteger(start)) || (end !== null && !Number.isSafeInteger(end))) return null;
  if (start === null) return end === 0 ? "invalid" : { start: null, end };
  if (end !== null && end < start) return "invalid";
  return { start, end };
}

/** The inclusive byte interval of a range within a file of `size` bytes, or null when unsatisfiable. */
export function resolveRange(range: ByteRangeSpec, size: number): { start: number; end: number } | null {
  if (size <= 0) return null;
  if (range.start === null) {
    const length = Math.min(range.end ?? 0, size);
    return length > 0 ? { start: size - length, end: size - 1 } : null;
  }
  if (range.start >= size) return null;
  return { start: range.start, end: Math.min(range.end ?? size - 1, size - 1) };
}

function formatRangeHeader(range: ByteRangeSpec): string {
  return range.start === null ? `bytes=-${range.end}` : `bytes=${range.start}-${range.end ?? ""}`;
}

// ───────────────────────────── responses ─────────────────────────────

export function mediaNotFound(): Response {
  return errorResponse("not_found", "No such media.");
}

const INLINE_KINDS = new Set(["image", "audio", "video", "pdf"]);

/** Headers every successful answer carries: type, disposition, privacy and no script execution. */
function baseHeaders(contentType: string, source: MediaSource, download: boolean): Headers {
  const kind = attachmentKind(contentType);
  const inline = !download && INLINE_KINDS.has(kind);
  const name = (source.fileName ?? "").replace(/[^\w .()-]/g, "_");
  const headers = new Headers({
    "Content-Type": contentType,
    "Cache-Control": "private, max-age=3600",
    "X-Content-Type-Options": "nosniff",
    "Content-Disposition": `${inline ? "inline" : "attachment"}${name ? `; filename="${name}"` : ""}`,
  });
  // Anything rendered from our origin must not run script (an SVG or HTML "attachment", say).
  // Chromium's PDF viewer does not load inside a sandboxed document, so PDFs skip the sandbox.
  if (kind !== "pdf") headers.set("Content-Security-Policy", "default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'; sandbox");
  return headers;
}

function effectiveContentType(upstream: string | null, source: MediaSource): string {
  const fromUpstream = upstream?.split(";")[0]?.trim().toLowerCase();
  if (fromUpstream && fromUpstream !== "application/octet-stream" && fromUpstream !== "binary/octet-stream") return fromUpstream;
  return resolveContentType(source.contentType, source.url) ?? "application/octet-stream";
}

function unsatisfiable(size: number | null): Response {
  return errorResponse("range_not_satisfiable", "The requested range is outside the file.", {
    headers: size !== null ? { "Content-Range": `bytes */${size}` } : {},
  });
}

/** Answers from bytes held in memory: a 206 slice, a 416, or the whole file. */
function respondFromBytes(bytes: Uint8Array, range: ByteRangeSpec | "invalid" | null, headers: Headers): Response {
  const size = bytes.byteLength;
  headers.set("Accept-Ranges", "bytes");
  if (range === "invalid") return unsatisfiable(size);
  if (range === null) {
    headers.set("Content-Length", String(size));
    return new Response(toArrayBuffer(bytes), { status: 200, headers });
  }
  const interval = resolveRange(range, size);
  if (!interval) return unsatisfiable(size);
  const slice = bytes.subarray(interval.start, interval.end + 1);
  headers.set("Content-Range", `bytes ${interval.start}-${interval.end}/${size}`);
  headers.set("Content-Length", String(slice.byteLength));
  return new Response(toArrayBuffer(slice), { status: 206, headers });
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// ───────────────────────────── the proxy ─────────────────────────────

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** A URL of this very app's public /demo/ folder (the simulator's demo media): read from disk, not fetched. */
function isOwnDemoFile(url: URL, ownHosts: string[]): boolean {
  if (!url.pathname.startsWith("/demo/")) return false;
  return LOOPBACK.has(url.hostname) || ownHosts.some((host) => host.toLowerCase() === url.host.toLowerCase());
}

export async function proxyMedia(source: MediaSource | null, requestHeaders: Headers, deps: ProxyDeps): Promise<Response> {
  if (!source) return mediaNotFound();
  let url: URL;
  try {
    url = new URL(source.url);
  } catch {
    return errorResponse("bad_upstream_url", "The stored media URL is not a valid URL.");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return errorResponse("bad_upstream_url", "Only http(s) media URLs are fetched.");
  }
  const range = parseRangeHeader(requestHeaders.get("range"));

  if (deps.readLocalFile && isOwnDemoFile(url, deps.ownHosts ?? [])) {
    const bytes = await deps.readLocalFile(url.pathname);
    if (!bytes) return errorResponse("upstream_not_found", "The media file does not exist.");
    // A file on disk is typed by its extension, like a static file server would.
    const localType = resolveContentType(null, url.href);
    return respondFromBytes(bytes, range, baseHeaders(effectiveContentType(localType, source), source, deps.download ?? false));
  }
  return proxyUpstream(url, source, range, deps);
}

async function proxyUpstream(url: URL, source: MediaSource, range: ByteRangeSpec | "invalid" | null, deps: ProxyDeps): Promise<Response> {
  // A range that can never be satisfied needs no upstream round trip when the size is known.
  if (range === "invalid") return unsatisfiable(source.size);

  const controller = new AbortController();
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onClientAbort = () => controller.abort();
  deps.signal?.addEventListener("abort", onClientAbort, { once: true });

  let upstream: Response | undefined;
  try {
    for (let hop = 0; ; hop++) {
      const problem = mediaUrlProblem(url, deps.allowedHosts);
      if (problem) return refused();
      upstream = await deps.fetch(url, {
        headers: {
          Accept: "*/*",
          // Ranges are byte offsets of the stored file: never let a compressed encoding shift them.
          "Accept-Encoding": "identity",
          ...(range ? { Range: formatRangeHeader(range) } : {}),
        },
        redirect: "manual",
        signal: controller.signal,
      });
      if (!REDIRECT_STATUSES.has(upstream.status)) break;
      await upstream.body?.cancel().catch(() => undefined);
      const location = upstream.headers.get("location");
      if (!location) return errorResponse("upstream_error", `The media server answered ${upstream.status} without a location.`);
      if (hop >= MAX_REDIRECTS) return errorResponse("too_many_redirects", "The media server redirected too many times.");
      try {
        url = new URL(location, url);
      } catch {
        return refused();
      }
    }
  } catch (error) {
    deps.signal?.removeEventListener("abort", onClientAbort);
    if (error instanceof RefusedUpstreamError) return refused();
    return timedOut
      ? errorResponse("upstream_timeout", `The media server did not answer within ${Math.round(timeoutMs / 1000)} s.`)
      : errorResponse("upstream_unreachable", "The media server could not be reached.");
  } finally {
    // The deadline covers the answer's headers; a long download may take longer.
    clearTimeout(timer);
  }

  const headers = baseHeaders(effectiveContentType(upstream.headers.get("content-type"), source), source, deps.download ?? false);
  const encoded = upstream.headers.has("content-encoding") && upstream.headers.get("content-encoding") !== "identity";
  const length = encoded ? null : upstream.headers.get("content-length");
  const maxBytes = deps.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (length !== null && Number(length) > maxBytes) {
    await upstream.body?.cancel().catch(() => undefined);
    return errorResponse("upstream_too_large", "The media file is larger than this server relays.");
  }
  const body = capped(upstream.body, maxBytes);

  if (upstream.status === 206) {
    const contentRange = upstream.headers.get("content-range");
    if (contentRange) headers.set("Content-Range", contentRange);
    if (length) headers.set("Content-Length", length);
    headers.set("Accept-Ranges", "bytes");
    return new Response(body, { status: 206, headers });
  }
  if (upstream.status === 416) {
    await upstream.body?.cancel();
    const size = /\/(\d+)\s*$/.exec(upstream.headers.get("content-range") ?? "")?.[1];
    return unsatisfiable(size ? Number(size) : source.size);
  }
  if (upstream.status !== 200) {
    await upstream.body?.cancel().catch(() => undefined);
    return errorResponse("upstream_error", `The media server answered ${upstream.status}.`);
  }

  if (range === null || length === null) {
    if (length) headers.set("Content-Length", length);
    // Ranges can be served when the upstream honours them or tells us the size (we cut the slice).
    const upstreamRanges = upstream.headers.get("accept-ranges")?.toLowerCase() === "bytes";
    headers.set("Accept-Ranges", upstreamRanges || length !== null ? "bytes" : "none");
    return new Response(body, { status: 200, headers });
  }

  // Upstream ignored the Range and sent the whole file: cut the slice while streaming.
  const size = Number(length);
  headers.set("Accept-Ranges", "bytes");
  const interval = resolveRange(range, size);
  if (!interval) {
    await body.cancel().catch(() => undefined);
    return unsatisfiable(size);
  }
  headers.set("Content-Range", `bytes ${interval.start}-${interval.end}/${size}`);
  headers.set("Content-Length", String(interval.end - interval.start + 1));
  return new Response(slice(body, interval.start, interval.end), { status: 206, headers });
}

function refused(): Response {
  return errorResponse("refused_upstream_url", "The stored media URL is not on an allowed media host.");
}

/** The body, erroring once more than maxBytes have passed (an upstream that lies about or omits its length). */
function capped(body: ReadableStream<Uint8Array> | null, maxBytes: number): ReadableStream<Uint8Array> {
  let total = 0;
  const source = body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  return source.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        total += chunk.byteLength;
        if (total > maxBytes) controller.error(new Error(`media body larger than the ${maxBytes}-byte cap`));
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** Bytes start..end (inclusive) of a stream, read lazily; the upstream is cancelled after the end. */
function slice(body: ReadableStream<Uint8Array>, start: number, end: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const chunkStart = offset;
        offset += value.byteLength;
        if (offset <= start) continue;
        const from = Math.max(0, start - chunkStart);
        const to = Math.min(value.byteLength, end + 1 - chunkStart);
        controller.enqueue(value.subarray(from, to));
        if (offset > end) {
          controller.close();
          await reader.cancel().catch(() => undefined);
        }
        return;
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
}
