import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CorruptItemError,
  DirectoryRepository,
  loadRouteSnapshot,
  type NewTicket,
  StaleTicketError,
  SurveyRepository,
  TicketRepository,
  TranscriptRepository,
} from '../../lambdas/domain/repositories.ts';
import { seedDirectory } from '../../lambdas/domain/seed.ts';
import { dueTimes, type Ticket } from '../../lambdas/domain/tickets.ts';
import { runHandover } from '../../lambdas/handover/handover.ts';
import { recordSurvey } from '../../lambdas/survey/survey.ts';
import { onJobCompleted, type TranscribeDeps } from '../../lambdas/transcribe/transcribe.ts';
import { type EmbeddedDynamo, startDynamo } from '../../local/dynamo.ts';
import { enConfig } from '../helpers.ts';

const created = new Date('2026-11-23T03:00:00Z');
const newTicket = (contactId: string, extra: Partial<NewTicket> = {}): NewTicket => ({
  contactId,
  category: 'repair',
  priority: 'normal',
  status: 'open',
  shift: 'night@2026-11-22',
  createdAt: created.toISOString(),
  updatedAt: created.toISOString(),
  source: 'assistant',
  history: [{ at: created.toISOString(), by: 'assistant', action: 'created' }],
  ...dueTimes(
    { answerWithinSeconds: 30, firstResponseMinutes: 10, callbackWithinHours: 24 },
    created,
    'normal',
  ),
  ...extra,
});

async function seeded(prefix: string): Promise<EmbeddedDynamo> {
  const db = await startDynamo({ prefix });
  await seedDirectory(new DirectoryRepository(db.doc, db.tables), enConfig());
  return db;
}

/** Runs `tasks` with at most `width` in flight. */
async function inBatches<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += width)
    out.push(
      ...(await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, j) => task(i + j)))),
    );
  return out;
}

describe('optimistic locking on dynalite', () => {
  let db: EmbeddedDynamo;
  beforeAll(async () => {
    db = await seeded('locking');
  });
  afterAll(async () => db.close());

  it('20 writers on one version: exactly one wins, the others are told, nothing is overwritten', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const { ticket } = await repo.create(newTicket('contact-race'));
    const writes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        repo.save(ticket, {
          ...ticket,
          owner: `agent-${i}`,
          history: [...ticket.history, { at: created.toISOString(), by: `agent-${i}`, action: 'owner' }],
        }),
      ),
    );
    const won = writes.flatMap((w) => (w.status === 'fulfilled' ? [w.value] : []));
    const lost = writes.flatMap((w) => (w.status === 'rejected' ? [w.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(19);
    expect(lost.every((e) => e instanceof StaleTicketError)).toBe(true);
    const stored = await repo.get(ticket.id);
    expect(stored).toEqual(won[0]);
    expect(stored).toMatchObject({ version: 2, owner: won[0]!.owner });
    expect(stored!.history).toHaveLength(2);
  });

  it('20 re-applying writers on one version: all 20 changes land', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const { ticket } = await repo.create(newTicket('contact-crowd'));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        repo.mutate(ticket.id, (t) => ({
          ...t,
          history: [
            ...t.history,
            {
              at: created.toISOString(),
              by: `agent-${i}`,
              action: 'status',
              note: `note ${i}`,
              event: `n#${i}`,
            },
          ],
        })),
      ),
    );
    expect(results.every((r) => r.changed)).toBe(true);
    const stored = (await repo.get(ticket.id))!;
    expect(stored.version).toBe(21);
    expect(stored.history.flatMap((h) => (h.event ? [h.event] : [])).sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `n#${i}`).sort(),
    );
  });

  it('a ticket written before versions existed is read as version 0, listed and updated once', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const legacy = { ...newTicket('contact-legacy', { callerPhone: '+13125550171' }), id: 'T-LEGACY' };
    // As the previous release wrote it: no version, the index keys of the time.
    await db.doc.send(
      new PutCommand({
        TableName: db.tables.records,
        Item: {
          pk: 'TICKET#T-LEGACY',
          sk: 'TICKET',
          ...legacy,
          callerPk: 'CALLER#+13125550171',
          openPk: 'OPEN',
          shiftKey: legacy.shift,
        },
      }),
    );
    const before = (await repo.get('T-LEGACY'))!;
    expect(before.version).toBe(0);
    expect((await repo.listOpen()).map((t) => t.id)).toContain('T-LEGACY');
    const writes = await Promise.allSettled([
      repo.save(before, { ...before, csat: 3 }),
      repo.save(before, { ...before, csat: 5 }),
    ]);
    expect(writes.filter((w) => w.status === 'fulfilled')).toHaveLength(1);
    const after = await repo.updateStatus('T-LEGACY', {
      status: 'resolved',
      by: 'dana',
      at: new Date('2026-11-23T15:00:00Z'),
    });
    expect(after).toMatchObject({ version: 2, status: 'resolved' });
    expect((await repo.listOpen()).map((t) => t.id)).not.toContain('T-LEGACY');
    expect((await repo.listByCaller('+13125550171')).map((t) => t.version)).toEqual([2]);
  });

  it('a console write that names a stale version is refused, not re-applied', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const { ticket } = await repo.create(newTicket('contact-console'));
    await repo.updateStatus(ticket.id, {
      status: 'in_progress',
      by: 'dana',
      at: new Date(),
      expectedVersion: 1,
    });
    await expect(
      repo.updateStatus(ticket.id, { status: 'resolved', by: 'dana', at: new Date(), expectedVersion: 1 }),
    ).rejects.toThrow(StaleTicketError);
    expect(await repo.get(ticket.id)).toMatchObject({ status: 'in_progress', version: 2 });
  });
});

describe('history appends on dynalite are idempotent per event', () => {
  let db: EmbeddedDynamo;
  beforeAll(async () => {
    db = await seeded('events');
  });
  afterAll(async () => db.close());

  it('a survey retried (also concurrently) stores one score and one history entry', async () => {
    const tickets = new TicketRepository(db.doc, db.tables);
    const surveys = new SurveyRepository(db.doc, db.tables);
    const contactId = 'aaaaaaaa-3333-4000-8000-000000000001';
    const { ticket } = await tickets.create(newTicket(contactId));
    const deps = { tickets, surveys, now: new Date('2026-11-23T15:00:00Z') };
    const outs = await Promise.all([
      recordSurvey(contactId, '4', deps),
      recordSurvey(contactId, '4', deps),
      recordSurvey(contactId, '4', deps),
    ]);
    await recordSurvey(contactId, '2', deps); // a late retry with another key press: the first wins
    expect(outs.every((o) => o.result === 'STORED' && o.score === 4)).toBe(true);
    const stored = (await tickets.get(ticket.id))!;
    expect(stored.csat).toBe(4);
    expect(stored.history.filter((h) => h.action === 'csat')).toHaveLength(1);
    expect((await surveys.get(contactId))?.score).toBe(4);
  });

  it('a transcription event retried (also concurrently) attaches the transcript once', async () => {
    const tickets = new TicketRepository(db.doc, db.tables);
    const contactId = 'aaaaaaaa-3333-4000-8000-000000000002';
    const { ticket } = await tickets.create(newTicket(contactId));
    const deps: TranscribeDeps = {
      roster: async () => undefined,
      holiday: async () => null,
      startJob: async () => 'started',
      readTranscript: async () => ({ text: 'the fridge is warm', mediaUri: 's3://rec/calls/y.wav' }),
      tickets,
      transcripts: new TranscriptRepository(db.doc, db.tables),
      now: new Date('2026-11-23T15:30:00Z'),
    };
    const job = `switchboard-${contactId}`;
    await Promise.all([onJobCompleted(job, 'COMPLETED', deps), onJobCompleted(job, 'COMPLETED', deps)]);
    await onJobCompleted(job, 'COMPLETED', deps);
    const stored = (await tickets.get(ticket.id))!;
    expect(stored).toMatchObject({
      transcript: 'the fridge is warm',
      recordingKey: 'calls/y.wav',
      version: 2,
    });
    expect(stored.history.filter((h) => h.action === 'transcript')).toHaveLength(1);
  });
});

describe('corrupt items on dynalite', () => {
  let db: EmbeddedDynamo;
  beforeAll(async () => {
    db = await seeded('corrupt');
  });
  afterAll(async () => db.close());
  const put = (Item: Record<string, unknown>) =>
    db.doc.send(
      new PutCommand({ TableName: Item.pk === 'HOLIDAY' ? db.tables.directory : db.tables.records, Item }),
    );

  it('a hand-edited ticket fails with the key and the field, wherever it is read', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const { ticket } = await repo.create(newTicket('contact-corrupt'));
    const raw = { ...ticket, status: 'pending', priority: 'urgent', version: 'one' };
    await put({ pk: `TICKET#${ticket.id}`, sk: 'TICKET', openPk: 'OPEN', ...raw });
    const err = await repo.findByContact('contact-corrupt').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CorruptItemError);
    expect((err as Error).message).toMatch(
      new RegExp(`table corrupt-records at pk=TICKET#${ticket.id}, sk=TICKET: status: .*version:`),
    );
    await expect(repo.listOpen()).rejects.toThrow(CorruptItemError);
  });

  it('a holiday without a name fails the route snapshot instead of opening the line', async () => {
    await put({ pk: 'HOLIDAY', sk: '2026-12-31', title: "New Year's Eve" });
    await expect(loadRouteSnapshot(db.doc, db.tables, ['2026-12-31'], undefined)).rejects.toThrow(
      /pk=HOLIDAY, sk=2026-12-31: name/,
    );
  });
});

describe('1,000 open tickets on dynalite', () => {
  const COUNT = 1000;
  let db: EmbeddedDynamo;
  let all: Ticket[];
  beforeAll(async () => {
    db = await seeded('thousand');
    const repo = new TicketRepository(db.doc, db.tables);
    // Long messages: the index read is several 1 MB pages, as it would be in DynamoDB.
    const message = 'The dishwasher leaks under the door and the kitchen floor is wet. '.repeat(20);
    all = (
      await inBatches(COUNT, 25, (i) =>
        repo.create(
          newTicket(`contact-${i}`, {
            message,
            priority: i % 10 === 0 ? 'urgent' : 'normal',
            category: i % 2 ? 'repair' : 'delivery',
            dueAt: new Date(created.getTime() + i * 60_000).toISOString(),
            ...(i < 30 ? { callerPhone: '+13125550199' } : {}),
          }),
        ),
      )
    ).map((r) => r.ticket);
  }, 120_000);
  afterAll(async () => db.close());

  it('lists all 1,000, earliest promise first, reading every page', async () => {
    let queries = 0;
    const counting = {
      send: (cmd: Parameters<typeof db.doc.send>[0]) => {
        queries++;
        return db.doc.send(cmd);
      },
    } as unknown as typeof db.doc;
    const open = await new TicketRepository(counting, db.tables).listOpen();
    expect(open).toHaveLength(COUNT);
    expect(new Set(open.map((t) => t.id)).size).toBe(COUNT);
    expect(open.map((t) => t.dueAt)).toEqual(all.map((t) => t.dueAt).sort());
    expect(queries).toBeGreaterThan(1);
  });

  it('pages with a cursor: 100 at a time, no ticket twice or missing', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await repo.openPage({ limit: 100, ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(100);
      seen.push(...page.items.map((t) => t.id));
      cursor = page.cursor;
    } while (cursor);
    expect(seen).toHaveLength(COUNT);
    expect(new Set(seen)).toEqual(new Set(all.map((t) => t.id)));
    const mine = await repo.callerPage('+13125550199', { limit: 20 });
    expect(mine.items).toHaveLength(20);
    const rest = await repo.callerPage('+13125550199', { limit: 20, cursor: mine.cursor! });
    expect(rest.items).toHaveLength(10);
    expect((await repo.listByCaller('+13125550199')).length).toBe(30);
  });

  it('handover hands over all 1,000 with exact counts', async () => {
    const mails: string[] = [];
    const directory = new DirectoryRepository(db.doc, db.tables);
    const [report] = await runHandover(
      { shiftId: 'night' },
      {
        roster: () => directory.getRoster(),
        tickets: new TicketRepository(db.doc, db.tables),
        email: async (_subject, text) => void mails.push(text),
        now: new Date('2026-11-24T14:00:00Z'),
      },
    );
    expect(report).toMatchObject({ open: COUNT, urgent: 100, byCategory: { delivery: 500, repair: 500 } });
    expect(mails).toHaveLength(1);
    const listed = new Set(mails[0]!.match(/T-[0-9A-Z]{6}/g));
    expect(listed).toEqual(new Set(all.map((t) => t.id)));
  });
});

describe('tickets created in a period (reports) on dynalite', () => {
  let db: EmbeddedDynamo;
  beforeAll(async () => {
    db = await seeded('period');
  });
  afterAll(async () => db.close());

  it('lists exactly the tickets created in [from, to), across a month boundary', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const times = [
      '2026-10-31T23:59:59Z',
      '2026-11-01T00:00:00Z',
      '2026-11-30T12:00:00Z',
      '2026-12-01T00:00:00Z',
    ];
    for (const [i, t] of times.entries())
      await repo.create(newTicket(`period-${i}`, { createdAt: t, updatedAt: t }));
    const inNovember = await repo.listCreatedBetween(
      new Date('2026-11-01T00:00:00Z'),
      new Date('2026-12-01T00:00:00Z'),
    );
    expect(inNovember.map((t) => t.createdAt)).toEqual(['2026-11-01T00:00:00Z', '2026-11-30T12:00:00Z']);
    const all = await repo.listCreatedBetween(
      new Date('2026-10-01T00:00:00Z'),
      new Date('2027-01-01T00:00:00Z'),
    );
    expect(all).toHaveLength(4);
  });
});
