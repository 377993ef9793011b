import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsDeps, createHandler } from '../../lambdas/contact-events/handler.ts';
import { ContactRecordRepository, contactLifecycle } from '../../lambdas/domain/records.ts';
import { TicketRepository } from '../../lambdas/domain/repositories.ts';
import { storeDeps } from '../../lambdas/ticket/handler.ts';
import { recordMissedCall } from '../../lambdas/ticket/ticket.ts';
import { type EmbeddedDynamo, startDynamo } from '../../local/dynamo.ts';
import { lambdaContext, seededDynamo } from '../helpers.ts';

let db: EmbeddedDynamo;
beforeAll(async () => {
  db = await startDynamo();
});
afterAll(async () => {
  await db.close();
});

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/0000';

describe('contact-events handler', () => {
  it('merges each EventBridge contact event into the contact record', async () => {
    const records = new ContactRecordRepository(db.doc, db.tables, { timezone: 'Asia/Shanghai' });
    const handler = createHandler({ records });
    const events = contactLifecycle({
      contactId: 'h-1',
      instanceArn: INSTANCE,
      initiatedAt: '2026-11-23T16:30:00.000Z',
      enqueuedAt: '2026-11-23T16:30:20.000Z',
      queueArn: `${INSTANCE}/queue/repair`,
    });
    const results = [];
    for (const e of events) results.push(await handler(e, lambdaContext as never));
    expect(results.at(-1)).toMatchObject({ contactId: 'h-1', result: 'in-progress' });
    // Shanghai is UTC+8: 16:30Z is 00:30 the next local day.
    expect(await records.get('h-1')).toMatchObject({
      localDate: '2026-11-24',
      queueArn: `${INSTANCE}/queue/repair`,
    });
  });

  it('marks the call a callback leg calls back as a callback, whichever contact is heard of first', async () => {
    const records = new ContactRecordRepository(db.doc, db.tables);
    const handler = createHandler({ records });
    const leg = contactLifecycle({
      contactId: 'h-2-leg',
      instanceArn: INSTANCE,
      initiationMethod: 'CALLBACK',
      previousContactId: 'h-2',
      initiatedAt: '2026-11-23T17:00:00.000Z',
      enqueuedAt: '2026-11-23T17:00:00.000Z',
      queueArn: `${INSTANCE}/queue/repair`,
      answeredAt: '2026-11-23T17:20:00.000Z',
      agentArn: `${INSTANCE}/agent/a1`,
      disconnectedAt: '2026-11-23T17:24:00.000Z',
    });
    const call = contactLifecycle({
      contactId: 'h-2',
      instanceArn: INSTANCE,
      initiatedAt: '2026-11-23T16:58:00.000Z',
      enqueuedAt: '2026-11-23T16:58:20.000Z',
      queueArn: `${INSTANCE}/queue/repair`,
      disconnectedAt: '2026-11-23T16:59:10.000Z',
    });
    // The leg's first event arrives before any event of the call it keeps the promise for.
    for (const e of [leg[0]!, ...call, ...leg.slice(1)]) await handler(e, lambdaContext as never);
    const original = await records.get('h-2');
    expect(original?.disposition).toBe('callback');
    expect((await handler(call[0], lambdaContext as never)) as { result: string }).toMatchObject({
      result: 'callback',
    });
    // The leg itself is not marked.
    expect((await records.get('h-2-leg'))?.disposition).toBeUndefined();
  });

  it('drops an event that is not a contact event instead of failing (a retry cannot fix it)', async () => {
    const handler = createHandler({ records: new ContactRecordRepository(db.doc, db.tables) });
    const out = await handler({ 'detail-type': 'Scheduled Event', detail: {} }, lambdaContext as never);
    expect(out).toEqual({ ignored: expect.stringContaining('Amazon Connect Contact Event') });
  });

  it('reads its environment on first use, so importing the module needs none', async () => {
    const deps = awsDeps({});
    expect(() => deps.records).toThrow(/RECORDS_TABLE/);
    const ok = awsDeps({
      RECORDS_TABLE: db.tables.records,
      BUSINESS_TIMEZONE: 'UTC',
      SWITCHBOARD_DYNAMODB_ENDPOINT: db.endpoint,
    });
    expect(ok.records).toBeInstanceOf(ContactRecordRepository);
  });
});

describe('contact-events: no silent misses (issue 11)', () => {
  it('turns a caller who hung up in the queue into a missed-call ticket with a due time in staffed hours', async () => {
    const seeded = await seededDynamo();
    try {
      const records = new ContactRecordRepository(seeded.doc, seeded.tables, { timezone: 'America/Chicago' });
      const tickets = new TicketRepository(seeded.doc, seeded.tables);
      const sent: string[] = [];
      const handler = createHandler({
        records,
        missedCall: (input) =>
          recordMissedCall(input, {
            tickets,
            load: storeDeps({ doc: seeded.doc, tables: seeded.tables }).load,
            notifier: {
              sms: async (_to, text) => void sent.push(text),
              email: async () => {},
            },
            // Saturday 15:59 local: the promise lands in Monday's first staffed hour, not Sunday.
            now: new Date('2026-11-28T21:59:00Z'),
            log: () => {},
          }),
      });
      await records.annotateContact('miss-1', {
        caller: '+13125550177',
        queue: 'service',
        category: 'repair',
      });
      for (const e of contactLifecycle({
        contactId: 'miss-1',
        instanceArn: INSTANCE,
        initiatedAt: '2026-11-28T21:58:00.000Z',
        enqueuedAt: '2026-11-28T21:58:20.000Z',
        queueArn: `${INSTANCE}/queue/service`,
        disconnectedAt: '2026-11-28T21:59:00.000Z',
      }))
        await handler(e, lambdaContext as never);
      const t = await tickets.findByContact('miss-1');
      expect(t).toMatchObject({
        category: 'missed-call',
        callerPhone: '+13125550177',
        callbackNumber: '+13125550177',
        status: 'open',
        // One staffed minute left on Saturday, none on Sunday: the first staffed hour ends Monday 08:59.
        dueAt: '2026-11-30T14:59:00.000Z',
      });
      expect(sent).toEqual([
        expect.stringContaining('sorry we missed your call. We will call you back by Monday 8:59 AM'),
      ]);
    } finally {
      await seeded.close();
    }
  });
});
