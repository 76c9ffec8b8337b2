import type { Tx } from "../db/types";

/** Upserts a workspace number by its PN… id, filling in its E.164 number once known. */
export async function ensurePhoneNumber(tx: Tx, openphoneId: string, number: string | null): Promise<number> {
  // Read first: the common case (a known number) costs one query and takes no row lock, so
  // deliveries on one busy workspace number do not queue behind each other.
  const known = await tx.phoneNumber.findUnique({ where: { openphoneId }, select: { id: true, number: true } });
  const row =
    known ??
    (await tx.phoneNumber.upsert({
      where: { openphoneId },
      create: { openphoneId, number },
      update: {},
      select: { id: true, number: true },
    }));
  if (number && !row.number) await tx.phoneNumber.update({ where: { id: row.id }, data: { number } });
  return row.id;
}

/** Upserts an external party by E.164 number. */
export async function ensureContactByNumber(tx: Tx, number: string): Promise<number> {
  const known = await tx.contact.findUnique({ where: { number }, select: { id: true } });
  if (known) return known.id;
  const row = await tx.contact.upsert({ where: { number }, create: { number }, update: {}, select: { id: true } });
  return row.id;
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
  const row =
    (await tx.conversation.findUnique({ where: key, select })) ??
    (await tx.conversation.upsert({
      where: key,
      create: {
        phoneNumberId: input.phoneNumberId,
        participant: input.participant,
        contactId: input.contactId,
        lastActivityAt: input.activityAt,
      },
      update: {},
      select,
    }));
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
