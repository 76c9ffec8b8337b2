import type { Tx } from "../db/types";
import type { Envelope, NormalizedContact } from "../openphone/normalized";
import { touched, type ProjectionResult } from "./result";

/**
 * contact.updated / contact.deleted. A contact already known by number (from a message or call)
 * gains its OpenPhone id and name; an older version never overwrites a newer one. No timeline row
 * changes: a contact's new name shows on the next load.
 */
export async function projectContact(
  tx: Tx,
  contact: NormalizedContact,
  envelope: Envelope,
  deleted: boolean,
): Promise<ProjectionResult> {
  const versionAt = contact.updatedAt ?? envelope.occurredAt;
  const number = contact.phoneNumbers[0] ?? null;
  const existing =
    (await tx.contact.findUnique({ where: { openphoneContactId: contact.id }, select: { id: true, sourceUpdatedAt: true } })) ??
    (number
      ? await tx.contact.findUnique({ where: { number }, select: { id: true, sourceUpdatedAt: true } })
      : null);
  if (existing?.sourceUpdatedAt && existing.sourceUpdatedAt > versionAt) return touched(null);

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
    where: { id, OR: [{ sourceUpdatedAt: null }, { sourceUpdatedAt: { lte: versionAt } }] },
    data,
  });
  return touched(null);
}
