import { openSecret } from "../crypto/secret-box";
import type { PrismaHandle } from "../db/types";
import { prepareSecrets, type SigningKey } from "../openphone/signature";

/** How often an instance asks the database whether any subscription changed (one tiny aggregate query). */
export const KEY_VERSION_CHECK_MS = 1_000;

type StoredKey = { key: SigningKey; expiresAtMs: number | null };

/**
 * Every active signing key: the configured secrets plus the key of every stored, undeleted
 * subscription (decrypted with APP_SECRET), and a rotated-out key until its grace period ends.
 * Keys are cached per instance; at most once a second the cache compares the table's version
 * (row count and latest updatedAt) with what it loaded, so a key created, rotated or deleted on
 * any instance is trusted or dropped everywhere within about a second, with no restart.
 *
 * Deliveries that find the cache due for its check share one check: under load every delivery of
 * that moment used to send its own aggregate query, dozens at once on PostgreSQL, each holding a
 * pool connection the receiver's transaction was waiting for.
 */
export function createSigningKeySource(input: {
  prisma: PrismaHandle;
  configured: readonly string[];
  appSecret: string;
  now?: () => number;
}): { keys: () => Promise<SigningKey[]>; invalidate: () => void } {
  const now = input.now ?? Date.now;
  const configured = prepareSecrets(input.configured);
  let cached: { checkedAt: number; version: string; stored: StoredKey[] } | undefined;
  /** The check in flight, shared by every delivery that needs it. */
  let refreshing: Promise<void> | undefined;
  /** Bumped by invalidate(): a check that started before it must not store what it read. */
  let generation = 0;

  async function version(): Promise<string> {
    const agg = await input.prisma.webhookSubscription.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
    return `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
  }

  async function load(currentVersion: string, loadGeneration: number): Promise<void> {
    const rows = await input.prisma.webhookSubscription.findMany({
      where: { deletedAt: null },
      select: { encryptedKey: true, previousEncryptedKey: true, previousKeyExpiresAt: true },
    });
    const stored: StoredKey[] = [];
    const add = (sealed: string | null, expiresAtMs: number | null) => {
      const secret = sealed ? openSecret(sealed, input.appSecret) : null;
      const [key] = secret ? prepareSecrets([secret]) : [];
      if (key) stored.push({ key, expiresAtMs });
    };
    for (const row of rows) {
      add(row.encryptedKey, null);
      if (row.previousKeyExpiresAt) add(row.previousEncryptedKey, row.previousKeyExpiresAt.getTime());
    }
    if (loadGeneration === generation) cached = { checkedAt: now(), version: currentVersion, stored };
  }

  async function refresh(): Promise<void> {
    const started = generation;
    const current = await version();
    if (started !== generation) return;
    if (!cached || current !== cached.version) await load(current, started);
    else cached.checkedAt = now();
  }

  return {
    async keys() {
      while (!cached || now() - cached.checkedAt >= KEY_VERSION_CHECK_MS) {
        const flight = (refreshing ??= refresh().finally(() => {
          if (refreshing === flight) refreshing = undefined;
        }));
        await flight;
      }
      const t = now();
      const stored = cached!.stored.filter((s) => s.expiresAtMs === null || s.expiresAtMs > t).map((s) => s.key);
      return [...configured, ...stored];
    },
    invalidate() {
      cached = undefined;
      refreshing = undefined;
      generation++;
    },
  };
}
