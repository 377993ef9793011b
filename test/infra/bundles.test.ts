import { describe, expect, it } from 'vitest';
import { bundleFunction } from '../../scripts/lib/bundle.ts';

// What the caller waits for at a cold start: call-path bundles load only the clients they use.
describe('call-path bundles', () => {
  it('route holds DynamoDB only: no Bedrock, S3, SNS or Transcribe client, and stays under 150 KB', async () => {
    const b = await bundleFunction('route');
    expect(b.externals).toEqual(['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']);
    expect(b.bytes).toBeLessThan(150 * 1024);
  });

  it('ticket holds DynamoDB, SNS and Step Functions, with the full phone-number rules (max metadata) under 350 KB', async () => {
    // Number types (premium-rate, shared-cost) need libphonenumber's max metadata, about 190 KB: the
    // price of never texting or calling back a premium-rate number.
    const b = await bundleFunction('ticket');
    // Step Functions starts an urgent ticket's escalation (issue 11).
    expect(b.externals).toEqual([
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/client-sfn',
      '@aws-sdk/client-sns',
      '@aws-sdk/lib-dynamodb',
    ]);
    expect(b.bytes).toBeLessThan(350 * 1024);
  });

  it.each([
    ['survey', ['@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']],
    ['assistant', ['@aws-sdk/client-bedrock-runtime', '@aws-sdk/client-dynamodb', '@aws-sdk/lib-dynamodb']],
  ])('%s imports only the clients it uses', async (name, clients) => {
    const b = await bundleFunction(name);
    expect(b.externals).toEqual(clients);
    expect(b.bytes).toBeLessThan(150 * 1024);
  });
});
