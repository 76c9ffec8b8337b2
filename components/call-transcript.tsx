"use client";

import { useEffect, useRef } from "react";
import { usePlaybackSnapshot, usePlaybackStore } from "@/components/call-playback";
import { formatDuration } from "@/lib/format/time";

export type TranscriptLine = {
  position: number;
  start: number;
  end: number;
  content: string;
  role: "agent" | "contact";
  speaker: string;
  speakerIndex: number;
};

/** Index of the segment being spoken at `time`: from its start until the next one starts (gaps keep the last one). */
export function activeSegmentIndex(lines: Pick<TranscriptLine, "start" | "end">[], time: number): number {
  let active = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.start <= time) active = i;
    else break;
  }
  // Past the end of the last line by more than a moment: nobody is speaking.
  if (active === lines.length - 1 && active >= 0 && time > lines[active]!.end + 1.5) return -1;
  return active;
}

const SPEAKER_TONES = {
  agent: "text-indigo-700 dark:text-indigo-300",
  contact: "text-emerald-700 dark:text-emerald-300",
} as const;

/**
 * A call transcript. With a player on the page (CallPlaybackProvider), each line is a button that
 * seeks the recording to its start and plays; the line being spoken is highlighted and kept in view.
 */
export function CallTranscript({ lines, seekable }: { lines: TranscriptLine[]; /** A player is on the page to seek. */ seekable: boolean }) {
  const store = usePlaybackStore();
  const { time, playing, started } = usePlaybackSnapshot();
  const listRef = useRef<HTMLOListElement>(null);
  const active = started ? activeSegmentIndex(lines, time) : -1;

  useEffect(() => {
    if (!playing || active < 0) return;
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>(`[data-segment="${active}"]`);
    if (!list || !item) return;
    // Scroll the transcript box only (never the page), keeping the active line in the upper third.
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      const reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3), behavior: reduce ? "auto" : "smooth" });
    }
  }, [active, playing]);

  return (
    <ol ref={listRef} aria-label="Transcript" className="relative space-y-0.5 p-1.5 lg:max-h-[36rem] lg:overflow-y-auto lg:overscroll-contain">
      {lines.map((line, i) => {
        const isActive = i === active;
        const body = (
          <>
            <span className="w-10 shrink-0 pt-px text-xs text-zinc-400 tabular-nums dark:text-zinc-500">{formatDuration(line.start)}</span>
            <span className="min-w-0 flex-1">
              <span className={`block text-xs font-semibold ${SPEAKER_TONES[line.role]}`}>
                {line.speaker}
                <span className="sr-only">{line.role === "agent" ? " (agent)" : " (contact)"}</span>
              </span>
              <span className="mt-0.5 block text-sm leading-6 text-zinc-800 dark:text-zinc-200">{line.content}</span>
            </span>
          </>
        );
        const tone = isActive
          ? "bg-indigo-50 ring-1 ring-indigo-600/15 ring-inset dark:bg-indigo-400/10 dark:ring-indigo-400/20"
          : "";
        return (
          <li key={line.position} data-segment={i} aria-current={isActive ? "true" : undefined} data-start={line.start}>
            {seekable && store ? (
              <button
                type="button"
                onClick={() => store.seek(line.start, true)}
                className={`flex w-full gap-3 rounded-lg px-2.5 py-2 text-left transition-colors hover:bg-zinc-50 dark:hover:bg-white/[0.03] ${tone}`}
              >
                <span className="sr-only">Play from {formatDuration(line.start)}: </span>
                {body}
              </button>
            ) : (
              <div className={`flex gap-3 rounded-lg px-2.5 py-2 ${tone}`}>{body}</div>
            )}
          </li>
        );
      })}
    </ol>
  );
}
