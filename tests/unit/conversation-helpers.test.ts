import { describe, expect, it } from "vitest";
import {
  dayNumber,
  formatDayLabel,
  formatDuration,
  formatDurationWords,
  formatRelativeShort,
  isSameDay,
} from "@/lib/format/time";
import { contactDisplayName, initialsOf } from "@/lib/contacts/name";
import { conversationListParamsSchema, conversationState, doneAtOnMark, conversationActionSchema } from "@/lib/conversations/state";
import { decodeKeysetCursor, encodeKeysetCursor } from "@/lib/cursor";
import { labelSpeakers } from "@/lib/calls/speakers";
import { isConversationUnread, needsAttention, readAtOnOpen } from "@/lib/conversations/unread";
import { attachmentFileName, attachmentKind, formatBytes, resolveContentType } from "@/lib/media/attachment-kind";
import { activeSegmentIndex } from "@/components/call-transcript";

const t = (iso: string) => new Date(iso);

describe("needsAttention", () => {
  it.each([
    [{ kind: "message", direction: "incoming", status: "received" }, true],
    [{ kind: "message", direction: "outgoing", status: "delivered" }, false],
    [{ kind: "message", direction: "outgoing", status: "failed" }, false],
    [{ kind: "call", direction: "incoming", status: "missed" }, true],
    [{ kind: "call", direction: "incoming", status: "voicemail" }, true],
    [{ kind: "call", direction: "incoming", status: "answered" }, false],
    [{ kind: "call", direction: "incoming", status: "ringing" }, false],
    [{ kind: "call", direction: "outgoing", status: "missed" }, false],
    [{ kind: "call", direction: null, status: "missed" }, false],
  ] as const)("%j → %s", (item, expected) => {
    expect(needsAttention(item)).toBe(expected);
  });
});

describe("isConversationUnread / readAtOnOpen", () => {
  const attention = t("2026-03-10T15:00:00Z");
  it("is unread when never read and something needs attention", () => {
    expect(isConversationUnread({ readAt: null, markedUnread: false, latestAttentionAt: attention })).toBe(true);
  });
  it("is read when nothing needs attention, whatever readAt", () => {
    expect(isConversationUnread({ readAt: null, markedUnread: false, latestAttentionAt: null })).toBe(false);
  });
  it("compares the newest attention item with readAt (strictly after)", () => {
    expect(isConversationUnread({ readAt: attention, markedUnread: false, latestAttentionAt: attention })).toBe(false);
    expect(isConversationUnread({ readAt: t("2026-03-10T14:59:59Z"), markedUnread: false, latestAttentionAt: attention })).toBe(true);
  });
  it("Mark unread wins", () => {
    expect(isConversationUnread({ readAt: t("2026-03-11T00:00:00Z"), markedUnread: true, latestAttentionAt: null })).toBe(true);
  });
  it("never stores a readAt before the newest item", () => {
    const now = t("2026-03-10T14:00:00Z");
    expect(readAtOnOpen(now, attention)).toEqual(attention);
    expect(readAtOnOpen(now, null)).toEqual(now);
    expect(readAtOnOpen(t("2026-03-10T16:00:00Z"), attention)).toEqual(t("2026-03-10T16:00:00Z"));
  });
});

describe("conversation state", () => {
  const last = t("2026-03-10T15:00:00Z");
  it("is done while doneAt is at or after the last activity", () => {
    expect(conversationState({ doneAt: null, lastActivityAt: last })).toBe("open");
    expect(conversationState({ doneAt: last, lastActivityAt: last })).toBe("done");
    expect(conversationState({ doneAt: t("2026-03-10T14:00:00Z"), lastActivityAt: last })).toBe("open");
    expect(conversationState({ doneAt: last, lastActivityAt: null })).toBe("done");
    expect(doneAtOnMark(t("2026-03-10T14:00:00Z"), last)).toEqual(last);
  });
  it("parses list params leniently and action input strictly", () => {
    expect(conversationListParamsSchema.parse({})).toEqual({ state: "open" });
    expect(conversationListParamsSchema.parse({ state: "done", number: "3", cursor: "1_2" })).toEqual({ state: "done", number: 3, cursor: "1_2" });
    expect(conversationListParamsSchema.parse({ state: "weird", number: "x" })).toEqual({ state: "open" });
    expect(conversationActionSchema.safeParse({ conversationId: "12" }).success).toBe(true);
    for (const bad of [{}, { conversationId: "" }, { conversationId: "-1" }, { conversationId: "1.5" }, { conversationId: "abc" }]) {
      expect(conversationActionSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe("keyset cursor", () => {
  it("round-trips and rejects anything else", () => {
    const cursor = { at: t("2026-03-10T15:00:00.123Z"), id: 42 };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    for (const bad of [null, "", "abc", "1_", "_1", "1_0", "1_-2", "1.5_2", "9".repeat(20) + "_1", "1_2_3"]) {
      expect(decodeKeysetCursor(bad), String(bad)).toBeNull();
    }
  });
});

describe("labelSpeakers", () => {
  const contact = "+14155550123";
  it("userId marks the agent, null the contact (by name when known)", () => {
    const labels = labelSpeakers(
      [
        { identifier: "+16505550100", userId: "USagent01" },
        { identifier: contact, userId: null },
        { identifier: "+16505550100", userId: "USagent01" },
      ],
      { contactName: "Marcus Webb", contactNumber: contact },
    );
    expect(labels.map((l) => [l.role, l.label, l.speakerIndex])).toEqual([
      ["agent", "Agent", 0],
      ["contact", "Marcus Webb", 0],
      ["agent", "Agent", 0],
    ]);
  });
  it("falls back to the formatted number, numbers several agents and callers", () => {
    const labels = labelSpeakers(
      [
        { identifier: "+16505550100", userId: "USa" },
        { identifier: "+16505550101", userId: "USb" },
        { identifier: contact, userId: null },
        { identifier: "+14155550999", userId: null },
        { identifier: "speaker-3", userId: null },
      ],
      { contactName: null, contactNumber: contact },
    );
    expect(labels.map((l) => l.label)).toEqual(["Agent 1", "Agent 2", "(415) 555-0123", "(415) 555-0999", "Caller 3"]);
  });
  it("treats the only external voice as the contact even without a number", () => {
    expect(labelSpeakers([{ identifier: null, userId: null }], { contactName: "Priya Shah", contactNumber: contact })[0]!.label).toBe("Priya Shah");
    expect(labelSpeakers([{ identifier: null, userId: null }], { contactName: null, contactNumber: null })[0]!.label).toBe("Contact");
  });
});

describe("time formatting in the viewer's zone", () => {
  const now = t("2026-03-10T18:30:00Z"); // 11:30 AM in Los Angeles, 2:30 PM in New York
  it("places days by the zone, not UTC", () => {
    const lateEvening = t("2026-03-10T03:00:00Z"); // Mar 9, 8 PM in Los Angeles; Mar 10 in UTC
    expect(isSameDay(lateEvening, now, "UTC")).toBe(true);
    expect(isSameDay(lateEvening, now, "America/Los_Angeles")).toBe(false);
    expect(formatDayLabel(lateEvening, now, "America/Los_Angeles")).toBe("Yesterday");
    expect(formatDayLabel(lateEvening, now, "UTC")).toBe("Today");
    expect(dayNumber(t("1970-01-02T00:00:00Z"), "UTC")).toBe(1);
  });
  it("labels day separators", () => {
    expect(formatDayLabel(t("2026-03-06T18:00:00Z"), now, "UTC")).toBe("Friday, March 6");
    expect(formatDayLabel(t("2025-12-24T18:00:00Z"), now, "UTC")).toBe("December 24, 2025");
  });
  it("formats list times like a messaging app", () => {
    expect(formatRelativeShort(t("2026-03-10T18:29:40Z"), now, "UTC")).toBe("now");
    expect(formatRelativeShort(t("2026-03-10T18:05:00Z"), now, "UTC")).toBe("25m");
    expect(formatRelativeShort(t("2026-03-10T13:00:00Z"), now, "UTC")).toBe("5h");
    expect(formatRelativeShort(t("2026-03-09T13:00:00Z"), now, "UTC")).toBe("Yesterday");
    expect(formatRelativeShort(t("2026-03-06T13:00:00Z"), now, "UTC")).toBe("Fri");
    expect(formatRelativeShort(t("2026-01-02T13:00:00Z"), now, "UTC")).toBe("Jan 2");
    expect(formatRelativeShort(t("2025-01-02T13:00:00Z"), now, "UTC")).toBe("Jan 2, 2025");
  });
  it("formats durations", () => {
    expect([0, 5, 65, 600, 3725, NaN, -3].map(formatDuration)).toEqual(["0:00", "0:05", "1:05", "10:00", "1:02:05", "0:00", "0:00"]);
    expect(formatDurationWords(65)).toBe("1 minute 5 seconds");
    expect(formatDurationWords(0)).toBe("0 seconds");
    expect(formatDurationWords(3600)).toBe("1 hour");
  });
});

describe("attachments and names", () => {
  it("classifies attachments and never renders SVG inline", () => {
    expect(attachmentKind("image/jpeg")).toBe("image");
    expect(attachmentKind("image/svg+xml")).toBe("file");
    expect(attachmentKind("application/pdf")).toBe("pdf");
    expect(attachmentKind("audio/mpeg")).toBe("audio");
    expect(attachmentKind(null)).toBe("file");
    expect(resolveContentType(null, "https://x.test/a/b/photo.JPG")).toBe("image/jpeg");
    expect(resolveContentType("application/octet-stream", "https://x.test/q.pdf")).toBe("application/pdf");
    expect(resolveContentType("image/png; charset=binary", "https://x.test/q")).toBe("image/png");
  });
  it("names files from the URL's last segment only when it looks like a file name", () => {
    expect(attachmentFileName("https://cdn.test/t0k3n/quote-1042.pdf", "application/pdf", 0)).toBe("quote-1042.pdf");
    expect(attachmentFileName("https://cdn.test/4f9c2a7e-77aa-4bd0", "image/jpeg", 1)).toBe("Image 2.jpg");
    expect(attachmentFileName("https://cdn.test/x", null, 0)).toBe("File 1");
    expect(formatBytes(2692)).toBe("2.6 KB");
    expect(formatBytes(null)).toBeNull();
  });
  it("names contacts", () => {
    expect(contactDisplayName({ firstName: "Marcus", lastName: "Webb", company: "Webb Co" }, "+14155550123")).toBe("Marcus Webb");
    expect(contactDisplayName({ firstName: null, lastName: null, company: "Webb Co" }, "+14155550123")).toBe("Webb Co");
    expect(contactDisplayName(null, "+14155550123")).toBe("(415) 555-0123");
    expect(contactDisplayName(null, null)).toBe("Unknown number");
    expect(initialsOf("Marcus Webb")).toBe("MW");
    expect(initialsOf("(415) 555-0123")).toBe("#");
    expect(initialsOf("Émile Zola Jr")).toBe("ÉZ");
  });
});

describe("activeSegmentIndex (the transcript line being spoken)", () => {
  const lines = [
    { start: 0.5, end: 4.4 },
    { start: 4.8, end: 11.3 },
    { start: 11.6, end: 15.9 },
  ];
  it.each([
    [0, -1],
    [0.5, 0],
    [4.6, 0], // the pause between two lines keeps the previous one
    [4.8, 1],
    [12, 2],
    [16.5, 2],
    [17.5, -1], // well after the last line
  ])("at %s s → line %i", (time, expected) => {
    expect(activeSegmentIndex(lines, time)).toBe(expected);
  });
  it("handles an empty transcript", () => {
    expect(activeSegmentIndex([], 3)).toBe(-1);
  });
});
