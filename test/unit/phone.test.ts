import { describe, expect, it } from 'vitest';
import {
  callbackRefusal,
  callerId,
  contactRefusal,
  countryPrefixRefusal,
  formatPhone,
  keyedNumber,
  keypadDigits,
  maskPhone,
  mayContact,
  readPhone,
} from '../../lambdas/domain/phone.ts';

type Decision = 'text and call back' | 'never contacted' | 'withheld';

const decide = (n: string): Decision => {
  const p = readPhone(n);
  if (p.withheld) return 'withheld';
  return mayContact(n) ? 'text and call back' : 'never contacted';
};

/** Numbers per country with what the line does with them (rules: libphonenumber metadata, max). */
const NUMBERS: Array<[string, string, string, Decision]> = [
  ['US', 'Chicago landline/mobile', '+13125550142', 'text and call back'],
  ['US', 'exchange starting with 1', '+13121550199', 'withheld'],
  ['US', 'area code starting with 1', '+11125550142', 'withheld'],
  ['US', 'one digit short', '+1312555014', 'withheld'],
  ['US', '900 premium rate', '+19005550123', 'never contacted'],
  ['US', '500 personal number', '+15005550006', 'never contacted'],
  ['US', 'toll free', '+18005550199', 'text and call back'],
  ['GB', 'mobile', '+447400123456', 'text and call back'],
  ['GB', 'Birmingham landline', '+441214960000', 'text and call back'],
  ['GB', '09 premium rate', '+449090901234', 'never contacted'],
  ['GB', '070 personal number', '+447012345678', 'never contacted'],
  ['GB', 'too short', '+4412', 'withheld'],
  ['DE', 'mobile', '+4915112345678', 'text and call back'],
  ['DE', 'Berlin landline', '+4930123456', 'text and call back'],
  ['DE', '0180 shared cost', '+4918012345678', 'never contacted'],
  ['DE', '0700 personal number', '+4970012345678', 'never contacted'],
  ['DE', '0900 too long', '+4990012345678', 'withheld'],
  ['FR', 'mobile', '+33612345678', 'text and call back'],
  ['FR', '0810 shared cost', '+33810123456', 'never contacted'],
  ['FR', '089 premium rate', '+33892123456', 'never contacted'],
  ['ES', '901 shared cost', '+34901123456', 'never contacted'],
  ['ES', '803 premium rate', '+34803123456', 'never contacted'],
  ['PL', '801 shared cost', '+48801123456', 'never contacted'],
  ['BE', '090 premium rate', '+3290123456', 'never contacted'],
  ['AU', 'mobile', '+61491570156', 'text and call back'],
  ['AU', '1900 premium rate', '+611900123456', 'never contacted'],
  ['CN', 'mobile', '+8613800138000', 'text and call back'],
  ['CN', 'Beijing landline', '+861012345678', 'text and call back'],
  ['CN', 'mobile one digit long', '+86138001380001', 'withheld'],
  ['IN', 'mobile', '+919876543210', 'text and call back'],
  ['BR', 'São Paulo landline', '+551140041234', 'text and call back'],
  ['--', 'ANONYMOUS on a keypad', '+266696687', 'withheld'],
  ['--', 'ANONYMOUS without +', '266696687', 'withheld'],
  ['--', 'RESTRICTED on a keypad', '+7378742833', 'withheld'],
  ['--', 'UNAVAILABLE on a keypad', '+86282452253', 'withheld'],
  ['--', 'UNKNOWN on a keypad', '+8656696', 'withheld'],
  ['--', 'PRIVATE on a keypad', '+7748283', 'withheld'],
  ['--', 'the word anonymous', 'anonymous', 'withheld'],
  ['--', 'the word Restricted', 'Restricted', 'withheld'],
  ['--', 'empty', '', 'withheld'],
  ['--', 'blank', '   ', 'withheld'],
  ['--', 'no country code', '3125550142', 'withheld'],
];

describe('numbers per country and what the line does with them', () => {
  it.each(NUMBERS)('%s %s (%s): %s', (_country, _what, number, decision) => {
    expect(decide(number)).toBe(decision);
    expect(callerId(number) === undefined).toBe(decision === 'withheld');
    expect(contactRefusal(number) === undefined).toBe(decision === 'text and call back');
  });

  it('spells the withheld words on the keypad as networks do', () => {
    expect(keypadDigits('anonymous')).toBe('266696687');
    expect(keypadDigits('RESTRICTED')).toBe('7378742833');
  });

  it('reads a national number in the default country when one is given', () => {
    expect(callerId('(312) 555-0142', 'US')).toBe('+13125550142');
    expect(callerId('312 155 0199', 'US')).toBeUndefined();
  });
});

describe('keyed numbers (Store customer input with PhoneNumberValidation) and callbacks', () => {
  it.each([
    ['3125550199', 'Local', 'US', '+13125550199', undefined],
    ['13125550199', 'Local', 'US', '+13125550199', undefined],
    ['3121550199', 'Local', 'US', undefined, 'InvalidCallbackNumber'],
    ['9005550123', 'Local', 'US', '+19005550123', 'CallbackNumberNotDialable'],
    ['13800138000', 'Local', 'CN', '+8613800138000', undefined],
    ['07400123456', 'Local', 'GB', '+447400123456', undefined],
    ['09090901234', 'Local', 'GB', '+449090901234', 'CallbackNumberNotDialable'],
    ['13125550199', 'E164', 'US', '+13125550199', undefined],
    ['3125550199', 'E164', 'US', undefined, 'InvalidCallbackNumber'],
    ['123', 'Local', 'US', undefined, 'InvalidCallbackNumber'],
  ] as const)('%s (%s, %s) → %s, callback: %s', (keys, format, country, e164, refusal) => {
    const n = keyedNumber(keys, format, country);
    expect(n).toBe(e164);
    expect(callbackRefusal(n)).toBe(refusal);
  });
});

describe('formatting', () => {
  it('formats for people and masks for logs', () => {
    expect(formatPhone('+13125550142')).toBe('+1 312 555 0142');
    expect(formatPhone('+13125550142', 'national')).toBe('(312) 555-0142');
    expect(maskPhone('+13125550142')).toBe('+131******42');
    expect(maskPhone(undefined)).toBe('unknown');
  });

  it('checks a number prefix against the country it is claimed in', () => {
    expect(countryPrefixRefusal('+1312', 'US')).toBeUndefined();
    expect(countryPrefixRefusal('+44', 'US')).toMatch(/does not start with \+1/);
    expect(countryPrefixRefusal('1312', 'US')).toMatch(/not a number prefix/);
  });
});
