"use client";

import { useCallback, useEffect, useMemo, useRef, useState, type ComponentProps } from "react";
import { usePlaybackStore } from "@/components/call-playback";
import { globalTime, locateSegment } from "./segment-locator";

export type AudioSource = { id: number; url: string; duration: number | null };

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/**
 * Plays a list of parts through one <audio> element as if they were one recording: the current
 * part, the time in it, seeking within it or across parts, speed, and the element's event wiring
 * (spread `audioProps` on the <audio>). With `linked`, it publishes the position on the whole
 * recording to the page's CallPlaybackProvider and seeks when the transcript asks.
 */
export function useSegmentedAudio(sources: AudioSource[], { linked, preloadNone }: { linked: boolean; preloadNone: boolean }) {
  const audioRef = useRef<HTMLAudioElement>(null);
  const [index, setIndex] = useState(0);
  const [time, setTime] = useState(0);
  const [loadedDuration, setLoadedDuration] = useState<number | null>(null);
  const [playing, setPlaying] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [failed, setFailed] = useState(false);
  const [rate, setRate] = useState<number>(1);
  const pendingSeek = useRef<{ time: number; play: boolean } | null>(null);
  const store = usePlaybackStore();

  const source = sources[index];
  // The playing part's length as the browser measured it, the others' as OpenPhone reported them.
  const durations = useMemo(
    () => sources.map((s, i) => (i === index && loadedDuration ? loadedDuration : (s.duration ?? 0))),
    [sources, index, loadedDuration],
  );
  const duration = durations[index] ?? 0;

  // Smooth progress while playing (timeupdate fires only ~4 times a second).
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      const audio = audioRef.current;
      if (audio && !audio.seeking) setTime(audio.currentTime);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const position = globalTime(durations, { index, offset: time });
  useEffect(() => {
    if (linked) store?.publish(position, playing);
  }, [linked, store, position, playing]);

  const play = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    setFailed(false);
    audio.play().catch((error: unknown) => {
      // AbortError: a newer load() or pause() interrupted this play(); not a failure.
      if (!(error instanceof DOMException && error.name === "AbortError")) setPlaying(false);
    });
  }, []);

  const togglePlay = useCallback(() => {
    const audio = audioRef.current;
    if (!audio) return;
    if (audio.paused) play();
    else audio.pause();
  }, [play]);

  /** Seconds into the current part. */
  const seekLocal = useCallback(
    (seconds: number) => {
      const audio = audioRef.current;
      if (!audio) return;
      const max = Number.isFinite(audio.duration) && audio.duration > 0 ? audio.duration : duration;
      const target = clamp(seconds, 0, max || 0);
      if (audio.readyState === 0) pendingSeek.current = { time: target, play: pendingSeek.current?.play ?? false };
      else audio.currentTime = target;
      setTime(target);
    },
    [duration],
  );

  /** Switches to another part; it loads, then seeks to `offset` and plays when asked. */
  const switchTo = useCallback((next: number, offset: number, andPlay: boolean) => {
    pendingSeek.current = { time: offset, play: andPlay };
    setLoadedDuration(null);
    setTime(offset);
    setIndex(next);
  }, []);

  /** Seconds from the start of the first part: finds the part, switches to it, seeks, optionally plays. */
  const seekGlobal = useCallback(
    (seconds: number, andPlay: boolean) => {
      const target = locateSegment(durations, seconds);
      if (target.index === index) {
        seekLocal(target.offset);
        if (andPlay) play();
      } else {
        switchTo(target.index, target.offset, andPlay);
      }
    },
    [durations, index, seekLocal, play, switchTo],
  );

  const seekRef = useRef(seekGlobal);
  useEffect(() => {
    seekRef.current = seekGlobal;
  }, [seekGlobal]);
  useEffect(() => {
    if (!linked || !store) return;
    return store.registerSeek((seconds, andPlay) => seekRef.current(seconds, andPlay));
  }, [linked, store]);

  const changeRate = useCallback((value: number) => {
    setRate(value);
    const audio = audioRef.current;
    if (audio) {
      audio.playbackRate = value;
      audio.defaultPlaybackRate = value;
    }
  }, []);

  const selectPart = (next: number) => {
    if (next !== index) switchTo(next, 0, playing);
  };

  const retry = () => {
    setFailed(false);
    audioRef.current?.load();
  };

  const audioProps: ComponentProps<"audio"> = {
    ref: audioRef,
    src: source?.url,
    // A thread can hold many call cards: those load nothing until played (their length is known).
    preload: preloadNone && source?.duration ? "none" : "metadata",
    onLoadedMetadata: (event) => {
      const element = event.currentTarget;
      element.playbackRate = rate;
      element.defaultPlaybackRate = rate;
      if (Number.isFinite(element.duration)) setLoadedDuration(element.duration);
      const pending = pendingSeek.current;
      pendingSeek.current = null;
      if (pending) {
        element.currentTime = pending.time;
        setTime(pending.time);
        if (pending.play) play();
      }
    },
    onDurationChange: (event) => {
      if (Number.isFinite(event.currentTarget.duration)) setLoadedDuration(event.currentTarget.duration);
    },
    onTimeUpdate: (event) => {
      if (!playing) setTime(event.currentTarget.currentTime);
    },
    onSeeked: (event) => setTime(event.currentTarget.currentTime),
    onPlay: () => setPlaying(true),
    onPlaying: () => setWaiting(false),
    onWaiting: () => setWaiting(true),
    onPause: () => setPlaying(false),
    onEnded: () => {
      setPlaying(false);
      if (index < sources.length - 1) switchTo(index + 1, 0, true);
    },
    onError: () => {
      setFailed(true);
      setPlaying(false);
    },
  };

  return { source, index, time, duration, playing, waiting, failed, rate, togglePlay, seekLocal, selectPart, changeRate, retry, audioProps };
}
