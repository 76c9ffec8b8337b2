import type { Tx } from "../db/types";
import type { Envelope, NormalizedContact } from "../openphone/normalized";
import { touched, type ProjectionResult } from "./result";

/**
 * contact.updated / contact.deleted. A contact already known by number (from a message or call)
 * gains its OpenPhone id and name; an older version never overwrites a newer one. No timeline row
 * changes: a contact's new name shows on the next load.
 *
 * OpenPhone allows two contacts with one number. The number's row belongs to one live OpenPhone
 * contact: another contact with the same number does not take it over (nor delete it), unless the
 * holder was deleted. This keeps the end state independent of arrival order.
 */
export async function projectContact(
  tx: Tx,
  contact: NormalizedContact,
  envelope: Envelope,
  deleted: boolean,
): Promise<ProjectionResult> {
  const versionAt = contact.updatedAt ?? envelope.occurredAt;
  const number = contact.phoneNumbers[0] ?? null;
  const select = { id: true, sourceUpdatedAt: true, openphoneContactId: true, deletedAt: true } as const;
  let existing = await tx.contact.findUnique({ where: { openphoneContactId: contact.id }, select });
  let takeover = false;
  if (!existing && number) {
    const holder = await tx.contact.findUnique({ where: { number }, select });
    // (The holder may be this very contact, committed by a concurrent delivery since the read above.)
    if (holder && holder.openphoneContactId !== null && holder.openphoneContactId !== contact.id) {
      // Another OpenPhone contact has this number: only a live contact may replace a deleted one.
      if (deleted || holder.deletedAt === null) return touched(null);
      takeover = true;
    }
    existing = holder;
  }
  if (!takeover && existing?.sourceUpdatedAt && existing.sourceUpdatedAt > versionAt) return touched(null);

  const data = deleted
    ? { openphoneContactId: contact.id, firstName: null, lastName: null, company: null, deletedAt: versionAt, sourceUpdatedAt: versionAt }
    : {
        openphoneContactId: contact.id,
        firstName: contact.firstName,
        lastName: contact.lastName,
        company: contact.company,
        deletedAt: null,
        sourceUpdatedAt: versionAt,
      };
  const id =
    existing?.id ??
    (
      await tx.contact.upsert({
        where: { openphoneContactId: contact.id },
        create: { ...data, number },
        update: {},
        select: { id: true },
      })
    ).id;
  // Conditional in SQL: a concurrent, newer version may have been written since the read above.
  await tx.contact.updateMany({
    where: takeover
      ? { id, openphoneContactId: existing?.openphoneContactId ?? null }
      : { id, OR: [{ sourceUpdatedAt: null }, { sourceUpdatedAt: { lte: versionAt } }] },
    data,
  });
  return touched(null);
}
