-- Event log, replay, rejection counts, scheduled jobs and alerts (PostgreSQL).

ALTER TABLE "WebhookEvent" ADD COLUMN "processingMs" DOUBLE PRECISION;
ALTER TABLE "WebhookEvent" ADD COLUMN "bodyPrunedAt" TIMESTAMP(3);
ALTER TABLE "WebhookEvent" ADD COLUMN "replayCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayAt" TIMESTAMP(3);
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReplayResult" TEXT;
CREATE INDEX "WebhookEvent_type_status_idx" ON "WebhookEvent"("type", "status");

CREATE TABLE "WebhookRejection" (
  "id" SERIAL PRIMARY KEY,
  "hour" TIMESTAMP(3) NOT NULL,
  "reason" TEXT NOT NULL,
  "count" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "WebhookRejection_hour_reason_key" ON "WebhookRejection"("hour", "reason");

CREATE TABLE "ReplayJob" (
  "id" SERIAL PRIMARY KEY,
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
  "heartbeatAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "ReplayJob_createdAt_idx" ON "ReplayJob"("createdAt");

CREATE TABLE "OpsCounter" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "value" INTEGER NOT NULL DEFAULT 0,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "OpsCounter_name_key" ON "OpsCounter"("name");

CREATE TABLE "JobLock" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "holder" TEXT NOT NULL,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "lastRunAt" TIMESTAMP(3)
);
CREATE UNIQUE INDEX "JobLock_name_key" ON "JobLock"("name");

CREATE TABLE "AlertState" (
  "id" SERIAL PRIMARY KEY,
  "key" TEXT NOT NULL,
  "active" BOOLEAN NOT NULL DEFAULT false,
  "since" TIMESTAMP(3),
  "message" TEXT,
  "lastSentAt" TIMESTAMP(3),
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "AlertState_key_key" ON "AlertState"("key");
