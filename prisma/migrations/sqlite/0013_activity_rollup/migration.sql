-- Insights at a million activities (issue #16): Activity counts per UTC quarter hour × workspace
-- number × chart category × incoming, kept exact by triggers on every insert, update and delete
-- of an Activity row, whichever code path writes it (projections, replays, bulk loads, cascades).
-- The volume chart, missed-call rate, previous period and heat map read these rows instead of
-- the range's activities (lib/insights/rollup.ts). Quarter hours: every zone offset in use
-- (:30 and :45 zones included) is a whole number of them, so local days and hours map exactly.
--   "bucket": whole UTC seconds since 1970 / 900.
--   "phoneNumberId": 0 for a row without a number (a unique key cannot hold NULLs as one value).
--   "category": lib/insights/sql.ts CATEGORY, repeated below; tests/integration/insights-rollup.test.ts
--   proves the two agree (rollup = recount with CATEGORY).
CREATE TABLE "ActivityRollup" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "bucket" INTEGER NOT NULL,
  "phoneNumberId" INTEGER NOT NULL,
  "category" TEXT NOT NULL,
  "incoming" BOOLEAN NOT NULL,
  "n" INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX "ActivityRollup_bucket_phoneNumberId_category_incoming_key" ON "ActivityRollup"("bucket", "phoneNumberId", "category", "incoming");

CREATE TRIGGER "Activity_rollup_insert" AFTER INSERT ON "Activity" BEGIN
  INSERT INTO "ActivityRollup" ("bucket", "phoneNumberId", "category", "incoming", "n")
  VALUES (
    unixepoch(new."occurredAt") / 900,
    COALESCE(new."phoneNumberId", 0),
    CASE
      WHEN new."kind" = 'message' AND new."direction" = 'incoming' THEN 'text_in'
      WHEN new."kind" = 'message' THEN 'text_out'
      WHEN new."direction" = 'outgoing' THEN 'call_out'
      WHEN new."status" = 'voicemail' OR new."hasVoicemail" = TRUE THEN 'voicemail'
      WHEN new."status" = 'missed' THEN 'missed'
      WHEN new."status" = 'answered' THEN 'answered'
      ELSE 'call_other' END,
    CASE WHEN new."direction" = 'incoming' THEN TRUE ELSE FALSE END,
    1)
  ON CONFLICT ("bucket", "phoneNumberId", "category", "incoming") DO UPDATE SET "n" = "n" + excluded."n";
END;

CREATE TRIGGER "Activity_rollup_delete" AFTER DELETE ON "Activity" BEGIN
  UPDATE "ActivityRollup" SET "n" = "n" - 1
  WHERE "bucket" = unixepoch(old."occurredAt") / 900
    AND "phoneNumberId" = COALESCE(old."phoneNumberId", 0)
    AND "category" = CASE
      WHEN old."kind" = 'message' AND old."direction" = 'incoming' THEN 'text_in'
      WHEN old."kind" = 'message' THEN 'text_out'
      WHEN old."direction" = 'outgoing' THEN 'call_out'
      WHEN old."status" = 'voicemail' OR old."hasVoicemail" = TRUE THEN 'voicemail'
      WHEN old."status" = 'missed' THEN 'missed'
      WHEN old."status" = 'answered' THEN 'answered'
      ELSE 'call_other' END
    AND "incoming" = (CASE WHEN old."direction" = 'incoming' THEN TRUE ELSE FALSE END);
END;

-- Only when a column of the key changes (a call's outcome settling, a late voicemail): the many
-- updates that add a recording, summary or transcript leave the rollup alone.
CREATE TRIGGER "Activity_rollup_update" AFTER UPDATE OF "occurredAt", "phoneNumberId", "kind", "direction", "status", "hasVoicemail" ON "Activity"
WHEN old."occurredAt" IS NOT new."occurredAt" OR old."phoneNumberId" IS NOT new."phoneNumberId" OR old."kind" IS NOT new."kind"
  OR old."direction" IS NOT new."direction" OR old."status" IS NOT new."status" OR old."hasVoicemail" IS NOT new."hasVoicemail"
BEGIN
  UPDATE "ActivityRollup" SET "n" = "n" - 1
  WHERE "bucket" = unixepoch(old."occurredAt") / 900
    AND "phoneNumberId" = COALESCE(old."phoneNumberId", 0)
    AND "category" = CASE
      WHEN old."kind" = 'message' AND old."direction" = 'incoming' THEN 'text_in'
      WHEN old."kind" = 'message' THEN 'text_out'
      WHEN old."direction" = 'outgoing' THEN 'call_out'
      WHEN old."status" = 'voicemail' OR old."hasVoicemail" = TRUE THEN 'voicemail'
      WHEN old."status" = 'missed' THEN 'missed'
      WHEN old."status" = 'answered' THEN 'answered'
      ELSE 'call_other' END
    AND "incoming" = (CASE WHEN old."direction" = 'incoming' THEN TRUE ELSE FALSE END);
  INSERT INTO "ActivityRollup" ("bucket", "phoneNumberId", "category", "incoming", "n")
  VALUES (
    unixepoch(new."occurredAt") / 900,
    COALESCE(new."phoneNumberId", 0),
    CASE
      WHEN new."kind" = 'message' AND new."direction" = 'incoming' THEN 'text_in'
      WHEN new."kind" = 'message' THEN 'text_out'
      WHEN new."direction" = 'outgoing' THEN 'call_out'
      WHEN new."status" = 'voicemail' OR new."hasVoicemail" = TRUE THEN 'voicemail'
      WHEN new."status" = 'missed' THEN 'missed'
      WHEN new."status" = 'answered' THEN 'answered'
      ELSE 'call_other' END,
    CASE WHEN new."direction" = 'incoming' THEN TRUE ELSE FALSE END,
    1)
  ON CONFLICT ("bucket", "phoneNumberId", "category", "incoming") DO UPDATE SET "n" = "n" + excluded."n";
END;

-- Backfill from the rows already there (the same rule as the triggers).
INSERT INTO "ActivityRollup" ("bucket", "phoneNumberId", "category", "incoming", "n")
SELECT x."bucket", x."phoneNumberId", x."category", x."incoming", COUNT(*)
FROM (
  SELECT
    unixepoch(a."occurredAt") / 900 AS "bucket",
    COALESCE(a."phoneNumberId", 0) AS "phoneNumberId",
    CASE
      WHEN a."kind" = 'message' AND a."direction" = 'incoming' THEN 'text_in'
      WHEN a."kind" = 'message' THEN 'text_out'
      WHEN a."direction" = 'outgoing' THEN 'call_out'
      WHEN a."status" = 'voicemail' OR a."hasVoicemail" = TRUE THEN 'voicemail'
      WHEN a."status" = 'missed' THEN 'missed'
      WHEN a."status" = 'answered' THEN 'answered'
      ELSE 'call_other' END AS "category",
    CASE WHEN a."direction" = 'incoming' THEN TRUE ELSE FALSE END AS "incoming"
  FROM "Activity" a
) x
GROUP BY x."bucket", x."phoneNumberId", x."category", x."incoming";
