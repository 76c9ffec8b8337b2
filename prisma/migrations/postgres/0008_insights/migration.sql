-- Insights and the callback queue (lib/insights/, lib/callbacks/).
-- "The first outgoing call or text to this contact after t" and "the contact's last outgoing
-- activity" become one index seek each (time to callback, first response, the callback queue).
CREATE INDEX "Activity_contactId_direction_occurredAt_idx" ON "Activity"("contactId", "direction", "occurredAt");

-- A missed call or voicemail marked handled in the callback queue: who and when.
CREATE TABLE "HandledCallback" (
  "id" SERIAL PRIMARY KEY,
  "activityId" INTEGER NOT NULL REFERENCES "Activity"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "handledById" INTEGER REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE,
  "handledAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "HandledCallback_activityId_key" ON "HandledCallback"("activityId");
CREATE INDEX "HandledCallback_handledAt_idx" ON "HandledCallback"("handledAt");
