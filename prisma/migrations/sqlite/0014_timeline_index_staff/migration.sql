-- The insights staff table (lib/insights/queries.ts staffSql) picks the range's answered calls and
-- outgoing texts, then needs their callId / messageId: carried in the timeline index, the pick reads
-- only the index, not ~80k table rows (whose rows carry long transcripts) at a million activities.
DROP INDEX "Activity_timeline_idx";
CREATE INDEX "Activity_timeline_idx" ON "Activity"(
  "occurredAt", "id", "kind", "status", "direction", "phoneNumberId", "contactId", "hasMedia", "hasRecording", "hasVoicemail", "callId", "messageId"
);
