-- Webhook subscriptions managed from the app (SQLite): generation, rotation grace key, audit log, legacy → 2026 switch windows.

ALTER TABLE "WebhookSubscription" ADD COLUMN "generation" TEXT NOT NULL DEFAULT 'legacy';
ALTER TABLE "WebhookSubscription" ADD COLUMN "previousEncryptedKey" TEXT;
ALTER TABLE "WebhookSubscription" ADD COLUMN "previousKeyExpiresAt" DATETIME;
CREATE INDEX "WebhookSubscription_updatedAt_idx" ON "WebhookSubscription"("updatedAt");

CREATE TABLE "WebhookAuditEntry" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "actorId" INTEGER,
  "actorLabel" TEXT NOT NULL,
  "action" TEXT NOT NULL,
  "target" TEXT,
  "detail" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now'))
);
CREATE INDEX "WebhookAuditEntry_createdAt_idx" ON "WebhookAuditEntry"("createdAt");

CREATE TABLE "WebhookSwitch" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "legacyIds" TEXT NOT NULL,
  "newIds" TEXT NOT NULL,
  "startedAt" DATETIME NOT NULL,
  "verifiedAt" DATETIME,
  "completedAt" DATETIME,
  "backfilledAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now'))
);
