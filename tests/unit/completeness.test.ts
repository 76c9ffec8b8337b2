import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEnv } from "@/lib/env";
import { backoffMs, describePieces, expectedKinds, lookbackMs, NO_EVIDENCE, pieceStates, type WatchedCall } from "@/lib/completeness/rules";

const none = { recording: false, transcript: false, summary: false, voicemail: false };
const ended = new Date("2026-12-01T10:00:00.000Z");
const answered: WatchedCall = { outcome: "answered", completedAt: ended, phoneNumberId: 1, present: none };

describe("completeness rules", () => {
  it("a voicemail is expected when the call announced one, whatever the setting", () => {
    expect(expectedKinds({ ...answered, outcome: "voicemail" }, "auto", NO_EVIDENCE)).toEqual(["voicemail"]);
    expect(expectedKinds({ ...answered, outcome: "voicemail" }, ["recording", "transcript", "summary"], NO_EVIDENCE)).toEqual(["voicemail"]);
    expect(expectedKinds({ ...answered, outcome: "missed" }, ["recording", "transcript", "summary"], NO_EVIDENCE)).toEqual([]);
  });

  it("auto: a number records from its first recorded call; transcripts and summaries from the workspace's first", () => {
    const evidence = { recordingSince: new Map([[1, new Date("2026-11-30T00:00:00Z")]]), transcriptSince: new Date("2026-12-01T09:00:00Z"), summarySince: null };
    expect(expectedKinds(answered, "auto", evidence)).toEqual(["recording", "transcript"]);
    // Another number has never recorded: nothing (no transcript without a recording either).
    expect(expectedKinds({ ...answered, phoneNumberId: 2 }, "auto", evidence)).toEqual([]);
    // A call that ended before the first transcript: only the recording.
    expect(expectedKinds({ ...answered, completedAt: new Date("2026-12-01T08:00:00Z") }, "auto", evidence)).toEqual(["recording"]);
    expect(expectedKinds(answered, "auto", NO_EVIDENCE)).toEqual([]);
    // A recording that arrived is evidence enough for its own call.
    expect(expectedKinds({ ...answered, phoneNumberId: 2, present: { ...none, recording: true } }, "auto", evidence)).toEqual(["recording", "transcript"]);
  });

  it("a fixed setting replaces the inference", () => {
    expect(expectedKinds(answered, ["recording", "summary"], NO_EVIDENCE)).toEqual(["recording", "summary"]);
    expect(expectedKinds(answered, [], NO_EVIDENCE)).toEqual([]);
  });

  it("backoff doubles per attempt and the lookback covers the whole schedule", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 30))).toEqual([30, 60, 120, 240]);
    expect(lookbackMs(30 * 60_000, 6)).toBe(7 * 24 * 60 * 60_000);
    expect(lookbackMs(24 * 60 * 60_000, 6)).toBe(64 * 24 * 60 * 60_000);
  });

  it("the status line", () => {
    const now = new Date(ended.getTime() + 12 * 60_000);
    const pieces = pieceStates({
      present: { ...none, recording: true, summary: true },
      rows: [
        { kind: "transcript", status: "pending", dueAt: new Date(ended.getTime() + 30 * 60_000), attempts: 0, nextAttemptAt: null },
        { kind: "voicemail", status: "unavailable", dueAt: ended, attempts: 6, nextAttemptAt: null },
      ],
      completedAt: ended,
      now,
    });
    expect(describePieces(pieces, now)).toBe("recording ✓ · transcript pending 12 min · summary ✓ · voicemail not available");
    expect(pieces.find((p) => p.kind === "transcript")).toMatchObject({ state: "pending", overdue: false });
    expect(describePieces([], now)).toBe("");
  });
});

describe("completeness configuration", () => {
  const base = { APP_SECRET: "x".repeat(32), APP_SECRET_FILE: path.join(os.tmpdir(), "unused-secret") };

  it("defaults and validation", () => {
    const env = loadEnv(base);
    expect(env).toMatchObject({ COMPLETENESS_DELAY_MINUTES: 30, COMPLETENESS_MAX_ATTEMPTS: 6, COMPLETENESS_EXPECT: "auto" });
    expect(loadEnv({ ...base, COMPLETENESS_EXPECT: "Recording, transcript" }).COMPLETENESS_EXPECT).toEqual(["recording", "transcript"]);
    expect(loadEnv({ ...base, COMPLETENESS_EXPECT: "none" }).COMPLETENESS_EXPECT).toEqual([]);
    expect(() => loadEnv({ ...base, COMPLETENESS_EXPECT: "recording,video" })).toThrow(/COMPLETENESS_EXPECT: must be auto, none, or a comma-separated list of recording, transcript, summary/);
    expect(() => loadEnv({ ...base, COMPLETENESS_DELAY_MINUTES: "0" })).toThrow(/COMPLETENESS_DELAY_MINUTES/);
    expect(() => loadEnv({ ...base, COMPLETENESS_MAX_ATTEMPTS: "many" })).toThrow(/COMPLETENESS_MAX_ATTEMPTS/);
  });
});
