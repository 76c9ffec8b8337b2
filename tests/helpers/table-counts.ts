import type { PrismaHandle } from "@/lib/db/types";

/** Row counts of the event log and every domain table, for before/after comparisons in tests. */
export async function tableCounts(p: PrismaHandle) {
  const [events, messages, mediaAttachments, calls, recordings, voicemails, summaries, transcripts, segments, contacts, conversations, phoneNumbers, activities] =
    await Promise.all([
      p.webhookEvent.count(),
      p.message.count(),
      p.mediaAttachment.count(),
      p.call.count(),
      p.recording.count(),
      p.voicemail.count(),
      p.callSummary.count(),
      p.callTranscript.count(),
      p.transcriptSegment.count(),
      p.contact.count(),
      p.conversation.count(),
      p.phoneNumber.count(),
      p.activity.count(),
    ]);
  return { events, messages, mediaAttachments, calls, recordings, voicemails, summaries, transcripts, segments, contacts, conversations, phoneNumbers, activities };
}
