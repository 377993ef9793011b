import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, seededDynamo, testDeps } from '../helpers.ts';

const sns = mockClient(SNSClient);
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => sns.reset());

const call = (event: unknown) => invoke(handler, event);
const smsTo = () =>
  sns
    .commandCalls(PublishCommand)
    .map((c) => ({ to: c.args[0].input.PhoneNumber, text: c.args[0].input.Message }));

describe('ticket handler', () => {
  it('creates a ticket with the callback promise, and texts the caller a confirmation', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm1' });
    at('2026-11-24T04:00:00Z'); // Mon 22:00 Chicago
    const out = await call(
      connectEvent({ category: 'repair', message: 'The dishwasher leaks', source: 'assistant' }),
    );
    expect(out).toMatchObject({
      result: 'CREATED',
      category: 'repair',
      priority: 'normal',
      status: 'open',
      // Tuesday 20:00 local, the end of Tuesday's staffed hours, not Tuesday 22:00 when nobody works.
      dueAt: '2026-11-25T02:00:00.000Z',
      paged: 'false',
      confirmationSms: 'true',
    });
    expect(out.ticketId).toMatch(/^T-[0-9A-Z]{6}$/);
    expect(out.ticketIdSpoken).toBe(out.ticketId!.slice(2).split('').join(' '));
    expect(out.dueSpoken).toBe('Tuesday 8:00 PM');
    expect(smsTo()).toEqual([{ to: '+13125550142', text: expect.stringContaining(out.ticketId!) }]);
    expect(smsTo()[0]!.text).toContain('by Tuesday 8:00 PM');
    const stored = await new TicketRepository(db.doc, db.tables).get(out.ticketId!);
    expect(stored).toMatchObject({
      shift: 'night@2026-11-23',
      message: 'The dishwasher leaks',
      source: 'assistant',
    });
  });

  it('is idempotent per ContactId: the second call returns the same ticket and sends nothing', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T04:00:00Z');
    const event = connectEvent({ category: 'repair', priority: 'urgent', message: 'sparks' });
    const first = await call(event);
    sns.reset();
    const second = await call(event);
    expect(second).toMatchObject({ result: 'EXISTS', ticketId: first.ticketId });
    expect(sns.commandCalls(PublishCommand)).toHaveLength(0);
  });

  it('pages whoever is on call for an urgent ticket, with ticket id, caller and summary', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T04:00:00Z');
    const out = await call(
      connectEvent(
        { category: 'repair', priority: 'urgent', message: 'I smell gas near the new range' },
        { phone: '+13125550166' },
      ),
    );
    expect(out).toMatchObject({
      priority: 'urgent',
      paged: 'true',
      pagedName: 'Priya Raman',
      onCallPhone: '+13125550103',
      dueAt: '2026-11-24T04:10:00.000Z',
    });
    const page = smsTo().find((s) => s.to === '+13125550103');
    expect(page?.text).toMatch(
      new RegExp(`URGENT Brightline Appliances ticket ${out.ticketId} from \\+13125550166: I smell gas`),
    );
  });

  it('files an unknown category as general and still keeps the message', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-24T04:00:00Z');
    const out = await call(connectEvent({ category: 'spaceships', message: 'keep me' }));
    expect(out.category).toBe('general');
    const t = await new TicketRepository(db.doc, db.tables).get(out.ticketId!);
    expect(t?.message).toBe('keep me');
    expect(t?.history.some((h) => h.note?.includes('unknown category "spaceships"'))).toBe(true);
  });

  it('keeps the ticket when SNS fails, and says the page did not go out', async () => {
    sns.on(PublishCommand).rejects(new Error('SNS is down'));
    at('2026-11-24T04:00:00Z');
    const out = await call(
      connectEvent({ category: 'repair', priority: 'urgent', message: 'water everywhere' }),
    );
    expect(out).toMatchObject({ result: 'CREATED', paged: 'false', confirmationSms: 'false' });
    expect(await new TicketRepository(db.doc, db.tables).get(out.ticketId!)).toBeDefined();
  });

  it('updates status with ownership, and answers expected refusals as values', async () => {
    sns.on(PublishCommand).resolves({});
    at('2026-11-23T15:00:00Z');
    const { ticketId } = await call(connectEvent({ category: 'sales' }));
    expect(
      await call(connectEvent({ action: 'status', ticketId: ticketId!, status: 'in_progress', by: 'dana' })),
    ).toMatchObject({ result: 'UPDATED', status: 'in_progress', owner: 'dana' });
    expect(
      await call(connectEvent({ action: 'status', ticketId: ticketId!, status: 'resolved', by: 'marcus' })),
    ).toMatchObject({ result: 'NOT_OWNER', owner: 'dana' });
    expect(
      await call(connectEvent({ action: 'status', ticketId: ticketId!, status: 'open', by: 'dana' })),
    ).toMatchObject({ result: 'UPDATED' });
    expect(
      await call(connectEvent({ action: 'status', ticketId: 'T-ZZZZZZ', status: 'resolved', by: 'dana' })),
    ).toMatchObject({ result: 'NOT_FOUND' });
    await expect(
      call(connectEvent({ action: 'status', ticketId: 'nope', status: 'done', by: 'dana' })),
    ).rejects.toThrow(/bad Details.Parameters: ticketId: is not a ticket id .*; status: /);
  });
});
