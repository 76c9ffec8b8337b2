/** North American numbers read as (415) 555-0123; anything else stays in E.164. */
export function formatPhoneNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : number;
}

const E164 = /^\+\d{7,15}$/;
/** OpenPhone workspace user ids (US…): a teammate, never a phone number. */
const USER_ID = /^US[A-Za-z0-9]+$/;

/**
 * A party OpenPhone names by number or by workspace user id (forwardedTo, answeredBy): numbers
 * are formatted as numbers; a user id reads as a teammate and is never formatted as a number.
 */
export function describeParty(value: string): { label: string; userId: string | null } {
  if (E164.test(value)) return { label: formatPhoneNumber(value), userId: null };
  if (USER_ID.test(value)) return { label: "a teammate", userId: value };
  return { label: value, userId: null };
}
