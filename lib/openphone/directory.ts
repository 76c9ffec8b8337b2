import type { AppDatabase } from "../db/types";
import type { OpenPhoneClient } from "./api/client";

/** At most this many pages of users per sync (50 a page): a workspace bigger than 5,000 users is not this app's audience. */
const MAX_PAGES = 100;

/**
 * Reads the workspace's users from OpenPhone (`GET /v1/users`, every page) into OpenPhoneUser, so
 * the US… ids on calls and messages can be shown as names. Upserts by id; users OpenPhone no longer
 * lists keep their last known name (old activity still names them). Returns how many were read.
 */
export async function syncOpenPhoneUsers(
  db: Pick<AppDatabase, "prisma">,
  client: OpenPhoneClient,
  now = new Date(),
  pageSize = 50,
): Promise<{ users: number }> {
  let pageToken: string | undefined;
  let users = 0;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data, nextPageToken } = await client.legacy.listUsers({ maxResults: pageSize, pageToken });
    for (const user of data) {
      const name = [user.firstName, user.lastName].filter((part) => part && part.trim()).join(" ").trim() || null;
      const fields = { name, email: user.email ?? null, role: user.role ?? null, syncedAt: now };
      await db.prisma.openPhoneUser.upsert({ where: { openphoneId: user.id }, create: { openphoneId: user.id, ...fields }, update: fields });
      users++;
    }
    if (!nextPageToken) break;
    pageToken = nextPageToken;
  }
  return { users };
}

/** Display names for OpenPhone user ids: the name, else the email, else nothing (the caller shows the id). */
export async function openPhoneUserNames(db: Pick<AppDatabase, "prisma">, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const rows = await db.prisma.openPhoneUser.findMany({ where: { openphoneId: { in: wanted } }, select: { openphoneId: true, name: true, email: true } });
  return new Map(rows.flatMap((row) => (row.name || row.email ? [[row.openphoneId, (row.name || row.email)!] as const] : [])));
}
