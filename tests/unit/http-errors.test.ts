import { describe, expect, it, vi } from "vitest";
import { ERROR_STATUS, apiErrorResponse, errorResponse, forbiddenResponse, unauthorizedResponse } from "@/lib/http/errors";
import { withErrorResponses } from "@/lib/http/with-error-responses";
import { listAppEntries } from "../helpers/app-routes";

describe("error responses", () => {
  it("the code decides the status; the body names the code, a message and any details; nothing is cached", async () => {
    const res = errorResponse("invalid_query", "The query string is not valid.", { details: { issues: ["limit"] } });
    expect(res.status).toBe(400);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ error: "invalid_query", message: "The query string is not valid.", issues: ["limit"] });
    expect(apiErrorResponse({ code: "not_found", message: "No such call." }).status).toBe(404);
    for (const [code, status] of Object.entries(ERROR_STATUS)) expect(status, code).toBeGreaterThanOrEqual(400);
  });

  it("proxy.ts and the route guards answer a missing credential and a missing role the same way", async () => {
    const unauthorized = unauthorizedResponse();
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("www-authenticate")).toBe('Bearer realm="openphone-inbox"');
    expect(await unauthorized.json()).toMatchObject({ error: "unauthorized" });
    expect(forbiddenResponse().status).toBe(403);
  });

  it("a route handler that throws answers 500 without internals, and the stack goes to the log", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const handler = withErrorResponses(async (_request: Request): Promise<Response> => {
        throw new Error("relation \"Secret\" does not exist at db-host:5432");
      });
      const res = await handler(new Request("http://inbox.test/api/activity?q=x"));
      expect(res.status).toBe(500);
      const body = await res.text();
      expect(JSON.parse(body)).toMatchObject({ error: "internal_error" });
      expect(body).not.toContain("db-host");
      expect(stderr.mock.calls.map(([line]) => String(line)).join("")).toMatch(/route_failed.*GET \/api\/activity.*db-host/);
    } finally {
      stderr.mockRestore();
    }
  });

  it("Next's own control flow (redirect, notFound) passes through untouched", async () => {
    const { notFound } = await import("next/navigation");
    const handler = withErrorResponses(async (_request: Request): Promise<Response> => notFound());
    await expect(handler(new Request("http://inbox.test/x"))).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK/) });
  });
});

describe("every route handler answers its errors through lib/http", () => {
  const routes = listAppEntries().filter((entry) => entry.kind === "route");
  it.each(routes.map((entry) => [entry.file, entry] as const))("%s", (_file, entry) => {
    for (const method of entry.methods) expect(entry.source).toMatch(new RegExp(`export const ${method} = withErrorResponses\\(`));
    expect(entry.source, "error bodies come from lib/http/errors.ts").not.toMatch(/error: "/);
  });
});
