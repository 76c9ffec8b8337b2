import { describe, expect, it } from "vitest";
import { describePreview } from "@/components/conversation-list";
import { PhoneForwardedIcon, PhoneIcon } from "@/components/icons";
import {
  CALL_OUTCOMES,
  MESSAGE_STATUSES,
  TONE_CHIP,
  callOutcomeLabel,
  describeCall,
  presentActivityStatus,
} from "@/components/status-presentation";

describe("status presentation", () => {
  it("says 'forwarded' the same way wherever a forwarded call is shown", () => {
    const forwarded = CALL_OUTCOMES.forwarded;
    expect(forwarded).toMatchObject({ label: "Forwarded", tone: "accent", Icon: PhoneForwardedIcon });
    expect(describeCall({ direction: "incoming", outcome: "forwarded" })).toEqual({
      title: "Forwarded call",
      outcome: "Forwarded",
      Icon: PhoneForwardedIcon,
      tone: "accent",
    });
    expect(presentActivityStatus("call", "forwarded")).toBe(forwarded);
    const preview = describePreview({
      kind: "call",
      direction: "incoming",
      status: "forwarded",
      preview: "",
      occurredAt: new Date(0),
      hasMedia: false,
      hasVoicemail: false,
      hasRecording: false,
    });
    expect(preview).toMatchObject({ text: "Forwarded call", Icon: PhoneForwardedIcon });
  });

  it("an outgoing call nobody picked up had no answer; an incoming one was missed", () => {
    expect(callOutcomeLabel("missed", "outgoing")).toBe("No answer");
    expect(callOutcomeLabel("missed", "incoming")).toBe("Missed");
    expect(describeCall({ direction: "outgoing", outcome: "missed" })).toMatchObject({ title: "Outgoing call, no answer", outcome: "No answer", tone: "danger" });
    expect(callOutcomeLabel("answered", "outgoing")).toBe("Answered");
  });

  it("reads a stored status by the activity's kind, and nothing it does not know", () => {
    expect(presentActivityStatus("message", "undelivered")).toMatchObject({ label: "Undelivered", tone: "danger" });
    expect(presentActivityStatus("message", "received")).toMatchObject({ label: "Received", tone: "neutral" });
    expect(presentActivityStatus("message", "answered")).toBeNull();
    expect(presentActivityStatus("call", "delivered")).toBeNull();
    expect(presentActivityStatus("call", null)).toBeNull();
    expect(presentActivityStatus("call", "toString")).toBeNull();
    expect(describeCall({ direction: null, outcome: null })).toMatchObject({ title: "Call", outcome: "Call", Icon: PhoneIcon, tone: "neutral" });
  });

  it("every tone an outcome or status uses has an icon chip", () => {
    for (const { tone } of [...Object.values(CALL_OUTCOMES), ...Object.values(MESSAGE_STATUSES)]) expect(TONE_CHIP[tone]).toMatch(/^bg-/);
  });
});
