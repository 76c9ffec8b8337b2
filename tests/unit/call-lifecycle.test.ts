import { describe, expect, it } from "vitest";
import {
  callLifecycleRank,
  deriveCallOutcome,
  mergeCallOutcome,
  outcomeWithVoicemail,
  SETTLED_OUTCOMES,
  type CallOutcomeInput,
  type CallPhase,
} from "@/lib/openphone/call-lifecycle";
import type { CallOutcome } from "@/lib/openphone/normalized";

const d = (iso: string) => new Date(iso);
const ALL_OUTCOMES: CallOutcome[] = ["ringing", "in_progress", "answered", "missed", "voicemail", "forwarded"];

describe("deriveCallOutcome", () => {
  const base: CallOutcomeInput = {
    phase: "completed",
    direction: "incoming",
    status: "completed",
    answeredAt: null,
    completedAt: d("2026-05-04T12:00:00Z"),
    forwardedTo: null,
    hasVoicemail: false,
  };
  const at = d("2026-05-04T11:59:00Z");

  it.each<[string, Partial<CallOutcomeInput>, string]>([
    ["forwarded phase wins over everything", { phase: "forwarded", completedAt: null, answeredAt: at, hasVoicemail: true }, "forwarded"],
    ["forwardedTo on an unanswered, ended call", { forwardedTo: "+19175550111" }, "forwarded"],
    ["forwardedTo on an answered call is answered", { forwardedTo: "+19175550111", answeredAt: at }, "answered"],
    ["forwardedTo on a ringing call is ringing", { phase: "ringing", status: "ringing", completedAt: null, forwardedTo: "USagent02" }, "ringing"],
    ["forwardedTo with a voicemail is voicemail", { forwardedTo: "+19175550111", hasVoicemail: true }, "voicemail"],
    ["2026 status unanswered", { status: "unanswered" }, "missed"],
    ["2026 status abandoned", { phase: null, status: "abandoned", completedAt: null }, "missed"],
    ["2026 status forwarded", { status: "forwarded" }, "forwarded"],
    ["2026 status ai-handled", { status: "ai-handled" }, "answered"],
    ["voicemail wins over missed", { hasVoicemail: true }, "voicemail"],
    ["answered when answeredAt is set", { answeredAt: at }, "answered"],
    ["answered phase", { phase: "answered", completedAt: null }, "answered"],
    ["missed phase", { phase: "missed" }, "missed"],
    ["incoming completed unanswered", {}, "missed"],
    ["outgoing completed unanswered", { direction: "outgoing" }, "missed"],
    ["ringing phase", { phase: "ringing", status: "ringing", completedAt: null }, "ringing"],
    ["no phase, ringing status", { phase: null, status: "ringing", completedAt: null }, "ringing"],
    ["no phase, in progress", { phase: null, status: "in-progress", completedAt: null }, "in_progress"],
    ["no phase, no-answer status", { phase: null, status: "no-answer", completedAt: null }, "missed"],
    ["no phase, completedAt set", { phase: null, status: null }, "missed"],
  ])("%s", (_label, overrides, expected) => {
    expect(deriveCallOutcome({ ...base, ...overrides })).toBe(expected);
  });
});

describe("callLifecycleRank", () => {
  it.each<[CallPhase | null, string | null, number]>([
    ["ringing", "ringing", 1],
    ["answered", "in-progress", 2],
    ["forwarded", null, 2],
    ["missed", "completed", 3],
    ["completed", "completed", 3],
    // A phase wins over the call's own status.
    ["ringing", "completed", 1],
    // Without a phase (a call inside a recording/voicemail event): ranked by status.
    [null, "completed", 3],
    [null, "missed", 3],
    [null, "no-answer", 3],
    [null, "in-progress", 2],
    [null, "answered", 2],
    [null, "ringing", 1],
    [null, "queued", 1],
    [null, null, 0],
  ])("phase %s, status %s → %i", (phase, status, rank) => {
    expect(callLifecycleRank(phase, status)).toBe(rank);
  });

  it("a later phase never ranks below an earlier one", () => {
    const order: CallPhase[] = ["ringing", "answered", "completed"];
    const ranks = order.map((phase) => callLifecycleRank(phase, null));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });
});

describe("settled outcomes", () => {
  it("only ringing and in progress are unsettled", () => {
    expect(ALL_OUTCOMES.filter((o) => !SETTLED_OUTCOMES.has(o))).toEqual(["ringing", "in_progress"]);
  });

  it("a settled stored outcome is never replaced by an unsettled one", () => {
    for (const stored of ALL_OUTCOMES.filter((o) => SETTLED_OUTCOMES.has(o))) {
      expect(mergeCallOutcome(stored, "ringing")).toBe(stored);
      expect(mergeCallOutcome(stored, "in_progress")).toBe(stored);
    }
  });

  it("otherwise the derived outcome wins", () => {
    expect(mergeCallOutcome(null, "ringing")).toBe("ringing");
    expect(mergeCallOutcome("ringing", "in_progress")).toBe("in_progress");
    expect(mergeCallOutcome("in_progress", "answered")).toBe("answered");
    expect(mergeCallOutcome("answered", "missed")).toBe("missed");
    expect(mergeCallOutcome("missed", "voicemail")).toBe("voicemail");
  });

  it("a voicemail settles every outcome except forwarded, like deriveCallOutcome", () => {
    for (const outcome of [null, ...ALL_OUTCOMES]) {
      expect(outcomeWithVoicemail(outcome)).toBe(outcome === "forwarded" ? "forwarded" : "voicemail");
    }
    const base: CallOutcomeInput = {
      phase: null,
      direction: "incoming",
      status: "completed",
      answeredAt: d("2026-05-04T11:59:00Z"),
      completedAt: d("2026-05-04T12:00:00Z"),
      forwardedTo: null,
      hasVoicemail: true,
    };
    expect(deriveCallOutcome(base)).toBe(outcomeWithVoicemail(deriveCallOutcome({ ...base, hasVoicemail: false })));
    const forwarded = { ...base, forwardedTo: "+19175550111" };
    expect(deriveCallOutcome(forwarded)).toBe(outcomeWithVoicemail(deriveCallOutcome({ ...forwarded, hasVoicemail: false })));
  });
});
