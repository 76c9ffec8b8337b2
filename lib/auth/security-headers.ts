/**
 * Security headers. The static ones go on every response (next.config.mjs `headers()`); the CSP
 * carries a per-request nonce and is added by proxy.ts to every page.
 */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Keeps full URLs (setup links) inside our origin. Not "no-referrer": browsers then send
  // `Origin: null` on same-origin POSTs, which Next's server-action origin check rejects.
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * Only our own origin. Recordings and MMS media are played through our media proxy, so media-src
 * is 'self' too. 'strict-dynamic' lets Next's nonce'd bootstrap load its chunks. Inline style
 * *attributes* stay allowed (React renders e.g. progress widths); inline <style>/<script> need the nonce.
 */
export function contentSecurityPolicy(nonce: string, options: { dev?: boolean } = {}): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "font-src 'self'",
    `connect-src 'self'${options.dev ? " ws: wss:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ].join("; ");
}

export const NONCE_HEADER = "x-nonce";
