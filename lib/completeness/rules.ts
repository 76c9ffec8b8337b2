/**
 * The completeness rules, pure: which pieces a finished call should still get, when a missing one
 * is fetched again, and how its state reads ("recording ✓ · transcript pending 12 min").
 *
 * What should come (README, "Completeness watch"):
 * - voicemail: when OpenPhone announced one (2026-03-30 `hasVoicemail`, or the call's outcome is
 *   `voicemail`) and it has not arrived. No inference needed: the call says so.
 * - recording: answered calls only (nothing is recorded before someone picks up). OpenPhone's
 *   call-recording setting is per number and no payload carries it, so in `auto` mode a number
 *   counts as recording from the end of its first call that got a recording.
 * - transcript, summary: produced from the recording, on plans that have them. In `auto` mode the
 *   workspace counts as producing them from the end of the first call that got one; the call must
 *   also be one whose recording is expected (or present).
 * COMPLETENESS_EXPECT=recording,transcript,… replaces the inference with a fixed setting.
 */

export const ARTIFACT_KINDS = ["recording", "transcript", "summary", "voicemail"] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

/** The kinds a workspace setting decides (a voicemail is announced by the call itself). */
export const WORKSPACE_ARTIFACT_KINDS = ["recording", "transcript", "summary"] as const;
export type WorkspaceArtifactKind = (typeof WORKSPACE_ARTIFACT_KINDS)[number];

/** COMPLETENESS_EXPECT: inferred from what has arrived, or a fixed list. */
export type ExpectSetting = "auto" | readonly WorkspaceArtifactKind[];

/** What the workspace has shown it produces, and since when (the end of the first call that got one). */
export type ArtifactEvidence = {
  /** Keyed by PhoneNumber.id (null: calls whose workspace number is unknown). */
  recordingSince: ReadonlyMap<number | null, Date>;
  transcriptSince: Date | null;
  summarySince: Date | null;
};

export const NO_EVIDENCE: ArtifactEvidence = { recordingSince: new Map(), transcriptSince: null, summarySince: null };

export type WatchedCall = {
  outcome: string | null;
  completedAt: Date;
  phoneNumberId: number | null;
  present: Record<ArtifactKind, boolean>;
};

/** The pieces this finished call should have (present or not). */
export function expectedKinds(call: WatchedCall, setting: ExpectSetting, evidence: ArtifactEvidence): ArtifactKind[] {
  const kinds: ArtifactKind[] = [];
  const fixed = (kind: WorkspaceArtifactKind) => setting !== "auto" && setting.includes(kind);
  const since = (date: Date | null | undefined) => setting === "auto" && date != null && call.completedAt >= date;

  if (call.outcome === "answered") {
    const recording = call.present.recording || fixed("recording") || since(evidence.recordingSince.get(call.phoneNumberId));
    if (recording) kinds.push("recording");
    if (recording && (fixed("transcript") || since(evidence.transcriptSince))) kinds.push("transcript");
    if (recording && (fixed("summary") || since(evidence.summarySince))) kinds.push("summary");
  }
  if (call.outcome === "voicemail") kinds.push("voicemail");
  return kinds;
}

/** The wait before fetch number `attempt + 1`, after `attempt` fetches found nothing: delay, 2×delay, 4×delay, … */
export function backoffMs(attempt: number, delayMs: number): number {
  return delayMs * 2 ** Math.max(0, attempt - 1);
}

/**
 * How far back the watch looks: the whole backoff schedule (so a call is never dropped while fetches
 * are still due) and at least a week, so an app that was down for a weekend still catches up.
 * Older gaps are the backfill's job.
 */
export function lookbackMs(delayMs: number, maxAttempts: number): number {
  return Math.max(7 * 24 * 60 * 60_000, delayMs * 2 ** maxAttempts);
}

export type PieceState =
  | { kind: ArtifactKind; state: "arrived"; fetched: boolean }
  /** Missing; `since` is the call's end; overdue once `dueAt` has passed. */
  | { kind: ArtifactKind; state: "pending"; since: Date; dueAt: Date; overdue: boolean; attempts: number; nextAttemptAt: Date | null }
  | { kind: ArtifactKind; state: "unavailable"; attempts: number };

export type WatchRow = {
  kind: ArtifactKind;
  status: "pending" | "arrived" | "fetched" | "unavailable";
  dueAt: Date;
  attempts: number;
  nextAttemptAt: Date | null;
};

/**
 * A call's pieces as the call page shows them: what has arrived, plus what the watch is waiting for
 * or gave up on. A piece neither present nor watched is not expected and not shown.
 */
export function pieceStates(input: {
  present: Record<ArtifactKind, boolean>;
  rows: readonly WatchRow[];
  completedAt: Date | null;
  now: Date;
}): PieceState[] {
  const states: PieceState[] = [];
  for (const kind of ARTIFACT_KINDS) {
    const row = input.rows.find((r) => r.kind === kind);
    if (input.present[kind]) {
      states.push({ kind, state: "arrived", fetched: row?.status === "fetched" });
    } else if (row?.status === "unavailable") {
      states.push({ kind, state: "unavailable", attempts: row.attempts });
    } else if (row) {
      // A row resolved as arrived/fetched whose piece is gone again (deleted) reads as pending.
      states.push({
        kind,
        state: "pending",
        since: input.completedAt ?? row.dueAt,
        dueAt: row.dueAt,
        overdue: row.dueAt <= input.now,
        attempts: row.attempts,
        nextAttemptAt: row.status === "pending" ? row.nextAttemptAt : null,
      });
    }
  }
  return states;
}

/** "12 min", "3 h", "2 days". */
export function formatWait(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} days`;
}

/** A piece's state in words: "✓", "pending 12 min", "not available". */
export function describePieceStatus(piece: PieceState, now: Date): string {
  switch (piece.state) {
    case "arrived":
      return "✓";
    case "pending":
      return `pending ${formatWait(now.getTime() - piece.since.getTime())}`;
    case "unavailable":
      return "not available";
    default: {
      const never: never = piece;
      return never;
    }
  }
}

/** One piece in words: "recording ✓", "transcript pending 12 min", "summary not available". */
export function describePiece(piece: PieceState, now: Date): string {
  return `${piece.kind} ${describePieceStatus(piece, now)}`;
}

/** The whole status line: "recording ✓ · transcript pending 12 min · summary ✓" (empty when nothing is expected). */
export function describePieces(pieces: readonly PieceState[], now: Date): string {
  return pieces.map((p) => describePiece(p, now)).join(" · ");
}
