-- The insights staff table (lib/insights/queries.ts staffSql) picks the range's answered calls and
-- outgoing texts, then needs their callId / messageId: INCLUDEd in the timeline index, the pick is an
-- index-only scan instead of ~80k heap fetches at a million activities.
DROP INDEX "Activity_timeline_idx";
CREATE INDEX "Activity_timeline_idx" ON "Activity"("occurredAt", "id")
  INCLUDE ("kind", "status", "direction", "phoneNumberId", "contactId", "hasMedia", "hasRecording", "hasVoicemail", "callId", "messageId");
