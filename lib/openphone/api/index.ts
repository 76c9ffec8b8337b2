export { createOpenPhoneClient, LEGACY_FAMILY_PATHS, type OpenPhoneClient, type OpenPhoneClientOptions, type CreateWebhookInput } from "./client";
export { OpenPhoneApiError, describeKind, type OpenPhoneApiErrorKind } from "./errors";
export { createRateLimiter, sharedRateLimiter, type RateLimiter } from "./rate-limiter";
export * from "./schemas";
