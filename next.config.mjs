// The static security headers live in lib/auth/security-headers.ts; this file is loaded by Node
// directly, so they are repeated here and a unit test keeps the two lists equal.
const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // NEXT_DIST_DIR lets parallel checkouts/builds on one machine keep separate build folders.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and server-only packages stay out of the bundle.
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  typedRoutes: false,
  // `npm test` type-checks the whole tree as its own suite (tsc --noEmit); skipping it here keeps
  // builds fast on 2 cores.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // forbidden() → app/forbidden.tsx with a real 403 for staff on admin pages and actions.
    authInterrupts: true,
  },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
