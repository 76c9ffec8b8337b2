import "server-only";
import { getDatabase } from "../../db";
import { env } from "../../env";
import { createOpenPhoneClient } from "../../openphone/api/client";
import { isLocalUrl, webhookEndpointUrl } from "../endpoint";
import { invalidateReceiverKeys } from "../receiver";
import { createWebhookManager, type WebhookManager } from "./manager";

/** The manager of this app process, configured from the environment (used by the page and its actions). */
export function webhookManager(): WebhookManager {
  const config = env();
  return createWebhookManager({
    prisma: getDatabase().prisma,
    client: config.OPENPHONE_API_KEY
      ? createOpenPhoneClient({ apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS })
      : null,
    appSecret: config.APP_SECRET,
    webhookUrl: webhookEndpointUrl(config.WEBHOOK_BASE_URL),
    graceSeconds: config.WEBHOOK_KEY_GRACE_SECONDS,
    now: () => new Date(),
    onKeysChanged: invalidateReceiverKeys,
  });
}

export function webhookConnection() {
  const config = env();
  const url = webhookEndpointUrl(config.WEBHOOK_BASE_URL);
  return { apiKeyConfigured: Boolean(config.OPENPHONE_API_KEY), apiBaseUrl: config.OPENPHONE_API_BASE_URL, url, isLocal: isLocalUrl(url), graceSeconds: config.WEBHOOK_KEY_GRACE_SECONDS };
}
