import type { TestProject } from "vitest/node";
import { createDatabase } from "@/lib/db/create-database";
import { startAppServer, type AppServer } from "./app-server";
import { ensureTestUsers, sessionCookieFor } from "./auth-users";
import { TEST_SECRET } from "./ingest";

let server: AppServer | undefined;

/** Secrets the test server is configured with; tests/http/secret-leak.test.ts greps the client bundles for them. */
export const HTTP_TEST_SECRETS = {
  OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET,
  OPENPHONE_API_KEY: "opk_http-test-api-key-3f9a1c7e5b2d",
  APP_SECRET: "http-test-app-secret-7d1e0c9b8a6f5e4d3c2b1a0f9e8d",
} as const;

// HTTP_TEST_PORT lets several checkouts on one machine run this suite at once.
const PORT = Number(process.env.HTTP_TEST_PORT ?? 3200);

export async function setup(project: TestProject): Promise<void> {
  server = await startAppServer({
    port: PORT,
    name: PORT === 3200 ? "http" : `http-${PORT}`,
    // The read-API test's fake CDN listens on loopback: allowed only because it is named here.
    // The tests act as the one trusted proxy: each request's X-Forwarded-For names its client.
    env: { ...HTTP_TEST_SECRETS, WEBHOOK_MAX_BODY_BYTES: String(64 * 1024), MEDIA_ALLOWED_HOSTS: "127.0.0.1", TRUSTED_PROXY_HOPS: "1" },
  });
  // What the first start printed, before any user exists (the first-admin setup link).
  const firstStartOutput = server.output();
  const db = createDatabase(server.databaseUrl, { poolSize: 1 });
  let ids;
  try {
    ids = await ensureTestUsers(db);
  } finally {
    await db.prisma.$disconnect();
  }
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
  project.provide("firstStartOutput", firstStartOutput);
  project.provide("userIds", ids);
  project.provide("cookies", {
    admin: await sessionCookieFor(server.databaseUrl, ids.admin),
    staff: await sessionCookieFor(server.databaseUrl, ids.staff),
  });
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
    firstStartOutput: string;
    userIds: { admin: number; staff: number };
    /** `Cookie` header values of a signed-in admin and staff user. */
    cookies: { admin: string; staff: string };
  }
}
