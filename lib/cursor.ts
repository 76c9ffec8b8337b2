/**
 * Keyset cursors for lists ordered by (time DESC, id DESC). A cursor names the last row shown;
 * the next page is everything strictly after it in that order. Encoded as `<epoch ms>_<id>`:
 * short, URL-safe, and exact (both databases keep milliseconds).
 */
export type KeysetCursor = { at: Date; id: number };

export function encodeCursor(cursor: KeysetCursor): string {
  return `${cursor.at.getTime()}_${cursor.id}`;
}

/** The cursor in a URL, or null when it is missing or malformed (callers show the first page). */
export function decodeCursor(value: string | null | undefined): KeysetCursor | null {
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
