import { describe, expect, it } from "vitest";
import { isLocalUrl, webhookEndpointUrl } from "@/lib/webhooks/endpoint";

describe("webhookEndpointUrl", () => {
  it("appends the webhook path to the public base URL, keeping a path prefix", () => {
    expect(webhookEndpointUrl("https://inbox.example.com")).toBe("https://inbox.example.com/api/webhooks/openphone");
    expect(webhookEndpointUrl("https://example.com/inbox/")).toBe("https://example.com/inbox/api/webhooks/openphone");
  });
});

describe("isLocalUrl", () => {
  it.each([
    ["http://localhost:3000/api/webhooks/openphone", true],
    ["http://127.0.0.1:3000/x", true],
    ["http://192.168.1.20/x", true],
    ["http://172.20.0.5/x", true],
    ["https://inbox.example.com/x", false],
    ["https://172.32.0.1/x", false],
    ["not a url", false],
  ])("%s → %s", (url, expected) => {
    expect(isLocalUrl(url)).toBe(expected);
  });
});
