import "server-only";
import { getDatabase } from "../db";

/** Number of timeline rows (messages + calls); 0 means nothing has arrived yet. */
export async function countActivities(): Promise<number> {
  return getDatabase().prisma.activity.count();
}

export async function countConversations(): Promise<number> {
  return getDatabase().prisma.conversation.count();
}

/** The newest timeline rows with what a list row shows. Interim view; the keyset-paginated timeline replaces it. */
export async function listRecentActivities(limit = 50) {
  return getDatabase().prisma.activity.findMany({
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      kind: true,
      direction: true,
      status: true,
      preview: true,
      occurredAt: true,
      hasMedia: true,
      hasRecording: true,
      hasVoicemail: true,
      hasSummary: true,
      hasTranscript: true,
      conversation: { select: { participant: true } },
      contact: { select: { firstName: true, lastName: true, company: true, number: true } },
    },
  });
}

export type RecentActivity = Awaited<ReturnType<typeof listRecentActivities>>[number];

/** The most recently active conversations. */
export async function listRecentConversations(limit = 50) {
  return getDatabase().prisma.conversation.findMany({
    orderBy: [{ lastActivityAt: { sort: "desc", nulls: "last" } }, { id: "desc" }],
    take: limit,
    select: {
      id: true,
      participant: true,
      lastActivityAt: true,
      phoneNumber: { select: { name: true, number: true } },
      contact: { select: { firstName: true, lastName: true, company: true } },
      _count: { select: { activities: true } },
    },
  });
}

export type RecentConversation = Awaited<ReturnType<typeof listRecentConversations>>[number];
