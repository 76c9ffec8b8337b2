import { formatPhoneNumber } from "@/lib/format/phone-number";

/**
 * Speaker labels for a call transcript. OpenPhone marks each dialogue segment with the speaker's
 * `identifier` (usually a phone number) and `userId`: a workspace user (agent) has one, the
 * external party has `userId` null.
 */
export type SpeakerRole = "agent" | "contact";

export type SpeakerInput = { identifier: string | null; userId: string | null };

export type SpeakerLabel = { role: SpeakerRole; label: string; /** Stable per distinct speaker, for colours. */ speakerIndex: number };

export function labelSpeakers(
  segments: SpeakerInput[],
  context: { contactName: string | null; contactNumber: string | null },
): SpeakerLabel[] {
  const agents: string[] = [];
  const contacts: string[] = [];
  for (const segment of segments) {
    if (segment.userId !== null) {
      if (!agents.includes(segment.userId)) agents.push(segment.userId);
    } else {
      const key = segment.identifier ?? "";
      if (!contacts.includes(key)) contacts.push(key);
    }
  }
  return segments.map((segment) => {
    if (segment.userId !== null) {
      const index = agents.indexOf(segment.userId);
      return { role: "agent", label: agents.length > 1 ? `Agent ${index + 1}` : "Agent", speakerIndex: index };
    }
    const key = segment.identifier ?? "";
    const index = contacts.indexOf(key);
    return { role: "contact", label: contactLabel(key, index, contacts.length, context), speakerIndex: index };
  });
}

function contactLabel(
  identifier: string,
  index: number,
  count: number,
  context: { contactName: string | null; contactNumber: string | null },
): string {
  const isPhone = /^\+\d/.test(identifier);
  // The conversation's contact: matched by number, or the only external voice on the call.
  if (identifier === context.contactNumber || count === 1) {
    if (context.contactName) return context.contactName;
    if (isPhone) return formatPhoneNumber(identifier);
    return context.contactNumber ? formatPhoneNumber(context.contactNumber) : "Contact";
  }
  return isPhone ? formatPhoneNumber(identifier) : `Caller ${index + 1}`;
}
