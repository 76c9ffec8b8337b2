-- Backfill runs: options, resumable checkpoint, per-kind counts and the gap found (SQLite).

CREATE TABLE "BackfillRun" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "status" TEXT NOT NULL,
  "dryRun" BOOLEAN NOT NULL DEFAULT false,
  "since" DATETIME,
  "until" DATETIME,
  "phoneNumberIds" TEXT,
  "switchId" INTEGER,
  "checkpoint" TEXT NOT NULL,
  "counts" TEXT NOT NULL,
  "requests" INTEGER NOT NULL DEFAULT 0,
  "gapFrom" DATETIME,
  "gapTo" DATETIME,
  "error" TEXT,
  "createdById" INTEGER,
  "heartbeatAt" DATETIME NOT NULL,
  "finishedAt" DATETIME,
  "acknowledgedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE INDEX "BackfillRun_createdAt_idx" ON "BackfillRun"("createdAt");
CREATE INDEX "BackfillRun_status_idx" ON "BackfillRun"("status");
