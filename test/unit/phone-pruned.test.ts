import { describe, expect, it, vi } from 'vitest';
import { prunePhoneMetadata } from '../../infra/phone-metadata.ts';

// A flow function is bundled with only its line's countries' numbering rules (infra/function.ts
// `phoneCountries`). Here phone.ts gets the same cut-down rules the bundle gets, for a US line.
vi.mock('libphonenumber-js/max/metadata', async () => ({
  default: (await import('../../infra/phone-metadata.ts')).prunePhoneMetadata(['US']),
}));

const { callerId, callbackRefusal, mayContact, readPhone } = await import('../../lambdas/domain/phone.ts');
const { outboundRefusal } = await import('../../lambdas/domain/sms-policy.ts');
const policy = { countries: ['US'], perNumberPerDay: 3 };

describe('phone numbers with only the line’s countries’ rules (a bundled flow function)', () => {
  it('still judges numbers of its own countries: valid, invalid and premium-rate', () => {
    expect(readPhone('+13125550142')).toMatchObject({ withheld: false, country: 'US' });
    expect(readPhone('+13125550142')).not.toHaveProperty('type', undefined);
    expect(readPhone('+11235550142')).toEqual({ withheld: true, reason: 'invalid' }); // no area code 123
    expect(mayContact('+19005550123')).toBe(false); // premium-rate
    expect(callbackRefusal('+19005550123')).toBe('CallbackNumberNotDialable');
    expect(outboundRefusal('+13125550142', policy)).toBeUndefined();
  });

  it.each([
    ['+447911123456', 'a UK mobile'],
    ['+8613812345678', 'a Chinese mobile'],
    ['+4930123456', 'a German landline'],
    ['+919876543210', 'an Indian mobile'],
  ])('keeps %s (%s) as presented, with no country, and never texts or calls it', (number) => {
    expect(readPhone(number)).toEqual({ withheld: false, e164: number, country: undefined, type: undefined });
    expect(callerId(number)).toBe(number); // on the ticket, for a person to call
    expect(outboundRefusal(number, policy)).toBe('country');
  });

  it.each(['+44', '+4412', '+0441234567', '+4479111234567890123'])(
    'refuses %s, which does not have E.164’s shape',
    (number) => {
      expect(readPhone(number).withheld).toBe(true);
      expect(callerId(number)).toBeUndefined();
    },
  );
});

describe('cutting the rules down', () => {
  it('keeps a calling code’s main country with the country asked for (+1 rules live with the US)', () => {
    const m = prunePhoneMetadata(['CA']);
    expect(m.country_calling_codes['1']?.[0]).toBe('US');
    expect(Object.keys(m.countries)).toContain('US');
    expect(m.switchboard.countries).toEqual(['CA']);
  });

  it('is small: a line in China carries China’s rules only', () => {
    const m = prunePhoneMetadata(['CN']);
    expect(Object.keys(m.countries)).toEqual(['CN']);
    expect(JSON.stringify(m).length).toBeLessThan(20_000);
  });

  it('refuses a country without rules', () => {
    expect(() => prunePhoneMetadata(['XX'])).toThrow(/no numbering rules for country XX/);
  });
});

describe('the countries a flow function is bundled with', () => {
  it('are outbound.countries plus the country of every number in the config', async () => {
    const { loadConfig } = await import('../../config/load.ts');
    const { phoneCountriesOf } = await import('../../infra/phone-metadata.ts');
    const us = loadConfig('switchboard.yaml');
    expect(phoneCountriesOf(us)).toEqual(['US']);
    // An on-call person with a UK number: the UK's rules come along, or the page could not be judged.
    const withUk = {
      ...us,
      onCall: us.onCall.map((o, i) => (i === 0 ? { ...o, phone: '+442071838750' } : o)),
    };
    expect(phoneCountriesOf(withUk as typeof us)).toEqual(['GB', 'US']);
  });
});
