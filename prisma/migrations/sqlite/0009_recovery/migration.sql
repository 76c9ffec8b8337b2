-- Event log, replay, rejection counts, scheduled jobs and alerts (SQLite).

ALTER TABLE "WebhookEvent" ADD COLUMN "processingMs" REAL;
ALTER TABLE "WebhookEvent" ADD COLUMN "bodyPrunedAt" DATETIME;
ALTER TABLE "WebhookEvent" ADD COLUMN "replayCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayAt" DATETIME;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayResult" TEXT;
CREATE INDEX "WebhookEvent_type_status_idx" ON "WebhookEvent"("type", "status");

CREATE TABLE "WebhookRejection" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "hour" DATETIME NOT NULL,
  "reason" TEXT NOT NULL,
  "count" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "WebhookRejection_hour_reason_key" ON "WebhookRejection"("hour", "reason");

CREATE TABLE "ReplayJob" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "filter" TEXT NOT NULL,
  "status" TEXT NOT NULL,
  "total" INTEGER NOT NULL,
  "done" INTEGER NOT NULL DEFAULT 0,
  "processed" INTEGER NOT NULL DEFAULT 0,
  "unchanged" INTEGER NOT NULL DEFAULT 0,
  "failed" INTEGER NOT NULL DEFAULT 0,
  "maxEventId" INTEGER NOT NULL,
  "lastEventId" INTEGER NOT NULL DEFAULT 0,
  "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
  "createdById" INTEGER,
  "heartbeatAt" DATETIME NOT NULL,
  "finishedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE INDEX "ReplayJob_createdAt_idx" ON "ReplayJob"("createdAt");

CREATE TABLE "OpsCounter" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" TEXT NOT NULL,
  "value" INTEGER NOT NULL DEFAULT 0,
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "OpsCounter_name_key" ON "OpsCounter"("name");

CREATE TABLE "JobLock" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" TEXT NOT NULL,
  "holder" TEXT NOT NULL,
  "expiresAt" DATETIME NOT NULL,
  "lastRunAt" DATETIME
);
CREATE UNIQUE INDEX "JobLock_name_key" ON "JobLock"("name");

CREATE TABLE "AlertState" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "key" TEXT NOT NULL,
  "active" BOOLEAN NOT NULL DEFAULT false,
  "since" DATETIME,
  "message" TEXT,
  "lastSentAt" DATETIME,
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "AlertState_key_key" ON "AlertState"("key");
