-- Timeline (lib/activity/timeline.ts). One index in timeline order, (occurredAt, id), that also
-- holds every column the filters and the kind counts read: a filtered page walks it newest-first
-- and skips non-matching rows without touching the table (whose rows carry long transcripts), and
-- the counts scan it instead of the table. It replaces the plain (occurredAt, id) index.
DROP INDEX IF EXISTS "Activity_occurredAt_id_idx";
CREATE INDEX "Activity_timeline_idx" ON "Activity"(
  "occurredAt", "id", "kind", "status", "direction", "phoneNumberId", "contactId", "hasMedia", "hasRecording", "hasVoicemail"
);
