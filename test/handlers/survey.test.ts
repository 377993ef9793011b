import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SurveyRepository, TicketRepository } from '../../lambdas/domain/repositories.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/survey/handler.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, seededDynamo, testDeps } from '../helpers.ts';

mockClient(SNSClient).on(PublishCommand).resolves({});
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
let ticketHandler: ReturnType<typeof ticketFn.createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
  ticketHandler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());

const call = (event: unknown) => invoke(handler, event);

describe('survey handler', () => {
  it('stores CSAT for the contact and on its ticket', async () => {
    at('2026-11-23T15:00:00Z');
    const contactId = 'aaaaaaaa-0000-4000-8000-000000000001';
    const { ticketId } = await invoke(ticketHandler, connectEvent({ category: 'sales' }, { contactId }));
    const out = await call(connectEvent({ score: '4' }, { contactId }));
    expect(out).toEqual({ result: 'STORED', score: '4', ticketId });
    expect((await new SurveyRepository(db.doc, db.tables).get(contactId))?.score).toBe(4);
    const t = await new TicketRepository(db.doc, db.tables).get(ticketId!);
    expect(t?.csat).toBe(4);
    expect(t?.history.at(-1)).toMatchObject({ action: 'csat', to: '4', by: 'caller' });
  });

  it('stores a score for a contact without a ticket', async () => {
    expect(await call(connectEvent({ score: '5' }, { contactId: 'no-ticket-contact' }))).toEqual({
      result: 'STORED',
      score: '5',
      ticketId: '',
    });
  });

  it.each([['0'], ['6'], ['4.5'], ['five'], ['']])('rejects %j clearly', async (score) => {
    const out = await call(connectEvent({ score }));
    expect(out.result).toBe('INVALID');
    expect(out.reason).toMatch(/score must be one key from 1 to 5/);
  });

  it('rejects a missing score and a timeout marker', async () => {
    expect((await call(connectEvent({}))).result).toBe('INVALID');
    expect((await call(connectEvent({ score: 'Timeout' }))).result).toBe('INVALID');
  });
});
