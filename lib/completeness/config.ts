import type { Env } from "../env";
import { createOpenPhoneClient } from "../openphone/api/client";
import type { CompletenessConfig } from "./watch";

/** The watch's settings from the validated configuration; no API client without OPENPHONE_API_KEY. */
export function completenessConfig(config: Env): CompletenessConfig {
  return {
    delayMinutes: config.COMPLETENESS_DELAY_MINUTES,
    maxAttempts: config.COMPLETENESS_MAX_ATTEMPTS,
    expect: config.COMPLETENESS_EXPECT,
    client: config.OPENPHONE_API_KEY
      ? createOpenPhoneClient({ apiKey: config.OPENPHONE_API_KEY, baseUrl: config.OPENPHONE_API_BASE_URL, timeoutMs: config.OPENPHONE_API_TIMEOUT_MS }).legacy
      : null,
  };
}
