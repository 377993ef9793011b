import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CallerProfileRepository, TicketRepository } from '../../lambdas/domain/repositories.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/route/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, seededDynamo, testDeps } from '../helpers.ts';

let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());

const call = (event: unknown) => invoke(handler, event);

describe('route handler', () => {
  it('sends a weekday-morning call to a person, with the shift and the on-call person', async () => {
    at('2026-11-23T15:00:00Z'); // Mon 09:00 Chicago
    const out = await call(connectEvent());
    expect(out).toMatchObject({
      mode: 'open',
      reason: 'open',
      shift: 'day',
      agents: '3',
      onCallName: 'Dana Whitfield',
      locale: 'en-US',
      knownCaller: 'false',
      openTickets: '0',
    });
    expect(Object.values(out).every((v) => typeof v === 'string')).toBe(true);
  });

  it('sends the night to the assistant (nobody on shift) with the night on-call person', async () => {
    at('2026-11-24T04:00:00Z'); // Mon 22:00
    expect(await call(connectEvent())).toMatchObject({
      mode: 'assistant',
      reason: 'unstaffed',
      shift: 'night',
      onCallPhone: '+13125550103',
    });
  });

  it('knows a holiday in the business time zone, even when UTC has moved to the next day', async () => {
    at('2026-12-26T04:30:00Z'); // Christmas Day 22:30 in Chicago, Dec 26 in UTC
    expect(await call(connectEvent())).toMatchObject({
      mode: 'assistant',
      reason: 'holiday',
      holiday: 'Christmas Day',
    });
    at('2026-12-25T16:00:00Z');
    expect(await call(connectEvent())).toMatchObject({ mode: 'assistant', reason: 'holiday', agents: '0' });
  });

  it('greets a known caller by name with their open tickets and last category', async () => {
    at('2026-11-23T15:00:00Z');
    await new CallerProfileRepository(db.doc, db.tables).setName('+13125550555', 'Jordan');
    const { ticket } = await new TicketRepository(db.doc, db.tables).create({
      contactId: 'earlier-call',
      callerPhone: '+13125550555',
      category: 'delivery',
      priority: 'normal',
      status: 'open',
      shift: 'day@2026-11-20',
      createdAt: '2026-11-20T15:00:00.000Z',
      updatedAt: '2026-11-20T15:00:00.000Z',
      firstResponseDueAt: '2026-11-20T15:10:00.000Z',
      dueAt: '2026-11-21T15:00:00.000Z',
      source: 'agent',
      history: [],
    });
    const out = await call(connectEvent({}, { phone: '+13125550555' }));
    expect(out).toMatchObject({
      knownCaller: 'true',
      customerName: 'Jordan',
      openTickets: '1',
      openTicketIds: ticket.id,
      lastCategory: 'delivery',
    });
  });

  it('treats a withheld number as an unknown caller', async () => {
    at('2026-11-23T15:00:00Z');
    expect(await call(connectEvent({}, { phone: null }))).toMatchObject({
      knownCaller: 'false',
      mode: 'open',
    });
  });

  it('fails with a named error on an event without Details, so the flow takes its Error branch', async () => {
    await expect(call({ Name: 'ContactFlowEvent' })).rejects.toThrow(
      /not an Amazon Connect contact flow event: Details: /,
    );
    await expect(call({ Details: { ContactData: { ContactId: 42 } } })).rejects.toThrow(
      /Details\.ContactData\.ContactId/,
    );
  });
});
