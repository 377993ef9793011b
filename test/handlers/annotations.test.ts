import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as assistantFn from '../../lambdas/assistant/handler.ts';
import type { ContactAnnotations } from '../../lambdas/domain/annotations.ts';
import { ContactRecordRepository } from '../../lambdas/domain/records.ts';
import * as routeFn from '../../lambdas/route/handler.ts';
import * as surveyFn from '../../lambdas/survey/handler.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { offlineReranker } from '../../local/switchboard.ts';
import { at, connectEvent, invoke, seededDynamo, testDeps } from '../helpers.ts';

// What only the flow functions know goes on the contact record under the same ContactId.
mockClient(SNSClient).on(PublishCommand).resolves({});
let db: EmbeddedDynamo;
let records: ContactRecordRepository;
beforeAll(async () => {
  db = await seededDynamo();
  records = new ContactRecordRepository(db.doc, db.tables);
});
afterAll(async () => db.close());

const failing: ContactAnnotations = {
  annotateContact: async () => {
    throw new Error('ProvisionedThroughputExceededException');
  },
};
const never: ContactAnnotations = { annotateContact: () => new Promise(() => {}) };

describe('flow functions annotate the contact record', () => {
  it('route: mode, the shift occurrence (a night shift keeps the date it began), local date, caller', async () => {
    const handler = routeFn.createHandler({ ...routeFn.awsDeps(), ...routeFn.storeDeps(db), ...testDeps });
    at('2026-11-24T06:30:00Z'); // 00:30 in Chicago: the night shift that began on the 23rd
    const contactId = 'ann-route-1';
    const out = await invoke(handler, connectEvent({}, { contactId, phone: '+13125550177' }));
    expect(out.mode).toBe('assistant');
    expect(await records.get(contactId)).toMatchObject({
      mode: 'assistant',
      shift: 'night@2026-11-23',
      localDate: '2026-11-24',
      caller: '+13125550177',
    });
  });

  it('ticket: the ticket id and category, and a message left with the assistant', async () => {
    const handler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
    at('2026-11-24T06:30:00Z');
    const contactId = 'ann-ticket-1';
    const out = await invoke(
      handler,
      connectEvent({ category: 'repair', message: 'my dryer is broken', source: 'assistant' }, { contactId }),
    );
    expect(await records.get(contactId)).toMatchObject({
      ticketId: out.ticketId,
      category: 'repair',
      disposition: 'message',
    });
  });

  it('assistant: how the Lex turn ended, under the session id (the ContactId)', async () => {
    const handler = assistantFn.createHandler({
      ...assistantFn.storeDeps(db),
      reranker: offlineReranker,
      ...testDeps,
    });
    const contactId = 'ann-assistant-1';
    const lex = (text: string) => ({
      sessionId: contactId,
      inputTranscript: text,
      invocationSource: 'FulfillmentCodeHook',
      sessionState: { sessionAttributes: { purpose: 'question' }, intent: { name: 'FallbackIntent' } },
    });
    await invoke(handler, lex('How much does delivery cost?'));
    expect((await records.get(contactId))?.assistantOutcome).toBe('answered');
    await invoke(handler, lex('I smell gas in the kitchen'));
    expect((await records.get(contactId))?.assistantOutcome).toBe('urgent');
  });

  it('survey: the CSAT and the category and queue the menu set', async () => {
    const handler = surveyFn.createHandler({ ...surveyFn.awsDeps(), ...surveyFn.storeDeps(db), ...testDeps });
    const contactId = 'ann-survey-1';
    await invoke(
      handler,
      connectEvent({ score: '4' }, { contactId, attributes: { category: 'sales', queue: 'sales' } }),
    );
    expect(await records.get(contactId)).toMatchObject({ csat: 4, category: 'sales', queue: 'sales' });
  });

  it('a failing or hanging records table never fails or holds up the caller', async () => {
    at('2026-11-23T15:00:00Z');
    for (const bad of [failing, never]) {
      const route = routeFn.createHandler({
        ...routeFn.awsDeps(),
        ...routeFn.storeDeps(db),
        records: bad,
        ...testDeps,
      });
      expect((await invoke(route, connectEvent({}, { contactId: 'ann-bad' }))).mode).toBe('open');
      const survey = surveyFn.createHandler({
        ...surveyFn.awsDeps(),
        ...surveyFn.storeDeps(db),
        records: bad,
        ...testDeps,
      });
      expect((await invoke(survey, connectEvent({ score: '5' }, { contactId: 'ann-bad' }))).result).toBe(
        'STORED',
      );
    }
  });
});
