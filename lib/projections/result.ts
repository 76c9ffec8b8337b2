/**
 * What a projection reports back: the ids of the timeline (Activity) rows it created or rebuilt.
 * The ingest publishes exactly these to live subscribers (lib/live/publish.ts).
 */
export type ProjectionResult = { activityIds: number[] };

/** The result of a projection that rebuilt at most one timeline row (null: none yet). */
export function touched(activityId: number | null): ProjectionResult {
  return { activityIds: activityId === null ? [] : [activityId] };
}
