/**
 * A call recording can come in several parts. These map between a time on the whole recording
 * and a position inside one part. Pure: the player and the transcript's "play from here" use them.
 */
export type SegmentPosition = { index: number; offset: number };

/**
 * The part that plays at `seconds` from the start of the first one, and the seconds into it.
 * A part of unknown length (0) and the last part take whatever time is left.
 */
export function locateSegment(durations: readonly number[], seconds: number): SegmentPosition {
  let remaining = Math.max(0, seconds);
  for (let index = 0; index < durations.length; index++) {
    const length = durations[index]!;
    if (remaining < length || index === durations.length - 1 || !length) return { index, offset: remaining };
    remaining -= length;
  }
  return { index: 0, offset: remaining };
}

/** Seconds from the start of the first part to the start of part `index`. */
export function segmentStart(durations: readonly number[], index: number): number {
  return durations.slice(0, index).reduce((sum, length) => sum + length, 0);
}

/** The inverse of locateSegment: a position inside a part as seconds on the whole recording. */
export function globalTime(durations: readonly number[], { index, offset }: SegmentPosition): number {
  return segmentStart(durations, index) + offset;
}
