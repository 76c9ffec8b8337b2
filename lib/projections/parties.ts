import type { Tx } from "../db/types";

/*
 * First-seen rows are inserted with INSERT … ON CONFLICT DO NOTHING (same SQL on both databases):
 * a concurrent delivery inserting the same number, contact or conversation makes this a no-op
 * instead of a unique violation that would abort the whole PostgreSQL transaction.
 */

/** Upserts a workspace number by its PN… id, filling in its E.164 number once known. */
export async function ensurePhoneNumber(tx: Tx, openphoneId: string, number: string | null): Promise<number> {
  // Read first: the common case (a known number) costs one query and takes no row lock, so
  // deliveries on one busy workspace number do not queue behind each other.
  const select = { id: true, number: true } as const;
  let row = await tx.phoneNumber.findUnique({ where: { openphoneId }, select });
  if (!row) {
    await tx.$executeRaw`INSERT INTO "PhoneNumber" ("openphoneId", "number", "updatedAt") VALUES (${openphoneId}, ${number}, ${new Date()}) ON CONFLICT ("openphoneId") DO NOTHING`;
    row = await tx.phoneNumber.findUniqueOrThrow({ where: { openphoneId }, select });
  }
  if (number && !row.number) await tx.phoneNumber.update({ where: { id: row.id }, data: { number } });
  return row.id;
}

/** Upserts an external party by E.164 number. */
export async function ensureContactByNumber(tx: Tx, number: string): Promise<number> {
  const known = await tx.contact.findUnique({ where: { number }, select: { id: true } });
  if (known) return known.id;
  await tx.$executeRaw`INSERT INTO "Contact" ("number", "updatedAt") VALUES (${number}, ${new Date()}) ON CONFLICT ("number") DO NOTHING`;
  return (await tx.contact.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
}

/**
 * Upserts the conversation of one workspace number × one participant and moves its
 * lastActivityAt forward (never back). Records OpenPhone's CN… id when it is not used elsewhere.
 */
export async function ensureConversation(
  tx: Tx,
  input: { phoneNumberId: number; participant: string; contactId: number; openphoneId: string | null; activityAt: Date },
): Promise<number> {
  const key = { phoneNumberId_participant: { phoneNumberId: input.phoneNumberId, participant: input.participant } };
  const select = { id: true, openphoneId: true, lastActivityAt: true, contactId: true } as const;
  let row = await tx.conversation.findUnique({ where: key, select });
  if (!row) {
    await tx.$executeRaw`INSERT INTO "Conversation" ("phoneNumberId", "participant", "contactId", "lastActivityAt", "updatedAt")
      VALUES (${input.phoneNumberId}, ${input.participant}, ${input.contactId}, ${input.activityAt}, ${new Date()})
      ON CONFLICT ("phoneNumberId", "participant") DO NOTHING`;
    row = await tx.conversation.findUniqueOrThrow({ where: key, select });
  }
  if (!row.lastActivityAt || row.lastActivityAt < input.activityAt) {
    // Conditional in SQL: a concurrent delivery may have moved it further meanwhile.
    await tx.conversation.updateMany({
      where: { id: row.id, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: input.activityAt } }] },
      data: { lastActivityAt: input.activityAt },
    });
  }
  const data: { openphoneId?: string; contactId?: number } = {};
  if (!row.contactId) data.contactId = input.contactId;
  if (input.openphoneId && !row.openphoneId) {
    // A CN… id seen on another number pair (group threads) stays with the first pair.
    const taken = await tx.conversation.findUnique({ where: { openphoneId: input.openphoneId }, select: { id: true } });
    if (!taken) data.openphoneId = input.openphoneId;
  }
  if (Object.keys(data).length > 0) await tx.conversation.update({ where: { id: row.id }, data });
  return row.id;
}

export type PartyLinks = { phoneNumberId: number | null; contactId: number | null; conversationId: number | null };

/** Resolves (creating as needed) the workspace number, contact and conversation of a message or call. */
export async function linkParties(
  tx: Tx,
  input: {
    openphonePhoneNumberId: string | null;
    workspaceNumber: string | null;
    participant: string | null;
    openphoneConversationId: string | null;
    activityAt: Date;
  },
): Promise<PartyLinks> {
  const phoneNumberId = input.openphonePhoneNumberId
    ? await ensurePhoneNumber(tx, input.openphonePhoneNumberId, input.workspaceNumber)
    : null;
  const contactId = input.participant ? await ensureContactByNumber(tx, input.participant) : null;
  const conversationId =
    phoneNumberId !== null && contactId !== null && input.participant
      ? await ensureConversation(tx, {
          phoneNumberId,
          participant: input.participant,
          contactId,
          openphoneId: input.openphoneConversationId,
          activityAt: input.activityAt,
        })
      : null;
  return { phoneNumberId, contactId, conversationId };
}
