-- Staff accounts and access control (SQLite): API tokens, one-time setup links, sign-in attempts.

ALTER TABLE "User" ADD COLUMN "lastSignInAt" DATETIME;

CREATE TABLE "ApiToken" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "name" TEXT NOT NULL,
  "tokenHash" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "createdById" INTEGER NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now')),
  "lastUsedAt" DATETIME,
  "revokedAt" DATETIME
);
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_createdById_idx" ON "ApiToken"("createdById");

CREATE TABLE "SetupToken" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "tokenHash" TEXT NOT NULL,
  "purpose" TEXT NOT NULL CHECK ("purpose" IN ('first_admin','set_password')),
  "userId" INTEGER REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "expiresAt" DATETIME NOT NULL,
  "usedAt" DATETIME,
  "createdAt" DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f+00:00','now'))
);
CREATE UNIQUE INDEX "SetupToken_tokenHash_key" ON "SetupToken"("tokenHash");
CREATE INDEX "SetupToken_userId_idx" ON "SetupToken"("userId");

CREATE TABLE "SignInAttempt" (
  "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
  "email" TEXT NOT NULL,
  "ip" TEXT NOT NULL,
  "succeeded" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" DATETIME NOT NULL
);
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");
CREATE INDEX "SignInAttempt_ip_createdAt_idx" ON "SignInAttempt"("ip", "createdAt");
CREATE INDEX "SignInAttempt_createdAt_idx" ON "SignInAttempt"("createdAt");
