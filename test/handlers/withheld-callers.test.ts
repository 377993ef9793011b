import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as routeFn from '../../lambdas/route/handler.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, enConfig, invoke, seededDynamo, testDeps } from '../helpers.ts';

const sns = mockClient(SNSClient);
let db: EmbeddedDynamo;
let routeHandler: ReturnType<typeof routeFn.createHandler>;
let ticketHandler: ReturnType<typeof ticketFn.createHandler>;
beforeAll(async () => {
  const config = enConfig();
  config.tickets.smsConfirmation = true;
  db = await seededDynamo(config);
  routeHandler = routeFn.createHandler({ ...routeFn.awsDeps(), ...routeFn.storeDeps(db), ...testDeps });
  ticketHandler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => sns.reset());

/** Caller ids networks present when the number is hidden, and numbers no country issues. */
const WITHHELD = [
  '+266696687', // ANONYMOUS on a keypad
  '266696687',
  '+7378742833', // RESTRICTED
  '+86282452253', // UNAVAILABLE
  '+8656696', // UNKNOWN
  'anonymous',
  'Restricted',
  '',
  '+13121550199', // a US exchange cannot start with 1
  '+4412', // too short for the UK
];

describe('withheld callers', () => {
  it.each(WITHHELD)(
    '"%s" is never known, never texted, and never told about another caller\'s ticket',
    async (id) => {
      sns.on(PublishCommand).resolves({});
      at('2026-11-24T04:00:00Z'); // Mon 22:00 CST: the assistant takes messages
      const created = await invoke(
        ticketHandler,
        connectEvent({ category: 'message', message: 'call me' }, { phone: id }),
      );
      expect(created.result).toBe('CREATED');
      expect(created.confirmationSms).toBe('false');
      expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
      const second = await invoke(routeHandler, connectEvent({}, { phone: id }));
      expect(second).toMatchObject({ knownCaller: 'false', openTickets: '0' });
      expect(second.openTicketIds ?? '').toBe('');
    },
  );

  it('a real caller is known on the next call and gets the confirmation SMS (the control case)', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T04:00:00Z');
    const created = await invoke(
      ticketHandler,
      connectEvent({ category: 'message', message: 'call me' }, { phone: '+13125550177' }),
    );
    expect(created.confirmationSms).toBe('true');
    expect(sns.commandCalls(PublishCommand)[0]!.args[0].input.PhoneNumber).toBe('+13125550177');
    expect(await invoke(routeHandler, connectEvent({}, { phone: '+13125550177' }))).toMatchObject({
      knownCaller: 'true',
      openTicketIds: created.ticketId,
    });
  });

  it('never texts or keeps a premium-rate callback number', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T04:10:00Z');
    const created = await invoke(
      ticketHandler,
      connectEvent({ category: 'message', callbackNumber: '+19005550123' }, { phone: null }),
    );
    expect(created.confirmationSms).toBe('false');
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });
});
