/**
 * Phone numbers for the whole project, over libphonenumber-js with its `max` metadata (Google's
 * libphonenumber rules: valid ranges per country and number types). Nothing else matches numbers with a
 * pattern. Three decisions live here:
 * - **withheld caller**: a caller id that is empty, not a number, a keypad spelling of ANONYMOUS,
 *   RESTRICTED, UNAVAILABLE, PRIVATE, UNKNOWN or WITHHELD (what networks put in the caller id when the
 *   number is hidden, e.g. +266696687), or a number that is not valid for its country, is withheld: it
 *   is never looked up, texted, called back or remembered, so a withheld caller is never "known";
 * - **contact policy**: premium-rate, shared-cost and personal-number types are never texted or called
 *   back (they cost the business money or reach someone else: toll fraud);
 * - **keyed numbers**: digits a caller types are read as Connect's Store customer input with
 *   `PhoneNumberValidation` does (E164, or Local for a country).
 */
import {
  type CountryCode,
  getCountryCallingCode as coreCallingCode,
  parsePhoneNumberFromString as coreParse,
  isSupportedCountry as coreSupported,
  type MetadataJson,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/core';
// The full `max` metadata (every country, with number types). A deployed call-path function is bundled
// with only its line's countries instead (infra/phone-metadata.ts, an esbuild alias of this import).
import fullMetadata from 'libphonenumber-js/max/metadata';

/**
 * The numbering rules in use. `countries` is set only in a bundle made for some countries
 * (infra/phone-metadata.ts): numbers of other countries are then not judged, only kept (see readPhone).
 */
const rules = () => fullMetadata as MetadataJson & { switchboard?: { countries: string[] } };

// Functions, not module-level values, so that a bundle using none of them leaves the rules out.
const parsePhoneNumberFromString = (text: string, options?: { defaultCountry?: CountryCode }) =>
  coreParse(text, options ?? {}, rules());
const isSupportedCountry = (code: string) => coreSupported(code as CountryCode, rules());
const getCountryCallingCode = (code: CountryCode) => coreCallingCode(code, rules());

/** Number types the line never texts or calls back. */
export const NEVER_CONTACTED: ReadonlySet<NonNullable<NumberType>> = new Set([
  'PREMIUM_RATE',
  'SHARED_COST',
  'PERSONAL_NUMBER',
]);

import { keypadDigits, WITHHELD_DIGITS, WITHHELD_WORDS } from './caller-id.ts';

export { keypadDigits, WITHHELD_WORDS };

export type WithheldReason = 'empty' | 'not-a-number' | 'keypad-word' | 'invalid';

/** What a number is, or why it counts as withheld. */
export type PhoneInfo =
  | {
      withheld: false;
      /** +13125550142 */
      e164: string;
      country: CountryCode | undefined;
      type: NumberType;
    }
  | { withheld: true; reason: WithheldReason };

function info(p: PhoneNumber | undefined): PhoneInfo {
  if (!p?.isValid()) return { withheld: true, reason: 'invalid' };
  return { withheld: false, e164: p.number, country: p.country, type: p.getType() };
}

/**
 * Reads a number as presented (a caller id, a config value, an SMS target). Numbers without `+` are read
 * in `defaultCountry` (ISO 3166 alpha-2, e.g. `US`) when one is given.
 */
export function readPhone(raw: string | null | undefined, defaultCountry?: string): PhoneInfo {
  const text = (raw ?? '').trim();
  if (!text) return { withheld: true, reason: 'empty' };
  if (!/\d/.test(text) || /[a-z]/i.test(text)) return { withheld: true, reason: 'not-a-number' };
  const digits = text.replace(/\D/g, '');
  if (WITHHELD_DIGITS.has(digits)) return { withheld: true, reason: 'keypad-word' };
  const country =
    defaultCountry && isSupportedCountry(defaultCountry) ? (defaultCountry as CountryCode) : undefined;
  if (!text.startsWith('+') && !country) return { withheld: true, reason: 'invalid' };
  if (rules().switchboard && text.startsWith('+') && !knownCallingCode(digits)) return unjudged(digits);
  return info(parsePhoneNumberFromString(text, country ? { defaultCountry: country } : undefined));
}

function knownCallingCode(digits: string): boolean {
  const codes = rules().country_calling_codes;
  return [1, 2, 3].some((n) => digits.length > n && codes[digits.slice(0, n)] !== undefined);
}

/**
 * A number of a country the bundle has no rules for (a call-path function bundled for its line's
 * countries): kept as the caller presented it when it has E.164's shape (ITU-T E.164: at most 15
 * digits), with no country and no type. The line never texts or calls a number without a country of
 * `outbound.countries` (sms-policy.ts), so nothing is sent on a number that was not checked.
 */
function unjudged(digits: string): PhoneInfo {
  if (!/^[1-9]\d{6,14}$/.test(digits)) return { withheld: true, reason: 'invalid' };
  return { withheld: false, e164: `+${digits}`, country: undefined, type: undefined };
}

/** A caller id as E.164, or undefined when the caller is withheld (see the module comment). */
export function callerId(raw: string | null | undefined, defaultCountry?: string): string | undefined {
  const p = readPhone(raw, defaultCountry);
  return p.withheld ? undefined : p.e164;
}

/** Whether the line may text or call this number back: valid, and not a premium/shared/personal type. */
export function mayContact(raw: string | null | undefined): boolean {
  const p = readPhone(raw);
  return !p.withheld && !(p.type && NEVER_CONTACTED.has(p.type));
}

/** Why a number is refused as a contact (for config and logs), or undefined when it is fine. */
export function contactRefusal(raw: string | null | undefined): string | undefined {
  const p = readPhone(raw);
  if (!raw?.trim().startsWith('+'))
    return 'is not an E.164 phone number (+ and the country code, e.g. +13125550142)';
  if (p.withheld)
    return p.reason === 'invalid'
      ? 'is not a valid phone number for its country (E.164, e.g. +13125550142)'
      : 'is not a phone number (E.164, e.g. +13125550142)';
  if (p.type && NEVER_CONTACTED.has(p.type))
    return `is a ${p.type.toLowerCase().replace(/_/g, '-')} number; the line never texts or calls those`;
  return undefined;
}

/**
 * Connect's UpdateContactCallbackNumber outcome for a number: `InvalidCallbackNumber` when it is not a
 * valid E.164 number, `CallbackNumberNotDialable` for types the line never calls (premium-rate,
 * shared-cost, personal-number), undefined when the callback can be queued.
 */
export function callbackRefusal(
  raw: string | null | undefined,
): 'InvalidCallbackNumber' | 'CallbackNumberNotDialable' | undefined {
  const p = readPhone(raw);
  if (p.withheld || !raw?.startsWith('+')) return 'InvalidCallbackNumber';
  return p.type && NEVER_CONTACTED.has(p.type) ? 'CallbackNumberNotDialable' : undefined;
}

/**
 * Keys a caller typed, read as Connect's Store customer input with `PhoneNumberValidation`:
 * `E164` wants the full number with its country code (keyed without `+`), `Local` a national number of
 * `country`. Returns E.164, or undefined when the keys are not a valid number.
 */
export function keyedNumber(keys: string, format: string, country: string): string | undefined {
  const digits = keys.replace(/[^\d+]/g, '');
  if (!digits) return undefined;
  const text = format === 'E164' || digits.startsWith('+') ? `+${digits.replace(/^\+/, '')}` : digits;
  const p = readPhone(text, format === 'E164' ? undefined : country);
  return p.withheld ? undefined : p.e164;
}

/** Whether a transfer or SMS target is a valid, dialable E.164 number. */
export function isDialable(raw: string | null | undefined): boolean {
  return !!raw?.startsWith('+') && !readPhone(raw).withheld;
}

/** Whether `code` is an ISO 3166 alpha-2 country with phone numbering rules (`US`, `CN`). */
export function isCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/**
 * Why a number prefix (Connect's PhoneNumberPrefix when claiming a number, e.g. `+1312`) does not fit
 * the country it is claimed in, or undefined when it does.
 */
export function countryPrefixRefusal(prefix: string, country: string): string | undefined {
  if (!/^\+\d{1,15}$/.test(prefix)) return 'is not a number prefix (+ and digits, e.g. +1312)';
  if (!isCountry(country)) return undefined;
  const code = getCountryCallingCode(country as CountryCode);
  return prefix.startsWith(`+${code}`) || `+${code}`.startsWith(prefix)
    ? undefined
    : `does not start with +${code}, the calling code of ${country}`;
}

/** A valid number for people: `+1 312 555 0142` (international) or `(312) 555-0142` (national). */
export function formatPhone(raw: string, style: 'international' | 'national' = 'international'): string {
  const p = parsePhoneNumberFromString(raw);
  if (!p?.isValid()) return raw;
  return style === 'national' ? p.formatNational() : p.formatInternational();
}

/** Masks a phone number for logs and e-mails: +131******42; `unknown` for a withheld caller. */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return 'unknown';
  if (phone.length <= 6) return '***';
  return `${phone.slice(0, 4)}${'*'.repeat(phone.length - 6)}${phone.slice(-2)}`;
}
