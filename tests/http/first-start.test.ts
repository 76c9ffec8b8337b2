import { describe, expect, inject, it } from "vitest";
import { request } from "../helpers/http-client";

const baseUrl = inject("baseUrl");

describe("the first start on an empty database", () => {
  it("printed exactly one line with a one-time setup link under WEBHOOK_BASE_URL", () => {
    const lines = inject("firstStartOutput")
      .split("\n")
      .filter((line) => /https?:\/\/\S+\/setup\//.test(line));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`${baseUrl}/setup/[A-Za-z0-9_-]{43}\\b`));
    expect(lines[0]).toContain("24 h");
  });

  it("the link stops working once users exist", async () => {
    const url = /(https?:\/\/\S+\/setup\/\S+)/.exec(inject("firstStartOutput"))![1]!;
    const page = await request(url);
    expect(page.status).toBe(200);
    expect(page.body).toContain("This link no longer works");
  });
});
