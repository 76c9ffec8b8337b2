-- Timeline (lib/activity/timeline.ts). One index in timeline order, (occurredAt, id), that also
-- carries every column the filters and the kind counts read (INCLUDE), so filtered pages and counts
-- can be answered by index-only scans. It replaces the plain (occurredAt, id) index.
DROP INDEX IF EXISTS "Activity_occurredAt_id_idx";
CREATE INDEX "Activity_timeline_idx" ON "Activity"("occurredAt", "id")
  INCLUDE ("kind", "status", "direction", "phoneNumberId", "contactId", "hasMedia", "hasRecording", "hasVoicemail");
