-- Webhook subscriptions managed from the app (PostgreSQL): generation, rotation grace key, audit log, legacy → 2026 switch windows.

ALTER TABLE "WebhookSubscription" ADD COLUMN "generation" TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE "WebhookSubscription" ADD COLUMN "previousEncryptedKey" TEXT;
ALTER TABLE "WebhookSubscription" ADD COLUMN "previousKeyExpiresAt" TIMESTAMP(3);
CREATE INDEX "WebhookSubscription_updatedAt_idx" ON "WebhookSubscription"("updatedAt");

CREATE TABLE "WebhookAuditEntry" (
  "id" SERIAL PRIMARY KEY,
  "actorId" INTEGER,
  "actorLabel" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT,
  "detail" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX "WebhookAuditEntry_createdAt_idx" ON "WebhookAuditEntry"("createdAt");

CREATE TABLE "WebhookSwitch" (
  "id" SERIAL PRIMARY KEY,
  "legacyIds" TEXT NOT NULL,
  "newIds" TEXT NOT NULL,
  "startedAt" TIMESTAMP(3) NOT NULL,
  "verifiedAt" TIMESTAMP(3),
  "completedAt" TIMESTAMP(3),
  "backfilledAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
