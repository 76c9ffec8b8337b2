-- The workspace's OpenPhone users (US… ids) with their names, read from the API
-- (lib/openphone/directory.ts), so insights and the timeline name people instead of ids.
CREATE TABLE "OpenPhoneUser" (
  "id" SERIAL PRIMARY KEY,
  "openphoneId" TEXT NOT NULL,
  "name" TEXT,
  "email" TEXT,
  "role" TEXT,
  "syncedAt" TIMESTAMP(3) NOT NULL
);
CREATE UNIQUE INDEX "OpenPhoneUser_openphoneId_key" ON "OpenPhoneUser"("openphoneId");
