/** What the fuzz corpus found, each pinned by a test a user would notice. */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { truncateMarked } from '../../contact-flows/contracts.ts';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import * as handoverFn from '../../lambdas/handover/handler.ts';
import { readContact } from '../../lambdas/shared/connect.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import * as transcribeFn from '../../lambdas/transcribe/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, invoke, lambdaContext, seededDynamo, testDeps } from '../helpers.ts';

const sns = mockClient(SNSClient);
let db: EmbeddedDynamo;
beforeAll(async () => {
  sns.on(PublishCommand).resolves({ MessageId: 'm' });
  db = await seededDynamo();
});
afterAll(async () => {
  sns.reset();
  await db.close();
});

describe('long messages are kept, cut and marked', () => {
  it('saves a 5,000-character message as a ticket, cut to 4,000 characters with the full length named', async () => {
    at('2026-11-24T04:00:00Z');
    const handler = ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps });
    const message = `My dryer ${'rattles '.repeat(624)}end`;
    expect(message.length).toBeGreaterThan(4000);
    const out = await invoke(handler, connectEvent({ category: 'repair', message }));
    expect(out.result).toBe('CREATED');
    const ticket = await new TicketRepository(db.doc, db.tables).get(out.ticketId!);
    expect(ticket?.message).toHaveLength(4000);
    expect(ticket?.message).toMatch(/^My dryer rattles/);
    expect(ticket?.message).toMatch(/ … \[cut: 5004 characters in all\]$/);
  });

  it('never splits a character when it cuts', () => {
    const cut = truncateMarked('火'.repeat(50), 40);
    expect([...cut]).toHaveLength(40);
    expect(cut).not.toMatch(/\uFFFD/);
    expect(truncateMarked('short', 40)).toBe('short');
  });
});

describe('limits at the edge', () => {
  it('refuses a 1 MB ContactId before anything reaches DynamoDB', () => {
    expect(() => readContact(connectEvent({}, { contactId: 'x'.repeat(1024 * 1024) }))).toThrow(
      expect.objectContaining({ name: 'InvalidEventError' }),
    );
  });

  it('reads an oversized caller id as withheld rather than failing the call', () => {
    expect(readContact(connectEvent({}, { phone: `+1${'3'.repeat(5000)}` })).callerPhone).toBeUndefined();
  });
});

describe('handover refuses an unknown shift id', () => {
  it('names the shift and the ones the roster has, instead of handing over nothing', async () => {
    const handler = handoverFn.createHandler({
      ...handoverFn.storeDeps(db),
      email: async () => {},
      ...testDeps,
    });
    await expect(handler({ shiftId: 'graveyard' }, lambdaContext as never)).rejects.toMatchObject({
      name: 'UnknownShiftError',
      message: '"graveyard" is not a shift of the roster; use one of: day, evening, night',
    });
    await expect(
      handler({ scheduledTime: '2026-02-30T10:00:00Z' }, lambdaContext as never),
    ).rejects.toMatchObject({
      name: 'InvalidEventError',
    });
  });
});

describe('transcribe skips what is not a recording of ours', () => {
  const handler = () =>
    transcribeFn.createHandler({
      ...transcribeFn.storeDeps(db),
      startJob: async () => 'started',
      readTranscript: async () => ({ text: '', mediaUri: '' }),
      ...testDeps,
    });
  const created = (key: string, time?: string) => ({
    source: 'aws.s3',
    'detail-type': 'Object Created',
    ...(time ? { time } : {}),
    detail: { bucket: { name: 'recordings' }, object: { key } },
  });

  it('skips a key with a broken % escape', async () => {
    await expect(
      handler()(created('connect/%E0%A4%A.wav') as never, lambdaContext as never),
    ).resolves.toEqual({
      result: 'SKIPPED',
      reason: 'the object key is not URL-encoded (a bad % escape)',
    });
  });

  it('falls back to the time of the run for a recording time that does not exist', async () => {
    at('2026-11-24T04:05:00Z'); // Sunday night in Chicago: after hours, transcribed
    const id = 'aaaaaaaa-1111-4000-8000-00000000f00d';
    const out = await handler()(
      created(`connect/x/${id}_20261399T99:99_UTC.wav`, '2026-02-30T25:61:00Z') as never,
      lambdaContext as never,
    );
    expect(out).toEqual({ result: 'STARTED', jobName: `switchboard-${id}` });
  });
});
