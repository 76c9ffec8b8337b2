import "server-only";
import { env } from "../env";
import { isLocalUrl, webhookEndpointUrl } from "./endpoint";

export type WebhookSetup = {
  /** The URL to register in OpenPhone. */
  url: string;
  /** True when OpenPhone could not reach it (localhost, private network). */
  isLocal: boolean;
  /** How many signing secrets the environment provides; the values never leave the server. */
  signingSecretCount: number;
};

export function getWebhookSetup(): WebhookSetup {
  const config = env();
  const url = webhookEndpointUrl(config.WEBHOOK_BASE_URL);
  return { url, isLocal: isLocalUrl(url), signingSecretCount: config.OPENPHONE_WEBHOOK_SIGNING_KEY.length };
}
