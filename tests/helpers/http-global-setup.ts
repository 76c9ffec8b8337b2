import type { TestProject } from "vitest/node";
import { startAppServer, type AppServer } from "./app-server";
import { TEST_SECRET } from "./ingest";

let server: AppServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  server = await startAppServer({
    port: 3200,
    name: "http",
    env: { OPENPHONE_WEBHOOK_SIGNING_KEY: TEST_SECRET, WEBHOOK_MAX_BODY_BYTES: String(64 * 1024) },
  });
  project.provide("baseUrl", server.baseUrl);
  project.provide("databaseUrl", server.databaseUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    databaseUrl: string;
  }
}
