import { PIECE_LOOKS, TONE_TEXT, pieceLook } from "@/components/status-presentation";
import { describePieceStatus, formatWait, type PieceState } from "@/lib/completeness/rules";

/**
 * "recording ✓ · transcript pending 12 min · summary ✓": what OpenPhone has sent after the call and
 * what the completeness watch still waits for. Each piece has a tooltip with the watch's details.
 */
export function CompletenessLine({ pieces, now }: { pieces: PieceState[]; now: Date }) {
  if (pieces.length === 0) return null;
  return (
    <ul aria-label="Recording, transcript and summary status" data-testid="call-completeness" className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
      {pieces.map((piece, i) => {
        const look = PIECE_LOOKS[pieceLook(piece)];
        return (
          <li key={piece.kind} className="inline-flex items-center gap-2" title={detail(piece, now)}>
            {i > 0 ? (
              <span aria-hidden="true" className="text-zinc-300 dark:text-zinc-600">
                ·
              </span>
            ) : null}
            <span className="inline-flex items-center gap-1 text-zinc-700 dark:text-zinc-300">
              {piece.kind}{" "}
              {piece.state === "arrived" ? (
                <span role="img" aria-label="arrived" className="font-medium text-emerald-600 dark:text-emerald-400">
                  ✓
                </span>
              ) : (
                <span className={`inline-flex items-center gap-1 ${look.tone === "warning" ? "text-amber-700 dark:text-amber-300" : "text-zinc-500 dark:text-zinc-400"}`}>
                  <look.Icon className={`size-3.5 shrink-0 ${TONE_TEXT[look.tone]}`} />
                  {describePieceStatus(piece, now)}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function detail(piece: PieceState, now: Date): string {
  switch (piece.state) {
    case "arrived":
      return piece.fetched ? "Fetched from OpenPhone by the completeness watch" : "Arrived by webhook";
    case "pending": {
      const tries = piece.attempts === 0 ? "not fetched yet" : `${piece.attempts} fetch${piece.attempts === 1 ? "" : "es"} found nothing so far`;
      const next = piece.nextAttemptAt && piece.nextAttemptAt > now ? ` · next try in ${formatWait(piece.nextAttemptAt.getTime() - now.getTime())}` : "";
      return piece.overdue
        ? `Overdue for ${formatWait(now.getTime() - piece.dueAt.getTime())} · ${tries}${next}`
        : `Fetched from OpenPhone if it has not arrived in ${formatWait(piece.dueAt.getTime() - now.getTime())}`;
    }
    case "unavailable":
      return piece.attempts > 0 ? `OpenPhone had nothing after ${piece.attempts} fetch${piece.attempts === 1 ? "" : "es"}` : "No longer watched";
    default: {
      const never: never = piece;
      return never;
    }
  }
}
