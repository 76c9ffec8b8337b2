import { z } from "zod";

/** What a backfill reports on, one line each. */
export const BACKFILL_KINDS = ["messages", "calls", "recordings", "voicemails", "summaries", "transcripts"] as const;
export type BackfillKind = (typeof BACKFILL_KINDS)[number];

/** seen: found in OpenPhone (or already known here); present: we had it; recovered: we did not, and now do (or would, in a dry run). */
export const kindCountsSchema = z.object({ seen: z.number().int(), present: z.number().int(), recovered: z.number().int() });
export type KindCounts = z.infer<typeof kindCountsSchema>;

export const backfillCountsSchema = z.object(
  Object.fromEntries(BACKFILL_KINDS.map((kind) => [kind, kindCountsSchema])) as Record<BackfillKind, typeof kindCountsSchema>,
);
export type BackfillCounts = Record<BackfillKind, KindCounts>;

export function emptyCounts(): BackfillCounts {
  return Object.fromEntries(BACKFILL_KINDS.map((kind) => [kind, { seen: 0, present: 0, recovered: 0 }])) as BackfillCounts;
}

export function parseCounts(json: string): BackfillCounts {
  const parsed = backfillCountsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : emptyCounts();
}

export function addCounts(a: BackfillCounts, b: BackfillCounts): BackfillCounts {
  return Object.fromEntries(
    BACKFILL_KINDS.map((kind) => [kind, { seen: a[kind].seen + b[kind].seen, present: a[kind].present + b[kind].present, recovered: a[kind].recovered + b[kind].recovered }]),
  ) as BackfillCounts;
}

export function totalRecovered(counts: BackfillCounts): number {
  return BACKFILL_KINDS.reduce((sum, kind) => sum + counts[kind].recovered, 0);
}

/** "3 messages, 1 call, 2 recordings" for what was recovered; "nothing" when empty. */
export function describeRecovered(counts: BackfillCounts): string {
  const parts = BACKFILL_KINDS.filter((kind) => counts[kind].recovered > 0).map((kind) => {
    const n = counts[kind].recovered;
    return `${n.toLocaleString("en-US")} ${n === 1 ? SINGULAR[kind] : kind}`;
  });
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

const SINGULAR: Record<BackfillKind, string> = {
  messages: "message",
  calls: "call",
  recordings: "recording",
  voicemails: "voicemail",
  summaries: "summary",
  transcripts: "transcript",
};
