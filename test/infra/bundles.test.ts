import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/load.ts';
import { phoneCountriesOf } from '../../infra/phone-metadata.ts';
import { bundleFunction } from '../../scripts/lib/bundle.ts';

// What the caller waits for at a cold start: call-path bundles load only the clients they use, and
// only the line's countries' phone numbering rules (as the stack bundles flow functions).
const countries = phoneCountriesOf(loadConfig('switchboard.yaml'));

describe('call-path bundles', () => {
  it('route holds DynamoDB only: no Bedrock, S3, SNS or Transcribe client, and stays under 150 KB', async () => {
    const b = await bundleFunction('route', undefined, countries);
    expect(b.externals).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect(b.bytes).toBeLessThan(150 * 1024);
  });

  it('ticket loads DynamoDB at cold start, SNS and Step Functions on the first urgent page, and only its countries’ number rules', async () => {
    const b = await bundleFunction('ticket', undefined, countries);
    expect(b.externals).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    // SNS pages and Step Functions starts an urgent ticket's escalation (issue 11): urgent tickets only.
    expect(b.onFirstUse).toEqual(['@aws-sdk/client-sfn', '@aws-sdk/client-sns']);
    // Every country's rules (libphonenumber-js max metadata) alone are about 150 KB more.
    const full = await bundleFunction('ticket');
    expect(full.bytes - b.bytes).toBeGreaterThan(120 * 1024);
    expect(b.bytes).toBeLessThan(185 * 1024);
  });

  it.each([
    ['survey', [], 150],
    // Bedrock only with `assistant.provider: bedrock`.
    ['assistant', ['@aws-sdk/client-bedrock-runtime'], 150],
    // The acceptance from the page flow needs DynamoDB alone; the timed steps page by SNS and Connect.
    ['escalate', ['@aws-sdk/client-connect', '@aws-sdk/client-sns'], 150],
  ] as const)(
    '%s loads DynamoDB at cold start and other clients only on first use',
    async (name, later, kb) => {
      const b = await bundleFunction(name, undefined, countries);
      expect(b.externals).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
      expect(b.onFirstUse).toEqual(later);
      expect(b.bytes).toBeLessThan(kb * 1024);
    },
  );
});
