import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '../../lambdas/domain/operations.ts';
import {
  ContactRecordRepository,
  type ContactSnapshot,
  contactLifecycle,
  contactResult,
} from '../../lambdas/domain/records.ts';
import { type EmbeddedDynamo, startDynamo } from '../../local/dynamo.ts';

const INSTANCE = 'arn:aws:connect:us-east-1:111122223333:instance/0000';
const TZ = 'America/Chicago';
let db: EmbeddedDynamo;

beforeAll(async () => {
  db = await startDynamo();
});
afterAll(async () => {
  await db.close();
});

const snap = (contactId: string, initiatedAt: string): ContactSnapshot => {
  const t = Date.parse(initiatedAt);
  const iso = (s: number) => new Date(t + s * 1000).toISOString();
  return {
    contactId,
    instanceArn: INSTANCE,
    initiatedAt,
    enqueuedAt: iso(20),
    queueArn: `${INSTANCE}/queue/sales`,
    answeredAt: iso(50),
    agentArn: `${INSTANCE}/agent/a1`,
    disconnectedAt: iso(230),
    acwStartedAt: iso(230),
    acwEndedAt: iso(260),
  };
};

describe('ContactRecordRepository on DynamoDB (dynalite)', () => {
  it('stores the same record whether events come once, twice or backwards', async () => {
    const repo = new ContactRecordRepository(db.doc, db.tables, { timezone: TZ });
    const events = contactLifecycle(snap('c-order', '2026-11-23T21:00:00.000Z'));
    for (const e of [...events].reverse()) await repo.applyEvent(e);
    for (const e of events) await repo.applyEvent(e);
    const r = await repo.get('c-order');
    expect(r).toMatchObject({
      answeredAt: '2026-11-23T21:00:50.000Z',
      disconnectedAt: '2026-11-23T21:03:50.000Z',
      acwSeconds: 30,
      localDate: '2026-11-23',
    });
    expect(contactResult(r!)).toEqual({ kind: 'agent', waitSeconds: 30 });
  });

  it('loses no field when events and annotations are written at the same time by separate writers', async () => {
    // Two function instances (two repositories) and the flows' annotations race for one contact.
    const a = new ContactRecordRepository(db.doc, db.tables, {
      timezone: TZ,
      sleep: async () => {},
      maxAttempts: 30,
    });
    const b = new ContactRecordRepository(db.doc, db.tables, {
      timezone: TZ,
      sleep: async () => {},
      maxAttempts: 30,
    });
    for (let i = 0; i < 5; i++) {
      const id = `c-race-${i}`;
      const events = contactLifecycle(snap(id, '2026-11-24T15:00:00.000Z'));
      await Promise.all([
        ...events.map((e, j) => (j % 2 ? a : b).applyEvent(e)),
        a.annotateContact(id, { category: 'sales', mode: 'open', shift: 'day@2026-11-24' }),
        b.annotateContact(id, { csat: 4, ticketId: 'T-ABC123', menuPath: '1' }),
        a.annotateContact(id, { recordingKey: `connect/${id}.wav` }),
      ]);
      const r = await a.get(id);
      expect(r).toMatchObject({
        initiatedAt: '2026-11-24T15:00:00.000Z',
        enqueuedAt: '2026-11-24T15:00:20.000Z',
        answeredAt: '2026-11-24T15:00:50.000Z',
        disconnectedAt: '2026-11-24T15:03:50.000Z',
        acwSeconds: 30,
        category: 'sales',
        mode: 'open',
        shift: 'day@2026-11-24',
        csat: 4,
        ticketId: 'T-ABC123',
        menuPath: '1',
        recordingKey: `connect/${id}.wav`,
      });
      expect(r!.eventTypes).toHaveLength(5);
    }
  });

  it('refuses a malformed annotation instead of storing it', async () => {
    const repo = new ContactRecordRepository(db.doc, db.tables);
    await expect(repo.annotateContact('c-bad', { csat: 9 })).rejects.toThrow();
    expect(await repo.get('c-bad')).toBeUndefined();
  });

  it('lists the records of a business-local day, across the UTC month boundary, oldest first', async () => {
    const repo = new ContactRecordRepository(db.doc, db.tables, { timezone: TZ });
    // 2026-11-30 local in Chicago runs 06:00Z Nov 30 to 06:00Z Dec 1.
    for (const [id, at] of [
      ['d-before', '2026-11-30T05:59:00.000Z'],
      ['d-1', '2026-11-30T06:00:00.000Z'],
      ['d-2', '2026-11-30T23:30:00.000Z'],
      ['d-3', '2026-12-01T05:59:59.000Z'],
      ['d-after', '2026-12-01T06:00:00.000Z'],
    ] as const)
      await repo.applyEvent(contactLifecycle(snap(id, at))[0]);
    const day = localDayRange('2026-11-30', '2026-11-30', TZ);
    expect((await repo.listBetween(day.from, day.to)).map((r) => r.contactId)).toEqual(['d-1', 'd-2', 'd-3']);
    expect(await repo.months()).toEqual(expect.arrayContaining(['2026-11', '2026-12']));
    const span = await repo.span();
    expect(span?.last).toBe('2026-12-01T06:00:00.000Z');
  });

  it('pages through more records than one Query returns', async () => {
    const repo = new ContactRecordRepository(db.doc, db.tables, { timezone: TZ });
    const big = 'x'.repeat(9000); // ~9 KB items: a 1 MB page holds about 110
    for (let i = 0; i < 130; i++) {
      const id = `p-${String(i).padStart(3, '0')}`;
      await repo.applyEvent(
        contactLifecycle(
          snap(
            id,
            `2027-02-10T${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00.000Z`,
          ),
        )[0],
      );
      await repo.annotateContact(id, { menuPath: big });
    }
    const list = await repo.listBetween(new Date('2027-02-10T00:00:00Z'), new Date('2027-02-11T00:00:00Z'));
    expect(list).toHaveLength(130);
  });
});
