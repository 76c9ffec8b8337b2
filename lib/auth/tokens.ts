import type { AppDatabase } from "../db/types";
import { hashToken, randomToken } from "./random-token";
import type { SessionUser } from "./types";

/** Recognisable in logs and secret scanners. */
export const API_TOKEN_PREFIX = "opi_";
const LAST_USED_INTERVAL_MS = 60_000;

export type ApiTokenListItem = {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdBy: { email: string };
};

/** Creates a named token. The plain value is returned once and never stored. */
export async function createApiToken(
  db: AppDatabase,
  input: { name: string; createdById: number },
  now: Date,
): Promise<{ id: number; token: string }> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  const [row] = await db.prisma.$transaction([
    db.prisma.apiToken.create({
      data: { name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, API_TOKEN_PREFIX.length + 6), createdById: input.createdById, createdAt: now },
      select: { id: true },
    }),
  ]);
  return { id: row.id, token };
}

export async function listApiTokens(db: AppDatabase): Promise<ApiTokenListItem[]> {
  return db.prisma.apiToken.findMany({
    orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }, { id: "desc" }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { email: true } } },
  });
}

/** Revoking is permanent; returns false when the token does not exist or was already revoked. */
export async function revokeApiToken(db: AppDatabase, id: number, now: Date): Promise<boolean> {
  const [result] = await db.prisma.$transaction([db.prisma.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } })]);
  return result.count === 1;
}

/**
 * The user a bearer token acts for, or null. Tokens are read-only: whoever created them, they act
 * with the staff role. A token stops working when revoked or when its creator is deactivated.
 */
export async function authenticateApiToken(db: AppDatabase, token: string, now: Date): Promise<SessionUser | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const row = await db.prisma.apiToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, revokedAt: true, lastUsedAt: true, createdBy: { select: { id: true, email: true, name: true, active: true } } },
  });
  if (!row || row.revokedAt || !row.createdBy.active) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_INTERVAL_MS) {
    await db.prisma
      .$transaction([db.prisma.apiToken.updateMany({ where: { id: row.id }, data: { lastUsedAt: now } })])
      .catch(() => undefined);
  }
  const { id, email, name } = row.createdBy;
  return { id, email, name, role: "staff" };
}
