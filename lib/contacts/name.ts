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
