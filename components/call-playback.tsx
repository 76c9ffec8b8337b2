"use client";

import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";

/**
 * Shared playback position of one call page: the audio player publishes where it is, the
 * transcript reads it (highlighting the segment being spoken) and asks the player to seek
 * (click-to-seek). A tiny external store, so a time update re-renders only its subscribers.
 */
export type PlaybackSnapshot = { time: number; playing: boolean; started: boolean };

export class PlaybackStore {
  private snapshot: PlaybackSnapshot = { time: 0, playing: false, started: false };
  private listeners = new Set<() => void>();
  private seekHandler: ((seconds: number, play: boolean) => void) | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  publish(time: number, playing: boolean): void {
    const started = this.snapshot.started || playing || time > 0;
    if (time === this.snapshot.time && playing === this.snapshot.playing && started === this.snapshot.started) return;
    this.snapshot = { time, playing, started };
    this.listeners.forEach((notify) => notify());
  }

  /** The player registers how to seek; returns the unregister function. */
  registerSeek(handler: (seconds: number, play: boolean) => void): () => void {
    this.seekHandler = handler;
    return () => {
      if (this.seekHandler === handler) this.seekHandler = null;
    };
  }

  get canSeek(): boolean {
    return this.seekHandler !== null;
  }

  /** Seconds from the start of the call (across recording segments). */
  seek(seconds: number, play = true): void {
    this.seekHandler?.(seconds, play);
  }
}

const PlaybackContext = createContext<PlaybackStore | null>(null);

export function CallPlaybackProvider({ children }: { children: ReactNode }) {
  const [store] = useState(() => new PlaybackStore());
  return <PlaybackContext.Provider value={store}>{children}</PlaybackContext.Provider>;
}

export function usePlaybackStore(): PlaybackStore | null {
  return useContext(PlaybackContext);
}

const IDLE: PlaybackSnapshot = { time: 0, playing: false, started: false };
const noSubscription = () => () => {};

export function usePlaybackSnapshot(): PlaybackSnapshot {
  const store = usePlaybackStore();
  return useSyncExternalStore(
    store ? store.subscribe : noSubscription,
    store ? store.getSnapshot : () => IDLE,
    () => IDLE,
  );
}
