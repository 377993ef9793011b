import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CallerProfileRepository,
  DirectoryRepository,
  loadRouteSnapshot,
  type NewTicket,
  StaleTicketError,
  SurveyRepository,
  TicketRepository,
} from '../../lambdas/domain/repositories.ts';
import { seedDirectory } from '../../lambdas/domain/seed.ts';
import { dueTimes } from '../../lambdas/domain/tickets.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { enConfig, seededDynamo } from '../helpers.ts';

let db: EmbeddedDynamo;
beforeAll(async () => {
  db = await seededDynamo();
});
afterAll(async () => db.close());

const created = new Date('2026-11-23T03:00:00Z');
const newTicket = (contactId: string, extra: Partial<NewTicket> = {}): NewTicket => ({
  contactId,
  callerPhone: '+13125550142',
  category: 'repair',
  priority: 'normal',
  status: 'open',
  shift: 'after-hours@2026-11-22',
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

describe('tickets on DynamoDB (dynalite)', () => {
  it('creates one ticket per ContactId, however often it is asked', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const [a, b] = await Promise.all([
      repo.create(newTicket('contact-idem')),
      repo.create(newTicket('contact-idem')),
    ]);
    const again = await repo.create(newTicket('contact-idem', { message: 'a retry with other text' }));
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.ticket.id).toBe(b.ticket.id);
    expect(again).toMatchObject({ created: false, ticket: { id: a.ticket.id } });
    expect(again.ticket.message).toBeUndefined();
    expect((await repo.findByContact('contact-idem'))?.id).toBe(a.ticket.id);
  });

  it('keeps the caller profile in step: open tickets and last category', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const profiles = new CallerProfileRepository(db.doc, db.tables);
    const { ticket } = await repo.create(
      newTicket('contact-profile', { callerPhone: '+13125550777', category: 'delivery' }),
    );
    expect(await profiles.get('+13125550777')).toMatchObject({
      openTicketIds: [ticket.id],
      lastCategory: 'delivery',
    });
    await repo.updateStatus(ticket.id, {
      status: 'resolved',
      by: 'dana',
      at: new Date('2026-11-23T15:00:00Z'),
    });
    expect((await profiles.get('+13125550777'))?.openTicketIds).toEqual([]);
  });

  it('lists open tickets by promised time and by caller, without a Scan', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const late = await repo.create(
      newTicket('contact-late', {
        dueAt: '2026-11-24T09:00:00.000Z',
        shift: 'day@2026-11-23',
        callerPhone: '+13125550888',
      }),
    );
    const early = await repo.create(
      newTicket('contact-early', {
        dueAt: '2026-11-23T03:10:00.000Z',
        priority: 'urgent',
        shift: 'day@2026-11-23',
        callerPhone: '+13125550888',
      }),
    );
    const open = (await repo.listOpen()).map((t) => t.id);
    expect(open.indexOf(early.ticket.id)).toBeLessThan(open.indexOf(late.ticket.id));
    expect((await repo.listByCaller('+13125550888')).map((t) => t.id).sort()).toEqual(
      [early.ticket.id, late.ticket.id].sort(),
    );
    await repo.updateStatus(late.ticket.id, {
      status: 'resolved',
      by: 'dana',
      at: new Date('2026-11-23T16:00:00Z'),
    });
    expect((await repo.listOpen()).map((t) => t.id)).not.toContain(late.ticket.id);
  });

  it('refuses an update based on a stale read', async () => {
    const repo = new TicketRepository(db.doc, db.tables);
    const { ticket } = await repo.create(newTicket('contact-stale'));
    await repo.updateStatus(ticket.id, {
      status: 'in_progress',
      by: 'dana',
      at: new Date('2026-11-23T14:00:00Z'),
    });
    await expect(repo.save(ticket, { ...ticket, csat: 5 })).rejects.toThrow(StaleTicketError);
    expect(await repo.get(ticket.id)).toMatchObject({ status: 'in_progress', version: 2 });
    expect((await repo.get(ticket.id))?.csat).toBeUndefined();
  });
});

describe('directory and route snapshot', () => {
  it('reads roster, the holidays of candidate dates and the caller in one request', async () => {
    const profiles = new CallerProfileRepository(db.doc, db.tables);
    await profiles.setName('+13125550999', 'Alex Kim');
    const snap = await loadRouteSnapshot(
      db.doc,
      db.tables,
      ['2026-12-24', '2026-12-25', '2026-12-26'],
      '+13125550999',
    );
    expect(snap.roster?.businessName).toBe('Brightline Appliances');
    expect(snap.holidays).toEqual([{ date: '2026-12-25', name: 'Christmas Day' }]);
    expect(snap.profile?.name).toBe('Alex Kim');
  });

  it('re-seeds a changed config without losing tickets or surveys', async () => {
    const tickets = new TicketRepository(db.doc, db.tables);
    const surveys = new SurveyRepository(db.doc, db.tables);
    const { ticket } = await tickets.create(newTicket('contact-reseed'));
    await surveys.put({ contactId: 'contact-reseed', score: 4, at: created.toISOString() });
    const changed = enConfig();
    changed.holidays = [{ date: '2027-01-01', name: 'New Year' }];
    changed.faq = changed.faq.slice(0, 3);
    const directory = new DirectoryRepository(db.doc, db.tables);
    await seedDirectory(directory, changed);
    expect(await directory.listHolidays()).toEqual([{ date: '2027-01-01', name: 'New Year' }]);
    expect((await directory.getFaq()).entries).toHaveLength(3);
    expect((await tickets.get(ticket.id))?.contactId).toBe('contact-reseed');
    expect((await surveys.get('contact-reseed'))?.score).toBe(4);
    await seedDirectory(directory, enConfig());
  });
});
