import { expect, type APIRequestContext } from "@playwright/test";
import { signedHeaders } from "../../lib/simulator/sign";
import { E2E_SIGNING_SECRET } from "./e2e-env";

/** Posts signed webhook deliveries through the real endpoint, in order, and expects each to be accepted. */
export async function deliver(request: APIRequestContext, ...payloads: object[]): Promise<void> {
  for (const payload of payloads) {
    const rawBody = JSON.stringify(payload);
    const response = await request.post("/api/webhooks/openphone", { data: rawBody, headers: signedHeaders(rawBody, { secret: E2E_SIGNING_SECRET }) });
    expect(response.status(), await response.text()).toBe(200);
  }
}

/** A phone number no other spec (or earlier run) uses: +1 415 55x xxxx. */
export function uniqueNumber(): string {
  return `+1415${String(5_500_000 + Math.floor(Math.random() * 499_999)).padStart(7, "0")}`;
}
