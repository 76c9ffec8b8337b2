import "server-only";
import { getDatabase } from "../db";
import { processAvailability } from "../db/availability";
import { env } from "../env";
import { log } from "../log";
import type { IngestDeps } from "./ingest";
import { createSigningKeySource } from "./signing-keys";

let deps: IngestDeps | undefined;
let invalidate: (() => void) | undefined;

/** After a subscription's key changed here: this instance trusts or drops it on the next delivery. */
export function invalidateReceiverKeys(): void {
  invalidate?.();
}

/** The ingest dependencies of this server process, built once from the configuration. */
export function receiverDeps(): IngestDeps {
  if (deps) return deps;
  const config = env();
  const db = getDatabase();
  const keys = createSigningKeySource({
    prisma: db.prisma,
    configured: config.OPENPHONE_WEBHOOK_SIGNING_KEY,
    appSecret: config.APP_SECRET,
  });
  invalidate = keys.invalidate;
  deps = {
    db,
    signingKeys: keys.keys,
    maxBodyBytes: config.WEBHOOK_MAX_BODY_BYTES,
    toleranceSeconds: config.WEBHOOK_TOLERANCE_SECONDS,
    log: log(),
    availability: processAvailability(),
  };
  return deps;
}
