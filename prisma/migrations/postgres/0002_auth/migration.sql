-- Staff accounts and access control (PostgreSQL): API tokens, one-time setup links, sign-in attempts.

CREATE TYPE "SetupTokenPurpose" AS ENUM ('first_admin', 'set_password');

ALTER TABLE "User" ADD COLUMN "lastSignInAt" TIMESTAMP(3);

CREATE TABLE "ApiToken" (
  "id" SERIAL PRIMARY KEY,
  "name" TEXT NOT NULL,
  "tokenHash" TEXT NOT NULL,
  "prefix" TEXT NOT NULL,
  "createdById" INTEGER NOT NULL REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "lastUsedAt" TIMESTAMP(3),
  "revokedAt" TIMESTAMP(3)
);
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");
CREATE INDEX "ApiToken_createdById_idx" ON "ApiToken"("createdById");

CREATE TABLE "SetupToken" (
  "id" SERIAL PRIMARY KEY,
  "tokenHash" TEXT NOT NULL,
  "purpose" "SetupTokenPurpose" NOT NULL,
  "userId" INTEGER REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  "expiresAt" TIMESTAMP(3) NOT NULL,
  "usedAt" TIMESTAMP(3),
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "SetupToken_tokenHash_key" ON "SetupToken"("tokenHash");
CREATE INDEX "SetupToken_userId_idx" ON "SetupToken"("userId");

CREATE TABLE "SignInAttempt" (
  "id" SERIAL PRIMARY KEY,
  "email" TEXT NOT NULL,
  "ip" TEXT NOT NULL,
  "succeeded" BOOLEAN NOT NULL DEFAULT false,
  "createdAt" TIMESTAMP(3) NOT NULL
);
CREATE INDEX "SignInAttempt_email_createdAt_idx" ON "SignInAttempt"("email", "createdAt");
CREATE INDEX "SignInAttempt_ip_createdAt_idx" ON "SignInAttempt"("ip", "createdAt");
CREATE INDEX "SignInAttempt_createdAt_idx" ON "SignInAttempt"("createdAt");
