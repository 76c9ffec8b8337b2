import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^@\/(.*)$/, replacement: path.join(root, "$1") },
      // `server-only` throws outside a React server bundle; tests run lib/ code directly.
      { find: /^server-only$/, replacement: path.join(root, "tests/helpers/empty-module.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 60_000,
          globalSetup: ["tests/helpers/integration-global-setup.ts"],
          // Files run in parallel, each against its own SQLite file or PostgreSQL schema. Three at a
          // time even on 2 cores (Vitest's default there is one): much of a file's time is spent
          // waiting on the database, the fake OpenPhone, timers and child processes, not on the CPU.
          fileParallelism: true,
          maxWorkers: 3,
        },
      },
      {
        extends: true,
        test: {
          name: "http",
          include: ["tests/http/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          // Builds the app when stale, then serves it with `next start`.
          hookTimeout: 600_000,
          globalSetup: ["tests/helpers/http-global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "reliability",
          // Its own files, plus the HTTP tests that already prove part of "hostile access".
          include: [
            "tests/reliability/**/*.test.ts",
            "tests/http/access-control.test.ts",
            "tests/http/server-actions.test.ts",
            "tests/http/secret-leak.test.ts",
            "tests/http/hardening.test.ts",
            "tests/unit/media-ssrf.test.ts",
          ],
          environment: "node",
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // One file at a time: each puts the machine under load, and crashes or cuts its own servers.
          fileParallelism: false,
          // The HTTP suite's server (fuzzing and the reused HTTP tests), then the summary table at the end.
          globalSetup: ["tests/reliability/summary.ts", "tests/helpers/http-global-setup.ts"],
        },
      },
    ],
  },
});
