-- Conversation inbox: explicit "Mark unread" flag, and indexes for the keyset-paginated list
-- ordered by (lastActivityAt DESC, id DESC), optionally filtered by workspace number, and for its
-- per-conversation message/call counts.
ALTER TABLE "Conversation" ADD COLUMN "markedUnread" BOOLEAN NOT NULL DEFAULT false;
DROP INDEX IF EXISTS "Conversation_lastActivityAt_idx";
CREATE INDEX "Conversation_lastActivityAt_id_idx" ON "Conversation"("lastActivityAt", "id");
CREATE INDEX "Conversation_phoneNumberId_lastActivityAt_id_idx" ON "Conversation"("phoneNumberId", "lastActivityAt", "id");
CREATE INDEX "Activity_conversationId_kind_idx" ON "Activity"("conversationId", "kind");
