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
};

export default nextConfig;
