import { z } from "zod";

/**
 * Every pagination cursor of the app, in one place:
 * - keyset cursors (conversation list, thread, read API), `<epoch ms>_<id>`;
 * - timeline cursors (/activity, /api/activity, CSV export): a time position or a search rank.
 * A cursor names the last row shown; the next page is everything strictly after it.
 */

// ---------------------------------------------------------------------------------------------
// Keyset cursors for lists ordered by (time DESC, id DESC). Encoded as `<epoch ms>_<id>`: short,
// URL-safe, and exact (both databases keep milliseconds).

export type KeysetCursor = { at: Date; id: number };

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return `${cursor.at.getTime()}_${cursor.id}`;
}

/** The cursor in a URL, or null when it is missing or malformed (callers show the first page). */
export function decodeKeysetCursor(value: string | null | undefined): KeysetCursor | null {
  if (!value) return null;
  const match = /^(\d{1,15})_(\d{1,12})$/.exec(value);
  if (!match) return null;
  const at = new Date(Number(match[1]));
  const id = Number(match[2]);
  if (Number.isNaN(at.getTime()) || !Number.isSafeInteger(id) || id <= 0) return null;
  return { at, id };
}

/** Prisma `where` for "rows after this cursor" in (field DESC, id DESC) order. */
export function afterCursor<F extends string>(field: F, cursor: KeysetCursor) {
  const older = { [field]: { lt: cursor.at } } as Record<F, { lt: Date }>;
  const sameTimeLowerId = { [field]: cursor.at, id: { lt: cursor.id } } as Record<F, Date> & { id: { lt: number } };
  return { OR: [older, sameTimeLowerId] };
}

// ---------------------------------------------------------------------------------------------
// Timeline cursors (/activity and /api/activity): opaque to clients (base64url of JSON), validated
// on the way in. A bad cursor decodes to null: the page shows the first page, the API answers 400.

export type TimelineCursor =
  | { kind: "time"; occurredAt: Date; id: number }
  /** Search: offset into the ranking of the matches with id ≤ maxId. */
  | { kind: "rank"; offset: number; maxId: number };

const timeCursorSchema = z.tuple([z.literal("t"), z.iso.datetime(), z.number().int().positive()]);
const rankCursorSchema = z.tuple([z.literal("r"), z.number().int().min(0).max(100_000), z.number().int().positive()]);

export function encodeTimelineCursor(cursor: TimelineCursor): string {
  const tuple = cursor.kind === "time" ? ["t", cursor.occurredAt.toISOString(), cursor.id] : ["r", cursor.offset, cursor.maxId];
  return btoa(JSON.stringify(tuple)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeTimelineCursor(value: string | undefined): TimelineCursor | null {
  if (!value || !/^[A-Za-z0-9_-]{1,512}$/.test(value)) return null;
  let json: unknown;
  try {
    json = JSON.parse(atob(value.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return null;
  }
  const time = timeCursorSchema.safeParse(json);
  if (time.success) return { kind: "time", occurredAt: new Date(time.data[1]), id: time.data[2] };
  const rank = rankCursorSchema.safeParse(json);
  if (rank.success) return { kind: "rank", offset: rank.data[1], maxId: rank.data[2] };
  return null;
}
