-- Real payloads of every generation (issue 11): deep links back into OpenPhone, the contact ids an
-- activity names, group threads with every participant, voicemail transcripts (a 2026-03-30
-- voicemail may arrive before its recording URL), and repeated deliveries of one event id.
ALTER TABLE "Message" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Message" ADD COLUMN "contactIds" TEXT;
ALTER TABLE "Call" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Call" ADD COLUMN "contactIds" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "openphoneUrl" TEXT;
ALTER TABLE "Conversation" ADD COLUMN "participants" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastDeliveryId" TEXT;
ALTER TABLE "WebhookEvent" ADD COLUMN "lastReceivedAt" DATETIME;

-- SQLite cannot drop NOT NULL in place: rebuild Voicemail (nothing references it).
CREATE TABLE "new_Voicemail" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "openphoneId" TEXT,
  "url" TEXT,
  "contentType" TEXT,
  "duration" REAL,
  "transcript" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Voicemail" ("id", "callId", "url", "contentType", "duration", "createdAt", "updatedAt")
  SELECT "id", "callId", "url", "contentType", "duration", "createdAt", "updatedAt" FROM "Voicemail";
DROP TABLE "Voicemail";
ALTER TABLE "new_Voicemail" RENAME TO "Voicemail";
CREATE UNIQUE INDEX "Voicemail_callId_key" ON "Voicemail"("callId");
