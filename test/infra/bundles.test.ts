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

  it('ticket holds DynamoDB, SNS and Step Functions and only its countries’ number rules', async () => {
    const b = await bundleFunction('ticket', undefined, countries);
    // Step Functions starts an urgent ticket's escalation (issue 11).
    expect(b.externals).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-sfn',
      '@aws-sdk/client-sns',
      '@aws-sdk/lib-dynamodb',
    ]);
    // Every country's rules (libphonenumber-js max metadata) alone are about 150 KB more.
    const full = await bundleFunction('ticket');
    expect(full.bytes - b.bytes).toBeGreaterThan(120 * 1024);
    expect(b.bytes).toBeLessThan(185 * 1024);
  });

  it.each([
    ['survey', ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']],
    ['assistant', ['@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']],
  ])('%s imports only the clients it uses', async (name, clients) => {
    const b = await bundleFunction(name, undefined, countries);
    expect(b.externals).toEqual(clients);
    expect(b.bytes).toBeLessThan(150 * 1024);
  });
});
