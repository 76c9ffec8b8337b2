import { z } from "zod";
import type { AppDatabase } from "../db/types";
import { attachmentFileName } from "./attachment-kind";
import type { MediaSource } from "./proxy";
import type { MediaKind } from "./urls";

/** The stored upstream URL behind /api/media/<kind>/<id> (our row id), or null when there is no such row. */
export async function getMediaSource(db: AppDatabase, kind: MediaKind, id: number): Promise<MediaSource | null> {
  switch (kind) {
    case "attachment": {
      const row = await db.prisma.mediaAttachment.findUnique({ where: { id }, select: { url: true, contentType: true, size: true, position: true } });
      return row ? { url: row.url, contentType: row.contentType, size: row.size, fileName: attachmentFileName(row.url, row.contentType, row.position) } : null;
    }
    case "recording": {
      const row = await db.prisma.recording.findUnique({ where: { id }, select: { url: true, contentType: true, size: true, call: { select: { openphoneId: true } } } });
      return row ? { url: row.url, contentType: row.contentType, size: row.size, fileName: `recording-${row.call.openphoneId}-${id}` } : null;
    }
    case "voicemail": {
      const row = await db.prisma.voicemail.findUnique({ where: { id }, select: { url: true, contentType: true, call: { select: { openphoneId: true } } } });
      // A voicemail known only by its transcript has no audio yet.
      return row?.url ? { url: row.url, contentType: row.contentType, size: null, fileName: `voicemail-${row.call.openphoneId}` } : null;
    }
    default: {
      const unknown: never = kind;
      throw new Error(`unknown media kind ${String(unknown)}`);
    }
  }
}

/** The path parameters of /api/media/<kind>/<id>; anything else is a 404. */
export const mediaParamsSchema = z.object({
  kind: z.enum(["attachment", "recording", "voicemail"]),
  id: z.coerce.number().int().positive().max(2 ** 31 - 1),
});
