-- The completeness watch (lib/completeness/): overdue recordings, transcripts, summaries and voicemails (PostgreSQL).

CREATE TYPE "ArtifactKind" AS ENUM ('recording', 'transcript', 'summary', 'voicemail');
CREATE TYPE "ArtifactWatchStatus" AS ENUM ('pending', 'arrived', 'fetched', 'unavailable');

CREATE INDEX "Call_completedAt_idx" ON "Call"("completedAt");

CREATE TABLE "CallArtifactWatch" (
  "id" SERIAL PRIMARY KEY,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "kind" "ArtifactKind" NOT NULL,
  "status" "ArtifactWatchStatus" NOT NULL,
  "dueAt" TIMESTAMP(3) NOT NULL,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "nextAttemptAt" TIMESTAMP(3),
  "lastAttemptAt" TIMESTAMP(3),
  "lastError" TEXT,
  "resolvedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "CallArtifactWatch_callId_kind_key" ON "CallArtifactWatch"("callId", "kind");
CREATE INDEX "CallArtifactWatch_status_nextAttemptAt_idx" ON "CallArtifactWatch"("status", "nextAttemptAt");
CREATE INDEX "CallArtifactWatch_status_dueAt_idx" ON "CallArtifactWatch"("status", "dueAt");
