-- The completeness watch (lib/completeness/): overdue recordings, transcripts, summaries and voicemails (SQLite).

CREATE INDEX "Call_completedAt_idx" ON "Call"("completedAt");

CREATE TABLE "CallArtifactWatch" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('recording','transcript','summary','voicemail')),
  "status" TEXT NOT NULL CHECK ("status" IN ('pending','arrived','fetched','unavailable')),
  "dueAt" DATETIME NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" DATETIME,
  "lastAttemptAt" DATETIME,
  "lastError" TEXT,
  "resolvedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "CallArtifactWatch_callId_kind_key" ON "CallArtifactWatch"("callId", "kind");
CREATE INDEX "CallArtifactWatch_status_nextAttemptAt_idx" ON "CallArtifactWatch"("status", "nextAttemptAt");
CREATE INDEX "CallArtifactWatch_status_dueAt_idx" ON "CallArtifactWatch"("status", "dueAt");
