import type { AppDatabase } from "../db/types";
import { ARTIFACT_KINDS, pieceStates, type ArtifactEvidence, type ArtifactKind, type PieceState } from "./rules";

/** The columns that tell whether a call's pieces have arrived (a select for Call). */
export const PRESENCE_SELECT = {
  recordings: { select: { id: true }, take: 1 },
  transcript: { select: { _count: { select: { segments: true } } } },
  summary: { select: { summary: true, nextSteps: true } },
  voicemail: { select: { url: true, transcript: true } },
} as const;

type PresenceRow = {
  recordings: { id: number }[];
  transcript: { _count: { segments: number } } | null;
  summary: { summary: string; nextSteps: string } | null;
  voicemail: { url: string | null; transcript: string | null } | null;
};

/**
 * A piece has arrived when it has content: a transcript with dialogue, a summary with lines (an
 * "in-progress" or "absent" one has none), a voicemail with audio or its transcription.
 */
export function presentPieces(row: PresenceRow): Record<ArtifactKind, boolean> {
  return {
    recording: row.recordings.length > 0,
    transcript: (row.transcript?._count.segments ?? 0) > 0,
    summary: row.summary !== null && (row.summary.summary !== "[]" || row.summary.nextSteps !== "[]"),
    voicemail: row.voicemail !== null && (row.voicemail.url !== null || row.voicemail.transcript !== null),
  };
}

/** Since when the workspace produces each kind (see rules.ts): the end of the first call that got one. */
export async function getArtifactEvidence(db: AppDatabase): Promise<ArtifactEvidence> {
  const ended = { completedAt: { not: null } } as const;
  const [recordings, transcript, summary] = await Promise.all([
    db.prisma.call.groupBy({ by: ["phoneNumberId"], where: { ...ended, recordings: { some: {} } }, _min: { completedAt: true } }),
    db.prisma.call.aggregate({ where: { ...ended, transcript: { is: { segments: { some: {} } } } }, _min: { completedAt: true } }),
    db.prisma.call.aggregate({ where: { ...ended, summary: { is: { summary: { not: "[]" } } } }, _min: { completedAt: true } }),
  ]);
  return {
    recordingSince: new Map(recordings.flatMap((r) => (r._min.completedAt ? [[r.phoneNumberId, r._min.completedAt] as const] : []))),
    transcriptSince: transcript._min.completedAt,
    summarySince: summary._min.completedAt,
  };
}

/** The call page's status line: what has arrived and what the watch waits for or gave up on. */
export async function getCallCompleteness(db: AppDatabase, openphoneCallId: string, now: Date): Promise<PieceState[]> {
  const call = await db.prisma.call.findUnique({
    where: { openphoneId: openphoneCallId },
    select: {
      completedAt: true,
      ...PRESENCE_SELECT,
      artifactWatches: { select: { kind: true, status: true, dueAt: true, attempts: true, nextAttemptAt: true } },
    },
  });
  if (!call) return [];
  return pieceStates({ present: presentPieces(call), rows: call.artifactWatches, completedAt: call.completedAt, now });
}

/** Pieces still missing per call, for timeline and call rows (only calls the watch is waiting on or gave up on). */
export async function listOpenArtifactWatches(
  db: AppDatabase,
  callIds: readonly number[],
): Promise<Map<number, { kind: ArtifactKind; status: "pending" | "unavailable" }[]>> {
  const result = new Map<number, { kind: ArtifactKind; status: "pending" | "unavailable" }[]>();
  if (callIds.length === 0) return result;
  const rows = await db.prisma.callArtifactWatch.findMany({
    where: { callId: { in: [...callIds] }, status: { in: ["pending", "unavailable"] } },
    select: { callId: true, kind: true, status: true },
    orderBy: { id: "asc" },
  });
  for (const row of rows) {
    const list = result.get(row.callId) ?? [];
    list.push({ kind: row.kind, status: row.status as "pending" | "unavailable" });
    result.set(row.callId, list);
  }
  return result;
}

/** Pieces overdue now (pending past their due time), by kind: the metric and the health check. */
export async function countOverdueArtifacts(db: AppDatabase, now: Date): Promise<Record<ArtifactKind, number>> {
  const groups = await db.prisma.callArtifactWatch.groupBy({
    by: ["kind"],
    where: { status: "pending", dueAt: { lte: now } },
    _count: { _all: true },
  });
  const counts = Object.fromEntries(ARTIFACT_KINDS.map((k) => [k, 0])) as Record<ArtifactKind, number>;
  for (const g of groups) counts[g.kind] = g._count._all;
  return counts;
}
