"use client";

import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { useSegmentedAudio, type AudioSource } from "@/components/audio/use-segmented-audio";
import { formatDuration, formatDurationWords } from "@/lib/format/time";
import { AlertIcon, DownloadIcon, PauseIcon, PlayIcon, SkipBackIcon, SkipForwardIcon } from "@/components/icons";

const SPEEDS = [1, 1.25, 1.5, 2] as const;
const STEP_SECONDS = 5;
const PAGE_SECONDS = 30;
const SKIP_SECONDS = 10;

/**
 * Audio player for call recordings (one or several segments), voicemails and audio attachments.
 * Streams through our media proxy, whose Range support is what makes seeking work. Keyboard: the
 * seek bar is a slider (arrows ±5 s, Page Up/Down ±30 s, Home/End). With `linked`, it publishes its
 * position to the page's CallPlaybackProvider and seeks when the transcript asks.
 */
export function AudioPlayer({
  sources,
  title,
  variant = "full",
  linked = false,
}: {
  sources: AudioSource[];
  /** What is playing ("Call recording", "Voicemail"): the accessible name of the controls. */
  title: string;
  variant?: "full" | "compact";
  linked?: boolean;
}) {
  const trackRef = useRef<HTMLDivElement>(null);
  const [dragging, setDragging] = useState(false);
  const speedId = useId();
  const { source, index, time, duration, playing, waiting, failed, rate, togglePlay, seekLocal, selectPart, changeRate, retry, audioProps } =
    useSegmentedAudio(sources, { linked, preloadNone: variant === "compact" });

  if (!source) return null;

  const progress = duration > 0 ? Math.min(Math.max(time / duration, 0), 1) : 0;
  const sliderLabel = sources.length > 1 ? `Seek ${title}, part ${index + 1} of ${sources.length}` : `Seek ${title}`;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number | "start" | "end"> = {
      ArrowLeft: -STEP_SECONDS,
      ArrowDown: -STEP_SECONDS,
      ArrowRight: STEP_SECONDS,
      ArrowUp: STEP_SECONDS,
      PageDown: -PAGE_SECONDS,
      PageUp: PAGE_SECONDS,
      Home: "start",
      End: "end",
    };
    const move = moves[event.key];
    if (move === undefined) {
      if (event.key === " " || event.key === "k") {
        event.preventDefault();
        togglePlay();
      }
      return;
    }
    event.preventDefault();
    seekLocal(move === "start" ? 0 : move === "end" ? duration : time + move);
  };

  const seekFromPointer = (clientX: number) => {
    const track = trackRef.current;
    if (!track || duration <= 0) return;
    const rect = track.getBoundingClientRect();
    seekLocal(((clientX - rect.left) / rect.width) * duration);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDragging(true);
    seekFromPointer(event.clientX);
  };

  const compact = variant === "compact";
  const playLabel = `${playing ? "Pause" : "Play"} ${title.toLowerCase()}`;

  const playButton = (
    <button
      type="button"
      onClick={togglePlay}
      aria-label={playLabel}
      className={[
        "relative inline-flex shrink-0 items-center justify-center rounded-full bg-indigo-600 text-white shadow-sm transition-colors hover:bg-indigo-500 dark:bg-indigo-500 dark:hover:bg-indigo-400",
        compact ? "size-8" : "size-11",
      ].join(" ")}
    >
      {playing ? <PauseIcon className={compact ? "size-3.5" : "size-4.5"} /> : <PlayIcon className={compact ? "ml-0.5 size-3.5" : "ml-0.5 size-4.5"} />}
      {waiting && playing ? (
        <span aria-hidden="true" className="absolute inset-0 rounded-full border-2 border-white/40 border-t-white motion-safe:animate-spin" />
      ) : null}
    </button>
  );

  const slider = (
    <div
      ref={trackRef}
      role="slider"
      tabIndex={0}
      aria-label={sliderLabel}
      aria-valuemin={0}
      aria-valuemax={Math.max(0, Math.round(duration))}
      aria-valuenow={Math.round(time)}
      aria-valuetext={`${formatDurationWords(time)} of ${formatDurationWords(duration)}`}
      data-current-time={time.toFixed(2)}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={(event) => dragging && seekFromPointer(event.clientX)}
      onPointerUp={() => setDragging(false)}
      onPointerCancel={() => setDragging(false)}
      className="group relative flex h-5 flex-1 cursor-pointer touch-none items-center rounded-full focus-visible:outline-offset-4"
    >
      <div className="relative h-1.5 w-full overflow-hidden rounded-full bg-zinc-200 dark:bg-white/10">
        <div className="absolute inset-y-0 left-0 rounded-full bg-indigo-600 dark:bg-indigo-400" style={{ width: `${progress * 100}%` }} />
      </div>
      <div
        aria-hidden="true"
        className={[
          "absolute top-1/2 size-3.5 -translate-x-1/2 -translate-y-1/2 rounded-full border-2 border-white bg-indigo-600 shadow ring-1 ring-zinc-950/10 transition-transform dark:border-zinc-900 dark:bg-indigo-400",
          dragging ? "scale-125" : "scale-100 group-hover:scale-110",
        ].join(" ")}
        style={{ left: `${progress * 100}%` }}
      />
    </div>
  );

  const times = (
    <span className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
      <span data-testid="player-current">{formatDuration(time)}</span>
      <span aria-hidden="true"> / </span>
      <span className="sr-only"> of </span>
      <span data-testid="player-duration">{formatDuration(duration)}</span>
    </span>
  );

  const speed = (
    <>
      <label htmlFor={speedId} className="sr-only">
        Playback speed
      </label>
      <select
        id={speedId}
        value={String(rate)}
        onChange={(event) => changeRate(Number(event.target.value))}
        className="h-7 shrink-0 cursor-pointer appearance-none rounded-md bg-zinc-100 px-2 text-center text-xs font-semibold text-zinc-700 tabular-nums ring-1 ring-zinc-950/5 hover:bg-zinc-200 ring-inset dark:bg-white/5 dark:text-zinc-200 dark:ring-white/10 dark:hover:bg-white/10"
      >
        {SPEEDS.map((value) => (
          <option key={value} value={String(value)}>
            {value}×
          </option>
        ))}
      </select>
    </>
  );

  const audio = <audio {...audioProps} />;

  const errorNote = failed ? (
    <p role="alert" className="flex items-center gap-1.5 text-xs text-rose-700 dark:text-rose-300">
      <AlertIcon className="size-3.5 shrink-0" />
      This audio could not be loaded.
      <button
        type="button"
        onClick={retry}
        className="font-medium underline underline-offset-2 hover:no-underline"
      >
        Try again
      </button>
    </p>
  ) : null;

  if (compact) {
    return (
      <div role="group" aria-label={title} className="space-y-1.5">
        <div className="flex items-center gap-2.5">
          {playButton}
          {slider}
          {times}
          {speed}
        </div>
        {errorNote}
        {audio}
      </div>
    );
  }

  return (
    <div role="group" aria-label={title} className="space-y-3">
      {sources.length > 1 ? (
        <div role="group" aria-label="Recording parts" className="flex flex-wrap gap-1.5">
          {sources.map((part, i) => (
            <button
              key={part.id}
              type="button"
              aria-pressed={i === index}
              onClick={() => selectPart(i)}
              className={[
                "inline-flex h-7 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium ring-1 ring-inset transition-colors",
                i === index
                  ? "bg-indigo-50 text-indigo-700 ring-indigo-600/20 dark:bg-indigo-400/10 dark:text-indigo-300 dark:ring-indigo-400/25"
                  : "text-zinc-600 ring-zinc-950/10 hover:bg-zinc-50 dark:text-zinc-400 dark:ring-white/10 dark:hover:bg-white/5",
              ].join(" ")}
            >
              Part {i + 1}
              {part.duration ? <span className="text-zinc-400 tabular-nums dark:text-zinc-500">{formatDuration(part.duration)}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
      <div className="flex items-center gap-3 sm:gap-4">
        {playButton}
        <div className="min-w-0 flex-1 space-y-1">
          {slider}
          <div className="flex items-center justify-between gap-2">
            {times}
            <div className="flex items-center gap-1">
              <button
                type="button"
                onClick={() => seekLocal(time - SKIP_SECONDS)}
                aria-label={`Back ${SKIP_SECONDS} seconds`}
                className="inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white"
              >
                <SkipBackIcon className="size-3.5" />
              </button>
              <button
                type="button"
                onClick={() => seekLocal(time + SKIP_SECONDS)}
                aria-label={`Forward ${SKIP_SECONDS} seconds`}
                className="inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white"
              >
                <SkipForwardIcon className="size-3.5" />
              </button>
              {speed}
              <a
                href={`${source.url}?download=1`}
                aria-label={`Download ${title.toLowerCase()}${sources.length > 1 ? `, part ${index + 1}` : ""}`}
                className="inline-flex size-7 items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-white/5 dark:hover:text-white"
              >
                <DownloadIcon className="size-3.5" />
              </a>
            </div>
          </div>
        </div>
      </div>
      {errorNote}
      {audio}
    </div>
  );
}
