-- Backfill runs: options, resumable checkpoint, per-kind counts and the gap found (PostgreSQL).

CREATE TABLE "BackfillRun" (
  "id" SERIAL PRIMARY KEY,
  "status" TEXT NOT NULL,
  "dryRun" BOOLEAN NOT NULL DEFAULT false,
  "since" TIMESTAMP(3),
  "until" TIMESTAMP(3),
  "phoneNumberIds" TEXT,
  "switchId" INTEGER,
  "checkpoint" TEXT NOT NULL,
  "counts" TEXT NOT NULL,
  "requests" INTEGER NOT NULL DEFAULT 0,
  "gapFrom" TIMESTAMP(3),
  "gapTo" TIMESTAMP(3),
  "error" TEXT,
  "createdById" INTEGER,
  "heartbeatAt" TIMESTAMP(3) NOT NULL,
  "finishedAt" TIMESTAMP(3),
  "acknowledgedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "BackfillRun_createdAt_idx" ON "BackfillRun"("createdAt");
CREATE INDEX "BackfillRun_status_idx" ON "BackfillRun"("status");
