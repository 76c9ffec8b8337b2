import { openSecret } from "../crypto/secret-box";
import type { PrismaHandle } from "../db/types";
import { prepareSecrets, type SigningKey } from "../openphone/signature";

const CACHE_MS = 15_000;

/**
 * Every active signing key: the configured secrets plus the key of every stored subscription
 * (decrypted with APP_SECRET). Cached briefly so a delivery does not read the table each time.
 */
export function createSigningKeySource(input: {
  prisma: PrismaHandle;
  configured: readonly string[];
  appSecret: string;
  now?: () => number;
}): { keys: () => Promise<SigningKey[]>; invalidate: () => void } {
  const now = input.now ?? Date.now;
  const configured = prepareSecrets(input.configured);
  let cached: { at: number; keys: SigningKey[] } | undefined;
  return {
    async keys() {
      if (cached && now() - cached.at < CACHE_MS) return cached.keys;
      const rows = await input.prisma.webhookSubscription.findMany({
        where: { deletedAt: null, encryptedKey: { not: null } },
        select: { encryptedKey: true },
      });
      const stored = rows
        .map((r) => (r.encryptedKey ? openSecret(r.encryptedKey, input.appSecret) : null))
        .filter((s): s is string => s !== null);
      cached = { at: now(), keys: [...configured, ...prepareSecrets(stored)] };
      return cached.keys;
    },
    invalidate() {
      cached = undefined;
    },
  };
}
