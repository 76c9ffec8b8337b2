import "server-only";
import type { AppDatabase } from "../db/types";
import { env } from "../env";
import { isLocalUrl, webhookEndpointUrl } from "./endpoint";

export type WebhookSetup = {
  /** The URL to register in OpenPhone. */
  url: string;
  /** True when OpenPhone could not reach it (localhost, private network). */
  isLocal: boolean;
  /** Signing secrets from OPENPHONE_WEBHOOK_SIGNING_KEY; the values never leave the server. */
  configuredKeyCount: number;
  /** Signing keys of live subscriptions made from Admin → Webhooks (stored encrypted, trusted at once). */
  storedKeyCount: number;
  /** Every key the receiver trusts now: configured plus stored. Zero means every delivery gets 503. */
  signingSecretCount: number;
  /** OPENPHONE_API_KEY is set, so an admin can connect the workspace from Admin → Webhooks. */
  apiKeyConfigured: boolean;
};

export async function getWebhookSetup(db: AppDatabase): Promise<WebhookSetup> {
  const config = env();
  const url = webhookEndpointUrl(config.WEBHOOK_BASE_URL);
  const configuredKeyCount = config.OPENPHONE_WEBHOOK_SIGNING_KEY.length;
  const storedKeyCount = await countStoredKeys(db);
  return {
    url,
    isLocal: isLocalUrl(url),
    configuredKeyCount,
    storedKeyCount,
    signingSecretCount: configuredKeyCount + storedKeyCount,
    apiKeyConfigured: Boolean(config.OPENPHONE_API_KEY),
  };
}

/** Live subscriptions holding a key, counted as lib/webhooks/signing-keys.ts trusts them (a rotated-out key still in its grace period counts too). */
export async function countStoredKeys(db: Pick<AppDatabase, "prisma">, now = new Date()): Promise<number> {
  const [current, previous] = await Promise.all([
    db.prisma.webhookSubscription.count({ where: { deletedAt: null, encryptedKey: { not: null } } }),
    db.prisma.webhookSubscription.count({ where: { deletedAt: null, previousEncryptedKey: { not: null }, previousKeyExpiresAt: { gt: now } } }),
  ]);
  return current + previous;
}
