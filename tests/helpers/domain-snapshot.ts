import type { PrismaHandle } from "@/lib/db/types";

/**
 * The domain state in a form that ignores row ids and insertion times, so two databases fed the
 * same events in different orders can be compared for equality.
 */
export async function domainSnapshot(prisma: PrismaHandle) {
  const messages = await prisma.message.findMany({
    orderBy: { openphoneId: "asc" },
    select: {
      openphoneId: true,
      direction: true,
      status: true,
      text: true,
      fromNumber: true,
      toNumbers: true,
      errorCode: true,
      occurredAt: true,
      openphoneUrl: true,
      contactIds: true,
      conversation: { select: { participant: true, openphoneId: true, phoneNumber: { select: { openphoneId: true } } } },
      media: { orderBy: { position: "asc" }, select: { position: true, url: true, contentType: true } },
    },
  });
  const calls = await prisma.call.findMany({
    orderBy: { openphoneId: "asc" },
    select: {
      openphoneId: true,
      hasDetails: true,
      direction: true,
      outcome: true,
      status: true,
      participant: true,
      answeredAt: true,
      completedAt: true,
      duration: true,
      answeredBy: true,
      forwardedTo: true,
      openphoneUrl: true,
      contactIds: true,
      conversation: { select: { participant: true } },
      recordings: { orderBy: { key: "asc" }, select: { key: true, url: true, duration: true, size: true } },
      voicemail: { select: { url: true, duration: true, transcript: true, openphoneId: true } },
      summary: { select: { summary: true, nextSteps: true, sentiment: true, status: true } },
      transcript: {
        select: { status: true, duration: true, segments: { orderBy: { position: "asc" }, select: { identifier: true, userId: true, start: true, end: true, content: true } } },
      },
    },
  });
  const contacts = await prisma.contact.findMany({
    orderBy: { number: "asc" },
    select: { number: true, openphoneContactId: true, firstName: true, lastName: true, company: true, deletedAt: true },
  });
  const activities = await prisma.activity.findMany({
    orderBy: [{ occurredAt: "asc" }, { kind: "asc" }],
    select: {
      kind: true,
      occurredAt: true,
      status: true,
      direction: true,
      hasMedia: true,
      hasRecording: true,
      hasVoicemail: true,
      hasSummary: true,
      hasTranscript: true,
      preview: true,
      searchText: true,
      message: { select: { openphoneId: true } },
      call: { select: { openphoneId: true } },
    },
  });
  const conversations = await prisma.conversation.findMany({
    orderBy: [{ participant: "asc" }],
    select: {
      participant: true,
      participants: true,
      openphoneId: true,
      openphoneUrl: true,
      lastActivityAt: true,
      contact: { select: { number: true } },
      phoneNumber: { select: { openphoneId: true, number: true } },
    },
  });
  return { messages, calls, contacts, activities, conversations };
}
