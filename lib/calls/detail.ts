import { contactFullName } from "../contacts/name";
import { parseStringList } from "../db/string-list";
import type { AppDatabase } from "../db/types";
import { mediaProxyUrl } from "../media/urls";
import { labelSpeakers, type SpeakerRole } from "./speakers";

/**
 * The call detail page (/calls/[openphoneCallId]) and GET /api/calls/[openphoneCallId]. Recordings,
 * voicemail, summary and transcript may arrive long after the call, or before it: each is null or
 * empty until it has, and `hasDetails` is false while only such artifacts are known.
 */

export type CallAudio = { id: number; url: string; contentType: string | null; duration: number | null };

export type CallTranscriptSegment = {
  position: number;
  start: number;
  end: number;
  content: string;
  identifier: string | null;
  userId: string | null;
  role: SpeakerRole;
  speaker: string;
  speakerIndex: number;
};

export async function getCallDetail(db: AppDatabase, openphoneCallId: string) {
  const call = await db.prisma.call.findUnique({
    where: { openphoneId: openphoneCallId },
    select: {
      openphoneId: true,
      hasDetails: true,
      direction: true,
      status: true,
      outcome: true,
      fromNumber: true,
      toNumber: true,
      participant: true,
      userId: true,
      answeredBy: true,
      initiatedBy: true,
      forwardedFrom: true,
      forwardedTo: true,
      occurredAt: true,
      answeredAt: true,
      completedAt: true,
      duration: true,
      openphoneUrl: true,
      phoneNumber: { select: { openphoneId: true, name: true, number: true } },
      conversation: {
        select: { id: true, participant: true, contact: { select: { firstName: true, lastName: true, company: true, number: true } } },
      },
      recordings: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, contentType: true, duration: true } },
      voicemail: { select: { id: true, url: true, contentType: true, duration: true, transcript: true } },
      summary: { select: { status: true, summary: true, nextSteps: true, sentiment: true, updatedAt: true } },
      transcript: {
        select: {
          status: true,
          duration: true,
          segments: {
            orderBy: { position: "asc" },
            select: { position: true, identifier: true, userId: true, start: true, end: true, content: true },
          },
        },
      },
    },
  });
  if (!call) return null;

  const participant = call.participant ?? call.conversation?.participant ?? null;
  // A call without a conversation (no workspace number known yet) still finds its contact by number.
  const contact =
    call.conversation?.contact ??
    (participant
      ? await db.prisma.contact.findUnique({ where: { number: participant }, select: { firstName: true, lastName: true, company: true, number: true } })
      : null);
  const contactName = contactFullName(contact);
  const segments = call.transcript?.segments ?? [];
  const labels = labelSpeakers(segments, { contactName, contactNumber: participant });

  return {
    openphoneId: call.openphoneId,
    hasDetails: call.hasDetails,
    direction: call.direction,
    status: call.status,
    outcome: call.outcome,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    participant,
    userId: call.userId,
    answeredBy: call.answeredBy,
    initiatedBy: call.initiatedBy,
    forwardedFrom: call.forwardedFrom,
    forwardedTo: call.forwardedTo,
    occurredAt: call.occurredAt,
    answeredAt: call.answeredAt,
    completedAt: call.completedAt,
    duration: call.duration,
    /** Deep link into the OpenPhone (Quo) app. */
    openphoneUrl: call.openphoneUrl,
    phoneNumber: call.phoneNumber,
    conversationId: call.conversation?.id ?? null,
    contact: contact ? { firstName: contact.firstName, lastName: contact.lastName, company: contact.company } : null,
    recordings: call.recordings.map(
      (r): CallAudio => ({ id: r.id, url: mediaProxyUrl("recording", r.id), contentType: r.contentType, duration: r.duration }),
    ),
    // A voicemail known only by its transcription (no recording URL yet) has no audio.
    voicemail: call.voicemail?.url
      ? ({
          id: call.voicemail.id,
          url: mediaProxyUrl("voicemail", call.voicemail.id),
          contentType: call.voicemail.contentType,
          duration: call.voicemail.duration,
        } satisfies CallAudio)
      : null,
    /** OpenPhone's transcription of the voicemail (2026-03-30 call.voicemail.completed). */
    voicemailTranscript: call.voicemail?.transcript ?? null,
    summary: call.summary
      ? {
          status: call.summary.status,
          lines: parseStringList(call.summary.summary),
          nextSteps: parseStringList(call.summary.nextSteps),
          sentiment: call.summary.sentiment,
          updatedAt: call.summary.updatedAt,
        }
      : null,
    transcript: call.transcript
      ? {
          status: call.transcript.status,
          duration: call.transcript.duration,
          segments: segments.map(
            (s, i): CallTranscriptSegment => ({
              ...s,
              role: labels[i]!.role,
              speaker: labels[i]!.label,
              speakerIndex: labels[i]!.speakerIndex,
            }),
          ),
        }
      : null,
  };
}

export type CallDetail = NonNullable<Awaited<ReturnType<typeof getCallDetail>>>;
