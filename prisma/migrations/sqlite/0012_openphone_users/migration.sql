-- The workspace's OpenPhone users (US… ids) with their names, read from the API
-- (lib/openphone/directory.ts), so insights and the timeline name people instead of ids.
CREATE TABLE "OpenPhoneUser" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "openphoneId" TEXT NOT NULL,
  "name" TEXT,
  "email" TEXT,
  "role" TEXT,
  "syncedAt" DATETIME NOT NULL
);
CREATE UNIQUE INDEX "OpenPhoneUser_openphoneId_key" ON "OpenPhoneUser"("openphoneId");
