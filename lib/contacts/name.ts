import { formatPhoneNumber } from "@/lib/format/phone-number";

export type ContactNameParts = { firstName: string | null; lastName: string | null; company: string | null } | null;

/** The contact's full name, or null when OpenPhone has not told us one. */
export function contactFullName(contact: ContactNameParts): string | null {
  const name = [contact?.firstName, contact?.lastName].filter(Boolean).join(" ").trim();
  return name || null;
}

/** What a row or header calls the other party: name, else company, else the formatted number. */
export function contactDisplayName(contact: ContactNameParts, number: string | null): string {
  return contactFullName(contact) ?? contact?.company ?? (number ? formatPhoneNumber(number) : "Unknown number");
}

/** Up to two initials for an avatar; "#" for a bare number. */
export function initialsOf(name: string): string {
  const letters = name
    .split(/\s+/)
    .filter((word) => /^\p{L}/u.test(word))
    .map((word) => word[0]!.toUpperCase());
  return letters.length > 0 ? letters.slice(0, 2).join("") : "#";
}

/** A group thread's title: its members' names (or numbers), the first three and how many more. */
export function groupDisplayName(members: readonly { number: string; name: string | null }[]): string {
  const labels = members.map((m) => m.name ?? formatPhoneNumber(m.number));
  return labels.length <= 3 ? labels.join(", ") : `${labels.slice(0, 3).join(", ")} +${labels.length - 3}`;
}
