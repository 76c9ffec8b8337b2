-- Insights at a million activities (issue #16): Activity counts per UTC quarter hour × workspace
-- number × chart category × incoming, kept exact by triggers on every insert, update and delete
-- of an Activity row, whichever code path writes it (projections, replays, bulk loads, cascades).
-- The volume chart, missed-call rate, previous period and heat map read these rows instead of
-- the range's activities (lib/insights/rollup.ts). Quarter hours: every zone offset in use
-- (:30 and :45 zones included) is a whole number of them, so local days and hours map exactly.
--   "bucket": whole UTC seconds since 1970 / 900.
--   "phoneNumberId": 0 for a row without a number (a unique key cannot hold NULLs as one value).
--   "category": lib/insights/sql.ts CATEGORY, repeated in activity_rollup_category below;
--   tests/integration/insights-rollup.test.ts proves the two agree (rollup = recount with CATEGORY).
CREATE TABLE "ActivityRollup" (
  "id" SERIAL PRIMARY KEY,
  "bucket" INTEGER NOT NULL,
  "phoneNumberId" INTEGER NOT NULL,
  "category" TEXT NOT NULL,
  "incoming" BOOLEAN NOT NULL,
  "n" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "ActivityRollup_bucket_phoneNumberId_category_incoming_key" ON "ActivityRollup"("bucket", "phoneNumberId", "category", "incoming");

CREATE FUNCTION "activity_rollup_bucket"(at TIMESTAMP(3)) RETURNS INTEGER
LANGUAGE sql IMMUTABLE AS $$ SELECT CAST(FLOOR(EXTRACT(EPOCH FROM at) / 900) AS INTEGER) $$;

CREATE FUNCTION "activity_rollup_category"(kind "ActivityKind", direction "Direction", status TEXT, has_voicemail BOOLEAN) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN kind = 'message' AND direction = 'incoming' THEN 'text_in'
    WHEN kind = 'message' THEN 'text_out'
    WHEN direction = 'outgoing' THEN 'call_out'
    WHEN status = 'voicemail' OR has_voicemail = TRUE THEN 'voicemail'
    WHEN status = 'missed' THEN 'missed'
    WHEN status = 'answered' THEN 'answered'
    ELSE 'call_other' END
$$;

-- -1 for the row as it was, +1 for the row as it is. ON CONFLICT … n + 1 is safe when several
-- instances count into the same quarter hour at once. The search_path is the migration's, so a
-- session with another one (an admin's psql) that writes Activity still counts into this schema.
CREATE FUNCTION "activity_rollup_apply"() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE "ActivityRollup" SET "n" = "n" - 1
    WHERE "bucket" = activity_rollup_bucket(OLD."occurredAt")
      AND "phoneNumberId" = COALESCE(OLD."phoneNumberId", 0)
      AND "category" = activity_rollup_category(OLD."kind", OLD."direction", OLD."status", OLD."hasVoicemail")
      AND "incoming" = COALESCE(OLD."direction" = 'incoming', FALSE);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO "ActivityRollup" ("bucket", "phoneNumberId", "category", "incoming", "n")
    VALUES (
      activity_rollup_bucket(NEW."occurredAt"),
      COALESCE(NEW."phoneNumberId", 0),
      activity_rollup_category(NEW."kind", NEW."direction", NEW."status", NEW."hasVoicemail"),
      COALESCE(NEW."direction" = 'incoming', FALSE),
      1)
    ON CONFLICT ("bucket", "phoneNumberId", "category", "incoming") DO UPDATE SET "n" = "ActivityRollup"."n" + 1;
  END IF;
  RETURN NULL;
END
$$;

-- Deferred to the commit: the quarter hour's row (a hot row: every text of a busy number lands in
-- the same one) stays locked only while the transaction commits, not for the rest of an ingest
-- batch. The row versions each event saw are the ones passed, so the -1/+1 still add up exactly.
CREATE CONSTRAINT TRIGGER "Activity_rollup_insert" AFTER INSERT ON "Activity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION activity_rollup_apply();
CREATE CONSTRAINT TRIGGER "Activity_rollup_delete" AFTER DELETE ON "Activity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION activity_rollup_apply();
-- Only when a column of the key changes (a call's outcome settling, a late voicemail): the many
-- updates that add a recording, summary or transcript leave the rollup alone.
CREATE CONSTRAINT TRIGGER "Activity_rollup_update" AFTER UPDATE ON "Activity"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD."occurredAt" IS DISTINCT FROM NEW."occurredAt" OR OLD."phoneNumberId" IS DISTINCT FROM NEW."phoneNumberId"
    OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."direction" IS DISTINCT FROM NEW."direction"
    OR OLD."status" IS DISTINCT FROM NEW."status" OR OLD."hasVoicemail" IS DISTINCT FROM NEW."hasVoicemail")
  EXECUTE FUNCTION activity_rollup_apply();

-- Backfill from the rows already there (the same functions as the triggers).
INSERT INTO "ActivityRollup" ("bucket", "phoneNumberId", "category", "incoming", "n")
SELECT activity_rollup_bucket(a."occurredAt"), COALESCE(a."phoneNumberId", 0),
       activity_rollup_category(a."kind", a."direction", a."status", a."hasVoicemail"),
       COALESCE(a."direction" = 'incoming', FALSE), COUNT(*)
FROM "Activity" a
GROUP BY 1, 2, 3, 4;
