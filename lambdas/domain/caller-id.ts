/**
 * The part of the withheld-caller rule that needs no numbering plan: what networks put in the caller id
 * when the number is hidden (empty, not a number, or a keypad spelling of ANONYMOUS, RESTRICTED, ...),
 * and E.164 syntax. It is small enough for every call-path bundle; phone.ts (libphonenumber-js with
 * max metadata) adds "valid for its country" and number types wherever a number is texted, called
 * back, stored or remembered. A caller id that passes only this check is looked up but never written:
 * profiles are created by the ticket function after the full check, so an invalid number is never
 * "known".
 */

/** Words networks send, spelled on a phone keypad, when the caller hides the number. */
export const WITHHELD_WORDS = ['ANONYMOUS', 'RESTRICTED', 'UNAVAILABLE', 'PRIVATE', 'UNKNOWN', 'WITHHELD'];

const KEYPAD: Record<string, string> = Object.fromEntries(
  ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'].flatMap((letters, i) =>
    [...letters].map((l) => [l, String(i + 2)]),
  ),
);

/** `ANONYMOUS` → `266696687`. */
export function keypadDigits(word: string): string {
  return [...word.toUpperCase()].map((c) => KEYPAD[c] ?? '').join('');
}

export const WITHHELD_DIGITS: ReadonlySet<string> = new Set(WITHHELD_WORDS.map(keypadDigits));

/**
 * E.164 syntax: `+`, a country code that does not start with 0, at most 15 digits in all (ITU-T E.164).
 * The one definition: flow parameters, the console's API and pages, and the caller-id check use it;
 * phone.ts adds the numbering plan where a number is texted, called back or stored.
 */
export const E164_SYNTAX = /^\+[1-9]\d{6,14}$/;

/**
 * A caller id as presented by Connect (`CustomerEndpoint.Address`), or undefined when it is withheld by
 * the rules that need no numbering plan. Use `callerId` from phone.ts before texting or storing it.
 */
export function presentedCallerId(raw: string | null | undefined): string | undefined {
  const text = (raw ?? '').trim();
  if (!E164_SYNTAX.test(text)) return undefined;
  return WITHHELD_DIGITS.has(text.slice(1)) ? undefined : text;
}
