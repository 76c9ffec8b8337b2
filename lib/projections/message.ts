import type { Tx } from "../db/types";
import type { Envelope, MessageStatus, NormalizedMessage } from "../openphone/normalized";
import { contactIdsColumn, linkParties } from "./parties";
import { createMessageActivity, refreshMessageActivity } from "./activity-row";
import { touched, type ProjectionResult } from "./result";

/**
 * Status lattice: a message only moves forward. Inbound messages are `received`; outbound ones go
 * queued → sent → delivered, or end failed/undelivered. Equal ranks are ordered by time.
 */
export const MESSAGE_STATUS_RANK: Record<MessageStatus, number> = {
  queued: 0,
  sent: 1,
  received: 2,
  delivered: 2,
  failed: 3,
  undelivered: 3,
};

/** Whether an incoming status (rank, time) may replace the stored one. */
export function messageStatusAdvances(
  stored: { statusRank: number; statusAt: Date },
  incoming: { statusRank: number; statusAt: Date },
): boolean {
  if (incoming.statusRank !== stored.statusRank) return incoming.statusRank > stored.statusRank;
  return incoming.statusAt.getTime() > stored.statusAt.getTime();
}

export async function projectMessage(tx: Tx, message: NormalizedMessage, envelope: Envelope): Promise<ProjectionResult> {
  const parties = await linkParties(tx, {
    openphonePhoneNumberId: message.phoneNumberId,
    workspaceNumber: message.workspaceNumber,
    participant: message.participant,
    participants: message.participants,
    group: message.group,
    openphoneConversationId: message.conversationId,
    deepLink: message.deepLink,
    contactIds: message.contactIds,
    contactLookup: message.contactLookup,
    activityAt: message.createdAt,
  });
  const contactIds = contactIdsColumn(message.contactIds, message.contactLookup);
  // The message's own last-change time when OpenPhone sends one, else the event's time.
  const statusAt = message.updatedAt ?? envelope.occurredAt;
  const statusRank = MESSAGE_STATUS_RANK[message.status];
  const content = {
    direction: message.direction,
    fromNumber: message.from,
    toNumbers: message.to.length > 0 ? message.to.join(",") : null,
    userId: message.userId,
    occurredAt: message.createdAt,
    ...(message.text !== null ? { text: message.text } : {}),
    ...(message.deepLink !== null ? { openphoneUrl: message.deepLink } : {}),
    ...(contactIds !== undefined ? { contactIds } : {}),
    ...(parties.phoneNumberId !== null ? { phoneNumberId: parties.phoneNumberId } : {}),
    ...(parties.conversationId !== null ? { conversationId: parties.conversationId } : {}),
  };
  const status = {
    status: message.status,
    statusRank,
    statusAt,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
  };

  // The common case, a message seen for the first time: one insert (a concurrent delivery about the
  // same message may win it; then the insert is a no-op and the merge below applies).
  const [inserted] = await tx.$queryRaw<{ id: number }[]>`INSERT INTO "Message"
      ("openphoneId", "phoneNumberId", "conversationId", "direction", "fromNumber", "toNumbers", "text", "status", "statusRank", "statusAt",
       "errorCode", "errorMessage", "userId", "occurredAt", "openphoneUrl", "contactIds", "createdAt", "updatedAt")
    VALUES (${message.id}, ${parties.phoneNumberId}, ${parties.conversationId}, ${content.direction}, ${content.fromNumber}, ${content.toNumbers},
      ${message.text}, ${status.status}, ${statusRank}, ${statusAt}, ${status.errorCode}, ${status.errorMessage}, ${content.userId},
      ${content.occurredAt}, ${message.deepLink}, ${contactIds ?? null}, ${new Date()}, ${new Date()})
    ON CONFLICT ("openphoneId") DO NOTHING RETURNING "id"`;
  if (inserted) {
    const messageId = Number(inserted.id);
    if (message.media.length > 0) {
      await tx.mediaAttachment.createMany({
        data: message.media.map((media, position) => ({
          messageId,
          position,
          url: media.url,
          contentType: media.contentType,
          size: media.size,
          duration: media.duration,
        })),
      });
    }
    const stored = { ...content, text: message.text, status: message.status, phoneNumberId: parties.phoneNumberId, conversationId: parties.conversationId };
    return touched(await createMessageActivity(tx, messageId, stored, message.media.length, parties.conversationContactId));
  }

  // Lock the message row (PostgreSQL) before reading its status, so a concurrent `sent` and
  // `delivered` cannot both read the old status and the older one win.
  await tx.message.updateMany({ where: { openphoneId: message.id }, data: { openphoneId: message.id } });
  const existing = await tx.message.findUnique({
    where: { openphoneId: message.id },
    select: { id: true, statusRank: true, statusAt: true },
  });
  let messageId: number;
  if (!existing) {
    // upsert, not create: a concurrent delivery of another event for the same message may win the insert.
    const row = await tx.message.upsert({
      where: { openphoneId: message.id },
      create: { openphoneId: message.id, ...content, ...status },
      update: content,
      select: { id: true, statusRank: true, statusAt: true },
    });
    messageId = row.id;
    if (messageStatusAdvances(row, { statusRank, statusAt })) {
      await tx.message.update({ where: { id: messageId }, data: status });
    }
  } else {
    messageId = existing.id;
    const advances = messageStatusAdvances(existing, { statusRank, statusAt });
    await tx.message.update({ where: { id: messageId }, data: advances ? { ...content, ...status } : content });
  }

  for (const [position, media] of message.media.entries()) {
    const data = { url: media.url, contentType: media.contentType, size: media.size, duration: media.duration };
    await tx.mediaAttachment.upsert({
      where: { messageId_position: { messageId, position } },
      create: { messageId, position, ...data },
      update: data,
    });
  }
  return touched(await refreshMessageActivity(tx, messageId));
}
