-- Initial schema (SQLite). DateTime columns hold ISO-8601 text as the Prisma adapter writes it,
-- so SQL defaults use the same format; enum columns are TEXT with CHECK constraints.

CREATE TABLE "PhoneNumber" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT NOT NULL,
  "number" TEXT,
  "name" TEXT,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "PhoneNumber_openphoneId_key" ON "PhoneNumber"("openphoneId");

CREATE TABLE "Contact" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "number" TEXT,
  "openphoneContactId" TEXT,
  "firstName" TEXT,
  "lastName" TEXT,
  "company" TEXT,
  "sourceUpdatedAt" DATETIME,
  "deletedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Contact_number_key" ON "Contact"("number");
CREATE UNIQUE INDEX "Contact_openphoneContactId_key" ON "Contact"("openphoneContactId");

CREATE TABLE "Conversation" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT,
  "phoneNumberId" INTEGER NOT NULL REFERENCES "PhoneNumber"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "participant" TEXT NOT NULL,
  "contactId" INTEGER REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "lastActivityAt" DATETIME,
  "readAt" DATETIME,
  "doneAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Conversation_openphoneId_key" ON "Conversation"("openphoneId");
CREATE UNIQUE INDEX "Conversation_phoneNumberId_participant_key" ON "Conversation"("phoneNumberId", "participant");
CREATE INDEX "Conversation_lastActivityAt_idx" ON "Conversation"("lastActivityAt");

CREATE TABLE "Message" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT NOT NULL,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" TEXT NOT NULL CHECK ("direction" IN ('incoming','outgoing')),
  "fromNumber" TEXT,
  "toNumbers" TEXT,
  "text" TEXT,
  "status" TEXT NOT NULL CHECK ("status" IN ('queued','received','sent','delivered','failed','undelivered')),
  "statusRank" INTEGER NOT NULL,
  "statusAt" DATETIME NOT NULL,
  "errorCode" TEXT,
  "errorMessage" TEXT,
  "userId" TEXT,
  "occurredAt" DATETIME NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Message_openphoneId_key" ON "Message"("openphoneId");

CREATE TABLE "MediaAttachment" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "messageId" INTEGER NOT NULL REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "position" INTEGER NOT NULL,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "size" INTEGER,
  "duration" REAL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now'))
);
CREATE UNIQUE INDEX "MediaAttachment_messageId_position_key" ON "MediaAttachment"("messageId", "position");

CREATE TABLE "Call" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT NOT NULL,
  "hasDetails" BOOLEAN NOT NULL DEFAULT false,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" TEXT CHECK ("direction" IN ('incoming','outgoing')),
  "status" TEXT,
  "outcome" TEXT CHECK ("outcome" IN ('ringing','in_progress','answered','missed','voicemail','forwarded')),
  "statusRank" INTEGER NOT NULL DEFAULT 0,
  "fromNumber" TEXT,
  "toNumber" TEXT,
  "participant" TEXT,
  "userId" TEXT,
  "answeredBy" TEXT,
  "initiatedBy" TEXT,
  "forwardedFrom" TEXT,
  "forwardedTo" TEXT,
  "occurredAt" DATETIME,
  "answeredAt" DATETIME,
  "completedAt" DATETIME,
  "duration" INTEGER,
  "sourceUpdatedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Call_openphoneId_key" ON "Call"("openphoneId");

CREATE TABLE "Recording" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "key" TEXT NOT NULL,
  "openphoneId" TEXT,
  "position" INTEGER NOT NULL DEFAULT 0,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "duration" REAL,
  "size" INTEGER,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now'))
);
CREATE UNIQUE INDEX "Recording_callId_key_key" ON "Recording"("callId", "key");

CREATE TABLE "Voicemail" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "duration" REAL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Voicemail_callId_key" ON "Voicemail"("callId");

CREATE TABLE "CallSummary" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "status" TEXT NOT NULL,
  "summary" TEXT NOT NULL,
  "nextSteps" TEXT NOT NULL,
  "sentiment" TEXT,
  "versionAt" DATETIME NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "CallSummary_callId_key" ON "CallSummary"("callId");

CREATE TABLE "CallTranscript" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "status" TEXT NOT NULL,
  "duration" REAL,
  "versionAt" DATETIME NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "CallTranscript_callId_key" ON "CallTranscript"("callId");

CREATE TABLE "TranscriptSegment" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "transcriptId" INTEGER NOT NULL REFERENCES "CallTranscript"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "position" INTEGER NOT NULL,
  "identifier" TEXT,
  "userId" TEXT,
  "start" REAL NOT NULL,
  "end" REAL NOT NULL,
  "content" TEXT NOT NULL
);
CREATE UNIQUE INDEX "TranscriptSegment_transcriptId_position_key" ON "TranscriptSegment"("transcriptId", "position");

CREATE TABLE "Activity" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "kind" TEXT NOT NULL CHECK ("kind" IN ('message','call')),
  "occurredAt" DATETIME NOT NULL,
  "messageId" INTEGER REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "callId" INTEGER REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "contactId" INTEGER REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" TEXT CHECK ("direction" IN ('incoming','outgoing')),
  "status" TEXT,
  "hasMedia" BOOLEAN NOT NULL DEFAULT false,
  "hasRecording" BOOLEAN NOT NULL DEFAULT false,
  "hasVoicemail" BOOLEAN NOT NULL DEFAULT false,
  "hasSummary" BOOLEAN NOT NULL DEFAULT false,
  "hasTranscript" BOOLEAN NOT NULL DEFAULT false,
  "preview" TEXT NOT NULL DEFAULT '',
  "searchText" TEXT NOT NULL DEFAULT '',
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "Activity_messageId_key" ON "Activity"("messageId");
CREATE UNIQUE INDEX "Activity_callId_key" ON "Activity"("callId");
CREATE INDEX "Activity_occurredAt_id_idx" ON "Activity"("occurredAt", "id");
CREATE INDEX "Activity_conversationId_occurredAt_id_idx" ON "Activity"("conversationId", "occurredAt", "id");
CREATE INDEX "Activity_phoneNumberId_occurredAt_id_idx" ON "Activity"("phoneNumberId", "occurredAt", "id");
CREATE INDEX "Activity_contactId_occurredAt_id_idx" ON "Activity"("contactId", "occurredAt", "id");

-- Full-text search: external-content FTS5 over Activity.searchText, kept current by triggers.
-- "id" is INTEGER PRIMARY KEY, so it is the rowid and survives VACUUM.
CREATE VIRTUAL TABLE "ActivityFts" USING fts5(
  "searchText",
  content='Activity',
  content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER "Activity_fts_insert" AFTER INSERT ON "Activity" BEGIN
  INSERT INTO "ActivityFts"(rowid, "searchText") VALUES (new."id", new."searchText");
END;
CREATE TRIGGER "Activity_fts_delete" AFTER DELETE ON "Activity" BEGIN
  INSERT INTO "ActivityFts"("ActivityFts", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;
CREATE TRIGGER "Activity_fts_update" AFTER UPDATE OF "searchText" ON "Activity" BEGIN
  INSERT INTO "ActivityFts"("ActivityFts", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
  INSERT INTO "ActivityFts"(rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TABLE "WebhookEvent" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "eventId" TEXT NOT NULL,
  "deliveryId" TEXT,
  "type" TEXT NOT NULL,
  "apiVersion" TEXT,
  "signatureScheme" TEXT NOT NULL,
  "status" TEXT NOT NULL CHECK ("status" IN ('processed','ignored','invalid','failed')),
  "resourceId" TEXT,
  "occurredAt" DATETIME,
  "receivedAt" DATETIME NOT NULL,
  "processedAt" DATETIME,
  "attempts" INTEGER NOT NULL DEFAULT 1,
  "duplicates" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT,
  "headers" TEXT NOT NULL,
  "rawBody" TEXT NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "WebhookEvent_eventId_key" ON "WebhookEvent"("eventId");
CREATE INDEX "WebhookEvent_receivedAt_id_idx" ON "WebhookEvent"("receivedAt", "id");
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");
CREATE INDEX "WebhookEvent_resourceId_idx" ON "WebhookEvent"("resourceId");

CREATE TABLE "WebhookSubscription" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT NOT NULL,
  "url" TEXT NOT NULL,
  "events" TEXT NOT NULL,
  "resourceIds" TEXT NOT NULL,
  "label" TEXT,
  "status" TEXT NOT NULL,
  "encryptedKey" TEXT,
  "syncedAt" DATETIME,
  "deletedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "WebhookSubscription_openphoneId_key" ON "WebhookSubscription"("openphoneId");

CREATE TABLE "User" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "passwordHash" TEXT,
  "role" TEXT NOT NULL DEFAULT 'staff' CHECK ("role" IN ('admin','staff')),
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "updatedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE TABLE "Session" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "tokenHash" TEXT NOT NULL,
  "userId" INTEGER NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "expiresAt" DATETIME NOT NULL,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "lastSeenAt" DATETIME
);
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
