-- Initial schema (PostgreSQL). TIMESTAMP(3) has no zone: the runner pins the session time zone to UTC.

CREATE TYPE "Direction" AS ENUM ('incoming', 'outgoing');
CREATE TYPE "MessageStatus" AS ENUM ('queued', 'received', 'sent', 'delivered', 'failed', 'undelivered');
CREATE TYPE "CallOutcome" AS ENUM ('ringing', 'in_progress', 'answered', 'missed', 'voicemail', 'forwarded');
CREATE TYPE "ActivityKind" AS ENUM ('message', 'call');
CREATE TYPE "WebhookEventStatus" AS ENUM ('processed', 'ignored', 'invalid', 'failed');
CREATE TYPE "Role" AS ENUM ('admin', 'staff');

CREATE TABLE "PhoneNumber" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT NOT NULL,
  "number" TEXT,
  "name" TEXT,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "PhoneNumber_openphoneId_key" ON "PhoneNumber"("openphoneId");

CREATE TABLE "Contact" (
  "id" SERIAL PRIMARY KEY,
  "number" TEXT,
  "openphoneContactId" TEXT,
  "firstName" TEXT,
  "lastName" TEXT,
  "company" TEXT,
  "sourceUpdatedAt" TIMESTAMP(3),
  "deletedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Contact_number_key" ON "Contact"("number");
CREATE UNIQUE INDEX "Contact_openphoneContactId_key" ON "Contact"("openphoneContactId");

CREATE TABLE "Conversation" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT,
  "phoneNumberId" INTEGER NOT NULL REFERENCES "PhoneNumber"("id") ON DELETE RESTRICT ON UPDATE CASCADE,
  "participant" TEXT NOT NULL,
  "contactId" INTEGER REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "lastActivityAt" TIMESTAMP(3),
  "readAt" TIMESTAMP(3),
  "doneAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Conversation_openphoneId_key" ON "Conversation"("openphoneId");
CREATE UNIQUE INDEX "Conversation_phoneNumberId_participant_key" ON "Conversation"("phoneNumberId", "participant");
CREATE INDEX "Conversation_lastActivityAt_idx" ON "Conversation"("lastActivityAt");

CREATE TABLE "Message" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT NOT NULL,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" "Direction" NOT NULL,
  "fromNumber" TEXT,
  "toNumbers" TEXT,
  "text" TEXT,
  "status" "MessageStatus" NOT NULL,
  "statusRank" INTEGER NOT NULL,
  "statusAt" TIMESTAMP(3) NOT NULL,
  "errorCode" TEXT,
  "errorMessage" TEXT,
  "userId" TEXT,
  "occurredAt" TIMESTAMP(3) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Message_openphoneId_key" ON "Message"("openphoneId");

CREATE TABLE "MediaAttachment" (
  "id" SERIAL PRIMARY KEY,
  "messageId" INTEGER NOT NULL REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "position" INTEGER NOT NULL,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "size" INTEGER,
  "duration" DOUBLE PRECISION,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "MediaAttachment_messageId_position_key" ON "MediaAttachment"("messageId", "position");

CREATE TABLE "Call" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT NOT NULL,
  "hasDetails" BOOLEAN NOT NULL DEFAULT false,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" "Direction",
  "status" TEXT,
  "outcome" "CallOutcome",
  "statusRank" INTEGER NOT NULL DEFAULT 0,
  "fromNumber" TEXT,
  "toNumber" TEXT,
  "participant" TEXT,
  "userId" TEXT,
  "answeredBy" TEXT,
  "initiatedBy" TEXT,
  "forwardedFrom" TEXT,
  "forwardedTo" TEXT,
  "occurredAt" TIMESTAMP(3),
  "answeredAt" TIMESTAMP(3),
  "completedAt" TIMESTAMP(3),
  "duration" INTEGER,
  "sourceUpdatedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Call_openphoneId_key" ON "Call"("openphoneId");

CREATE TABLE "Recording" (
  "id" SERIAL PRIMARY KEY,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "key" TEXT NOT NULL,
  "openphoneId" TEXT,
  "position" INTEGER NOT NULL DEFAULT 0,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "duration" DOUBLE PRECISION,
  "size" INTEGER,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "Recording_callId_key_key" ON "Recording"("callId", "key");

CREATE TABLE "Voicemail" (
  "id" SERIAL PRIMARY KEY,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "url" TEXT NOT NULL,
  "contentType" TEXT,
  "duration" DOUBLE PRECISION,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Voicemail_callId_key" ON "Voicemail"("callId");

CREATE TABLE "CallSummary" (
  "id" SERIAL PRIMARY KEY,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "status" TEXT NOT NULL,
  "summary" TEXT NOT NULL,
  "nextSteps" TEXT NOT NULL,
  "sentiment" TEXT,
  "versionAt" TIMESTAMP(3) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "CallSummary_callId_key" ON "CallSummary"("callId");

CREATE TABLE "CallTranscript" (
  "id" SERIAL PRIMARY KEY,
  "callId" INTEGER NOT NULL REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "status" TEXT NOT NULL,
  "duration" DOUBLE PRECISION,
  "versionAt" TIMESTAMP(3) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "CallTranscript_callId_key" ON "CallTranscript"("callId");

CREATE TABLE "TranscriptSegment" (
  "id" SERIAL PRIMARY KEY,
  "transcriptId" INTEGER NOT NULL REFERENCES "CallTranscript"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "position" INTEGER NOT NULL,
  "identifier" TEXT,
  "userId" TEXT,
  "start" DOUBLE PRECISION NOT NULL,
  "end" DOUBLE PRECISION NOT NULL,
  "content" TEXT NOT NULL
);
CREATE UNIQUE INDEX "TranscriptSegment_transcriptId_position_key" ON "TranscriptSegment"("transcriptId", "position");

CREATE TABLE "Activity" (
  "id" SERIAL PRIMARY KEY,
  "kind" "ActivityKind" NOT NULL,
  "occurredAt" TIMESTAMP(3) NOT NULL,
  "messageId" INTEGER REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "callId" INTEGER REFERENCES "Call"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "phoneNumberId" INTEGER REFERENCES "PhoneNumber"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "conversationId" INTEGER REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "contactId" INTEGER REFERENCES "Contact"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "direction" "Direction",
  "status" TEXT,
  "hasMedia" BOOLEAN NOT NULL DEFAULT false,
  "hasRecording" BOOLEAN NOT NULL DEFAULT false,
  "hasVoicemail" BOOLEAN NOT NULL DEFAULT false,
  "hasSummary" BOOLEAN NOT NULL DEFAULT false,
  "hasTranscript" BOOLEAN NOT NULL DEFAULT false,
  "preview" TEXT NOT NULL DEFAULT '',
  "searchText" TEXT NOT NULL DEFAULT '',
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "Activity_messageId_key" ON "Activity"("messageId");
CREATE UNIQUE INDEX "Activity_callId_key" ON "Activity"("callId");
CREATE INDEX "Activity_occurredAt_id_idx" ON "Activity"("occurredAt", "id");
CREATE INDEX "Activity_conversationId_occurredAt_id_idx" ON "Activity"("conversationId", "occurredAt", "id");
CREATE INDEX "Activity_phoneNumberId_occurredAt_id_idx" ON "Activity"("phoneNumberId", "occurredAt", "id");
CREATE INDEX "Activity_contactId_occurredAt_id_idx" ON "Activity"("contactId", "occurredAt", "id");

-- Full-text search: a generated tsvector column with a GIN index. Never SELECT * from "Activity":
-- Prisma cannot deserialize tsvector (it does not know the column).
ALTER TABLE "Activity" ADD COLUMN "searchVector" tsvector
  GENERATED ALWAYS AS (to_tsvector('english', "searchText")) STORED;
CREATE INDEX "Activity_searchVector_idx" ON "Activity" USING GIN ("searchVector");

CREATE TABLE "WebhookEvent" (
  "id" SERIAL PRIMARY KEY,
  "eventId" TEXT NOT NULL,
  "deliveryId" TEXT,
  "type" TEXT NOT NULL,
  "apiVersion" TEXT,
  "signatureScheme" TEXT NOT NULL,
  "status" "WebhookEventStatus" NOT NULL,
  "resourceId" TEXT,
  "occurredAt" TIMESTAMP(3),
  "receivedAt" TIMESTAMP(3) NOT NULL,
  "processedAt" TIMESTAMP(3),
  "attempts" INTEGER NOT NULL DEFAULT 1,
  "duplicates" INTEGER NOT NULL DEFAULT 0,
  "lastError" TEXT,
  "headers" TEXT NOT NULL,
  "rawBody" TEXT NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "WebhookEvent_eventId_key" ON "WebhookEvent"("eventId");
CREATE INDEX "WebhookEvent_receivedAt_id_idx" ON "WebhookEvent"("receivedAt", "id");
CREATE INDEX "WebhookEvent_status_receivedAt_idx" ON "WebhookEvent"("status", "receivedAt");
CREATE INDEX "WebhookEvent_resourceId_idx" ON "WebhookEvent"("resourceId");

CREATE TABLE "WebhookSubscription" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT NOT NULL,
  "url" TEXT NOT NULL,
  "events" TEXT NOT NULL,
  "resourceIds" TEXT NOT NULL,
  "label" TEXT,
  "status" TEXT NOT NULL,
  "encryptedKey" TEXT,
  "syncedAt" TIMESTAMP(3),
  "deletedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "WebhookSubscription_openphoneId_key" ON "WebhookSubscription"("openphoneId");

CREATE TABLE "User" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "passwordHash" TEXT,
  "role" "Role" NOT NULL DEFAULT 'staff',
  "active" BOOLEAN NOT NULL DEFAULT true,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "updatedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

CREATE TABLE "Session" (
  "id" SERIAL PRIMARY KEY,
  "tokenHash" TEXT NOT NULL,
  "userId" INTEGER NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastSeenAt" TIMESTAMP(3)
);
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");
CREATE INDEX "Session_userId_idx" ON "Session"("userId");
