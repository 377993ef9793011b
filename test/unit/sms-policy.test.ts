import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/load.ts';
import { OutboundCounterRepository } from '../../lambdas/domain/repositories.ts';
import {
  allowOutbound,
  defaultPolicy,
  memoryCounter,
  type OutboundPolicy,
  outboundRefusal,
} from '../../lambdas/domain/sms-policy.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, enConfig, invoke, seededDynamo, testDeps } from '../helpers.ts';

const US: OutboundPolicy = { countries: ['US'], perNumberPerDay: 3 };
const now = new Date('2026-11-24T04:00:00Z');

describe('outbound policy (pure rules)', () => {
  it('texts a valid number of an allowed country', () => {
    expect(outboundRefusal('+13125550142', US)).toBeUndefined();
  });

  it('refuses premium-rate numbers, other countries and what is not a number', () => {
    expect(outboundRefusal('+19005550123', US)).toBe('premium-rate');
    expect(outboundRefusal('+447911123456', US)).toBe('country');
    expect(outboundRefusal('+882345678901', US)).not.toBeUndefined();
    expect(outboundRefusal('ANONYMOUS', US)).toBe('not-a-number');
    expect(outboundRefusal('3125550142', US)).toBe('not-a-number');
  });

  it('defaults to the business country: its claimed number, else its locale', () => {
    const base = enConfig();
    expect(base.outbound.countries).toEqual(['US']);
    const raw = JSON.parse(JSON.stringify(base));
    delete raw.outbound;
    delete raw.deployment.phoneNumber;
    raw.business.locale = 'en-GB';
    raw.business.voice = 'Amy';
    expect(parseConfig(raw).outbound.countries).toEqual(['GB']);
    raw.deployment.phoneNumber = { countryCode: 'CA', type: 'DID' };
    expect(parseConfig(raw).outbound.countries).toEqual(['CA']);
    expect(defaultPolicy('zh-CN').countries).toEqual(['CN']);
  });

  it('allows N per number per day, then refuses until the next UTC day', async () => {
    const counter = memoryCounter();
    const results = [];
    for (let i = 0; i < 5; i++) results.push((await allowOutbound('+13125550142', US, counter, now)).allowed);
    expect(results).toEqual([true, true, true, false, false]);
    expect(await allowOutbound('+13125550143', US, counter, now)).toEqual({ allowed: true });
    const tomorrow = new Date('2026-11-25T00:00:01Z');
    expect(await allowOutbound('+13125550142', US, counter, tomorrow)).toEqual({ allowed: true });
  });
});

describe('the daily counter in DynamoDB', () => {
  let db: EmbeddedDynamo;
  const sns = mockClient(SNSClient);
  beforeAll(async () => {
    db = await seededDynamo();
  });
  afterAll(async () => {
    sns.reset();
    await db.close();
  });

  it('never lets concurrent sends pass the limit (conditional increment, no transaction) and expires', async () => {
    const repo = new OutboundCounterRepository(db.doc, db.tables);
    const taken = await Promise.all(
      Array.from({ length: 12 }, () => repo.take('+13125550177', '2026-11-24', 3, 1_800_000_000)),
    );
    expect(taken.filter(Boolean)).toHaveLength(3);
    const item = await db.doc.send(
      new (await import('@aws-sdk/lib-dynamodb')).GetCommand({
        TableName: db.tables.records,
        Key: { pk: 'OUTBOUND#+13125550177', sk: '2026-11-24' },
      }),
    );
    expect(item.Item).toMatchObject({ sent: 3, expiresAt: 1_800_000_000 });
  });

  it('sends a confirmation SMS at most 3 times a day to one number, and never abroad', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm' });
    const handler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
    at('2026-11-24T04:00:00Z');
    const spoofed = '+13125550188';
    const sent = [];
    for (let i = 0; i < 5; i++)
      sent.push(
        (await invoke(handler, connectEvent({ category: 'repair', message: 'hi' }, { phone: spoofed })))
          .confirmationSms,
      );
    expect(sent).toEqual(['true', 'true', 'true', 'false', 'false']);
    const abroad = await invoke(
      handler,
      connectEvent({ category: 'repair', message: 'hi' }, { phone: '+447911123456' }),
    );
    expect(abroad.result).toBe('CREATED');
    expect(abroad.confirmationSms).toBe('false');
    const texted = sns.commandCalls(PublishCommand).map((c) => c.args[0].input.PhoneNumber);
    expect(texted).not.toContain('+447911123456');
    expect(texted.filter((n) => n === spoofed)).toHaveLength(3);
  });
});
