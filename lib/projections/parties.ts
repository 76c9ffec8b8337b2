import type { Tx } from "../db/types";
import type { ContactLookup } from "../openphone/normalized";
import { parseStringList } from "../db/string-list";
import { isBuiltDeepLink } from "../openphone/events";
import { forgetTransactionMemo, transactionMemo } from "./transaction-memo";

/*
 * First-seen rows are inserted with INSERT … ON CONFLICT DO NOTHING (same SQL on both databases):
 * a concurrent delivery inserting the same number, contact or conversation makes this a no-op
 * instead of a unique violation that would abort the whole PostgreSQL transaction.
 */

/**
 * Upserts a workspace number by its PN… id, filling in its E.164 number once known. Returns the
 * stored number too: it is how a group message's own number is told apart from the others.
 */
export async function ensurePhoneNumber(tx: Tx, openphoneId: string, number: string | null): Promise<{ id: number; number: string | null }> {
  const memo = transactionMemo(tx);
  const memoKey = `phone:${openphoneId}`;
  // Read first: the common case (a known number) costs one query and takes no row lock, so
  // deliveries on one busy workspace number do not queue behind each other.
  const select = { id: true, number: true } as const;
  let row = (memo.get(memoKey) as PhoneRow | undefined) ?? (await tx.phoneNumber.findUnique({ where: { openphoneId }, select }));
  if (!row) {
    const [inserted] = await tx.$queryRaw<PhoneRow[]>`INSERT INTO "PhoneNumber" ("openphoneId", "number", "updatedAt") VALUES (${openphoneId}, ${number}, ${new Date()})
      ON CONFLICT ("openphoneId") DO NOTHING RETURNING "id", "number"`;
    row = inserted ? { id: Number(inserted.id), number: inserted.number } : await tx.phoneNumber.findUniqueOrThrow({ where: { openphoneId }, select });
  }
  if (number && !row.number) {
    await tx.phoneNumber.update({ where: { id: row.id }, data: { number } });
    await dropOwnNumberFromGroups(tx, row.id, number);
    row = { id: row.id, number };
  }
  memo.set(memoKey, row);
  return row;
}

type PhoneRow = { id: number; number: string | null };

/**
 * A group message that arrived before we knew our own number kept it among the participants.
 * Once the number is known, those threads lose it: re-keyed, or merged into the thread that
 * already has the remaining participants (a group of one is a 1:1 thread). This keeps the end
 * state independent of arrival order.
 */
async function dropOwnNumberFromGroups(tx: Tx, phoneNumberId: number, number: string): Promise<void> {
  // Threads are re-keyed or merged below: conversations remembered in this transaction may be stale.
  forgetTransactionMemo(tx);
  const groups = await tx.conversation.findMany({
    where: { phoneNumberId, participants: { not: null }, participant: { contains: number } },
    select: { id: true, participants: true, lastActivityAt: true, openphoneId: true, openphoneUrl: true },
  });
  for (const group of groups) {
    const members = parseStringList(group.participants ?? "[]").filter((n) => n !== number);
    if (members.length === 0) continue;
    const participant = members.length === 1 ? members[0]! : members.join(",");
    for (const member of members) await ensureContactByNumber(tx, member);
    const contactId = members.length === 1 ? await ensureContactByNumber(tx, participant) : null;
    const target = await tx.conversation.findUnique({
      where: { phoneNumberId_participant: { phoneNumberId, participant } },
      select: { id: true, lastActivityAt: true, openphoneId: true, openphoneUrl: true },
    });
    if (!target) {
      await tx.conversation.update({
        where: { id: group.id },
        data: { participant, participants: members.length > 1 ? JSON.stringify(members) : null, contactId },
      });
      await tx.activity.updateMany({ where: { conversationId: group.id }, data: { contactId } });
      continue;
    }
    await tx.message.updateMany({ where: { conversationId: group.id }, data: { conversationId: target.id } });
    await tx.call.updateMany({ where: { conversationId: group.id }, data: { conversationId: target.id } });
    await tx.activity.updateMany({ where: { conversationId: group.id }, data: { conversationId: target.id, contactId } });
    await tx.conversation.delete({ where: { id: group.id } });
    await tx.conversation.update({
      where: { id: target.id },
      data: {
        lastActivityAt: latest(target.lastActivityAt, group.lastActivityAt),
        ...(group.openphoneId && !target.openphoneId ? { openphoneId: group.openphoneId } : {}),
        ...(group.openphoneUrl && !target.openphoneUrl ? { openphoneUrl: group.openphoneUrl } : {}),
      },
    });
  }
}

function latest(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/** Upserts an external party by E.164 number. */
export async function ensureContactByNumber(tx: Tx, number: string): Promise<number> {
  const known = await tx.contact.findUnique({ where: { number }, select: { id: true } });
  if (known) return known.id;
  const [inserted] = await tx.$queryRaw<{ id: number }[]>`INSERT INTO "Contact" ("number", "updatedAt") VALUES (${number}, ${new Date()})
    ON CONFLICT ("number") DO NOTHING RETURNING "id"`;
  if (inserted) return Number(inserted.id);
  return (await tx.contact.findUniqueOrThrow({ where: { number }, select: { id: true } })).id;
}

type ConversationRow = {
  id: number;
  openphoneId: string | null;
  openphoneUrl: string | null;
  lastActivityAt: Date | null;
  contactId: number | null;
};

/** Where a conversation row is remembered in the transaction memo (found, touched or ensured). */
function conversationMemoKey(phoneNumberId: number, participant: string): string {
  return `conversation:${phoneNumberId}:${participant}`;
}

/** The conversation of one workspace number × one participant, if it exists (read once per transaction). */
async function findConversation(tx: Tx, phoneNumberId: number, participant: string): Promise<ConversationRow | null> {
  const memo = transactionMemo(tx);
  const memoKey = conversationMemoKey(phoneNumberId, participant);
  const remembered = memo.get(memoKey) as ConversationRow | undefined;
  if (remembered) return remembered;
  const row = await tx.conversation.findUnique({
    where: { phoneNumberId_participant: { phoneNumberId, participant } },
    select: { id: true, openphoneId: true, openphoneUrl: true, lastActivityAt: true, contactId: true },
  });
  if (row) memo.set(memoKey, row);
  return row;
}

/**
 * The conversation of one workspace number × one participant with its lastActivityAt moved forward
 * to activityAt (never back) in the same statement, or null when it does not exist yet: one round
 * trip instead of a read and an update for the common case, a delivery on a known thread.
 */
async function touchConversation(tx: Tx, phoneNumberId: number, participant: string, activityAt: Date): Promise<ConversationRow | null> {
  const memo = transactionMemo(tx);
  const memoKey = conversationMemoKey(phoneNumberId, participant);
  const remembered = memo.get(memoKey) as ConversationRow | undefined;
  // Remembered: ensureConversation moves it forward if this activity is newer.
  if (remembered) return remembered;
  const [row] = await tx.$queryRaw<RawConversationRow[]>`UPDATE "Conversation" SET
      "lastActivityAt" = CASE WHEN "lastActivityAt" IS NULL OR "lastActivityAt" < ${activityAt} THEN ${activityAt} ELSE "lastActivityAt" END,
      "updatedAt" = CASE WHEN "lastActivityAt" IS NULL OR "lastActivityAt" < ${activityAt} THEN ${new Date()} ELSE "updatedAt" END
    WHERE "phoneNumberId" = ${phoneNumberId} AND "participant" = ${participant}
    RETURNING "id", "openphoneId", "openphoneUrl", "lastActivityAt", "contactId"`;
  if (!row) return null;
  const touched: ConversationRow = {
    id: Number(row.id),
    openphoneId: row.openphoneId,
    openphoneUrl: row.openphoneUrl,
    lastActivityAt: row.lastActivityAt === null ? null : new Date(row.lastActivityAt),
    contactId: row.contactId === null ? null : Number(row.contactId),
  };
  memo.set(memoKey, touched);
  return touched;
}

/** A Conversation row as a raw query returns it (ids may come back as bigint, times as text). */
type RawConversationRow = {
  id: number | bigint;
  openphoneId: string | null;
  openphoneUrl: string | null;
  lastActivityAt: Date | string | number | null;
  contactId: number | bigint | null;
};

/**
 * Upserts the conversation of one workspace number × one participant (a group thread: × its
 * sorted, comma-joined participants) and moves its lastActivityAt forward (never back). Records
 * OpenPhone's CN… id and deep link when they are not known yet. Returns its id and contact.
 */
export async function ensureConversation(
  tx: Tx,
  input: {
    phoneNumberId: number;
    participant: string;
    contactId: number | null;
    /** Every participant of a group thread; null for a 1:1 thread. */
    participants: string[] | null;
    openphoneId: string | null;
    openphoneUrl: string | null;
    activityAt: Date;
  },
  /** The row as the caller just read it (null: not there); looked up when not given. */
  found?: ConversationRow | null,
): Promise<{ id: number; contactId: number | null }> {
  let row = found !== undefined ? found : await findConversation(tx, input.phoneNumberId, input.participant);
  if (!row) {
    const participants = input.participants ? JSON.stringify(input.participants) : null;
    const [inserted] = await tx.$queryRaw<{ id: number }[]>`INSERT INTO "Conversation"
        ("phoneNumberId", "participant", "contactId", "participants", "lastActivityAt", "openphoneUrl", "updatedAt")
      VALUES (${input.phoneNumberId}, ${input.participant}, ${input.contactId}, ${participants}, ${input.activityAt}, ${input.openphoneUrl}, ${new Date()})
      ON CONFLICT ("phoneNumberId", "participant") DO NOTHING RETURNING "id"`;
    row = inserted
      ? { id: Number(inserted.id), openphoneId: null, openphoneUrl: input.openphoneUrl, lastActivityAt: input.activityAt, contactId: input.contactId }
      : await findConversation(tx, input.phoneNumberId, input.participant);
    if (!row) throw new Error(`conversation ${input.phoneNumberId}/${input.participant} vanished after its insert`);
  }
  const memoKey = conversationMemoKey(input.phoneNumberId, input.participant);
  if (!row.lastActivityAt || row.lastActivityAt < input.activityAt) {
    // Conditional in SQL: a concurrent delivery may have moved it further meanwhile.
    await tx.conversation.updateMany({
      where: { id: row.id, OR: [{ lastActivityAt: null }, { lastActivityAt: { lt: input.activityAt } }] },
      data: { lastActivityAt: input.activityAt },
    });
    row = { ...row, lastActivityAt: input.activityAt };
  }
  const data: { openphoneId?: string; contactId?: number; openphoneUrl?: string } = {};
  if (!row.contactId && input.contactId !== null) data.contactId = input.contactId;
  // A link OpenPhone sent wins over one built from ids, whichever arrived first.
  if (input.openphoneUrl && (!row.openphoneUrl || (isBuiltDeepLink(row.openphoneUrl) && !isBuiltDeepLink(input.openphoneUrl)))) {
    data.openphoneUrl = input.openphoneUrl;
  }
  if (input.openphoneId && !row.openphoneId) {
    // A CN… id seen on another number pair stays with the first pair.
    const taken = await tx.conversation.findUnique({ where: { openphoneId: input.openphoneId }, select: { id: true } });
    if (!taken) data.openphoneId = input.openphoneId;
  }
  if (Object.keys(data).length > 0) {
    await tx.conversation.update({ where: { id: row.id }, data });
    row = { ...row, ...data };
  }
  transactionMemo(tx).set(memoKey, row);
  return { id: row.id, contactId: row.contactId };
}

export type PartyLinks = {
  phoneNumberId: number | null;
  contactId: number | null;
  conversationId: number | null;
  /** The conversation's contact (what its timeline rows show); null without a conversation. */
  conversationContactId: number | null;
};

export type PartiesInput = {
  openphonePhoneNumberId: string | null;
  /** Our number when the payload says it unambiguously; null for an incoming group message. */
  workspaceNumber: string | null;
  /** The external party of a 1:1 message or call. */
  participant: string | null;
  /** Every external party of a group message (may include our own number, see NormalizedMessage). */
  participants: string[];
  group: boolean;
  openphoneConversationId: string | null;
  /** The activity's deep link; the thread's is the same without `?at=…`. */
  deepLink: string | null;
  /** OpenPhone contact ids the activity names, and what the lookup said about them. */
  contactIds: string[];
  contactLookup: ContactLookup | null;
  activityAt: Date;
};

/**
 * Resolves (creating as needed) the workspace number, contact(s) and conversation of a message or
 * call. A group message becomes a group thread with every participant; our own number is known by
 * the phone-number id, never guessed from the order of recipients.
 */
export async function linkParties(tx: Tx, input: PartiesInput): Promise<PartyLinks> {
  const phone = input.openphonePhoneNumberId ? await ensurePhoneNumber(tx, input.openphonePhoneNumberId, input.workspaceNumber) : null;
  const ours = input.workspaceNumber ?? phone?.number ?? null;
  const externals = input.group ? [...new Set(input.participants.filter((n) => n !== ours))].sort() : [];
  // A "group" of one once our own number is dropped is a 1:1 thread.
  const participant = input.group ? (externals.length === 1 ? externals[0]! : null) : input.participant;
  const groupMembers = input.group && externals.length > 1 ? externals : null;
  const openphoneUrl = threadLink(input.deepLink);

  if (groupMembers) {
    // Every member is a contact (names in the thread), but not while our own number may be among them.
    if (ours !== null) for (const number of groupMembers) await ensureContactByNumber(tx, number);
    const conversation = phone
      ? await ensureConversation(tx, {
          phoneNumberId: phone.id,
          participant: groupMembers.join(","),
          contactId: null,
          participants: groupMembers,
          openphoneId: input.openphoneConversationId,
          openphoneUrl,
          activityAt: input.activityAt,
        })
      : null;
    return { phoneNumberId: phone?.id ?? null, contactId: null, conversationId: conversation?.id ?? null, conversationContactId: conversation?.contactId ?? null };
  }

  // A known 1:1 thread already names the participant's contact: no need to look the number up.
  // (Found and moved forward at once: ensureConversation below then has nothing left to update.)
  const known = phone !== null && participant ? await touchConversation(tx, phone.id, participant, input.activityAt) : null;
  const contactId = known?.contactId ?? (participant ? await ensureContactByNumber(tx, participant) : null);
  if (contactId !== null && input.contactLookup === "matched" && input.contactIds.length === 1) {
    await linkOpenPhoneContact(tx, contactId, input.contactIds[0]!);
  }
  const conversation =
    phone !== null && contactId !== null && participant
      ? await ensureConversation(tx, {
          phoneNumberId: phone.id,
          participant,
          contactId,
          participants: null,
          openphoneId: input.openphoneConversationId,
          openphoneUrl,
          activityAt: input.activityAt,
        }, known)
      : null;
  return { phoneNumberId: phone?.id ?? null, contactId, conversationId: conversation?.id ?? null, conversationContactId: conversation?.contactId ?? null };
}

/**
 * The OpenPhone contact an activity names (lookup "matched", one contact) is this number's contact:
 * recorded once, so a later contact.updated finds it by id. Never moves an id between contacts.
 */
async function linkOpenPhoneContact(tx: Tx, contactId: number, openphoneContactId: string): Promise<void> {
  const taken = await tx.contact.findUnique({ where: { openphoneContactId }, select: { id: true } });
  if (taken) return;
  await tx.contact.updateMany({ where: { id: contactId, openphoneContactId: null }, data: { openphoneContactId } });
}

/** The thread's deep link: the activity's without its `?at=<activity>` anchor. */
function threadLink(deepLink: string | null): string | null {
  if (!deepLink) return null;
  const url = new URL(deepLink);
  url.search = "";
  url.hash = "";
  return url.toString();
}

/** JSON of the contact ids an activity names; undefined (leave as is) when the lookup could not tell. */
export function contactIdsColumn(contactIds: string[], lookup: ContactLookup | null): string | undefined {
  if (lookup === "unavailable") return undefined;
  if (lookup === null && contactIds.length === 0) return undefined;
  return JSON.stringify(contactIds);
}
