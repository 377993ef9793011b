import { describe, expect, it } from 'vitest';
import { computeKpis, isNightShift, type KpiId, type KpiReport } from '../../lambdas/domain/kpi.ts';
import { localDayRange } from '../../lambdas/domain/operations.ts';
import type { ContactRecord } from '../../lambdas/domain/records.ts';
import type { Ticket } from '../../lambdas/domain/tickets.ts';
import { enConfig } from '../helpers.ts';

// Monday 2026-11-23 in Chicago (UTC-6): the day shift runs 14:00Z-22:00Z, the night shift 02:00Z-14:00Z.
const config = enConfig();
const at = (hhmmss: string, day = '23') => `2026-11-${day}T${hhmmss}.000Z`;
const plus = (iso: string, s: number) => new Date(Date.parse(iso) + s * 1000).toISOString();

function answered(
  id: string,
  start: string,
  wait: number,
  talk: number,
  acw: number,
  extra: Partial<ContactRecord> = {},
): ContactRecord {
  const enq = plus(start, 15);
  const ans = plus(enq, wait);
  return {
    contactId: id,
    version: 1,
    eventTypes: [],
    initiatedAt: start,
    enqueuedAt: enq,
    answeredAt: ans,
    disconnectedAt: plus(ans, talk),
    acwSeconds: acw,
    shift: 'day@2026-11-23',
    queue: 'sales',
    ...extra,
  };
}

const records: ContactRecord[] = [
  answered('a1', at('15:00:00'), 10, 170, 10, { category: 'sales' }),
  answered('a2', at('15:10:00'), 40, 200, 40, { category: 'repair', queue: 'service' }),
  answered('a3', at('15:20:00'), 20, 100, 20, { category: 'sales' }),
  {
    contactId: 'ab1',
    version: 1,
    eventTypes: [],
    initiatedAt: at('15:30:00'),
    enqueuedAt: at('15:30:15'),
    disconnectedAt: at('15:31:05'),
    shift: 'day@2026-11-23',
    queue: 'sales',
    category: 'sales',
  },
  {
    contactId: 'cb1',
    version: 1,
    eventTypes: [],
    initiatedAt: at('15:00:00'),
    enqueuedAt: at('15:00:15'),
    disconnectedAt: at('15:00:45'),
    disposition: 'callback',
    queue: 'sales',
    category: 'delivery',
    shift: 'day@2026-11-23',
  },
  {
    contactId: 'cb2',
    version: 1,
    eventTypes: [],
    initiatedAt: at('15:30:00'),
    enqueuedAt: at('15:30:15'),
    disconnectedAt: at('15:30:45'),
    disposition: 'callback',
    queue: 'sales',
    category: 'delivery',
    shift: 'day@2026-11-23',
  },
  {
    contactId: 'as1',
    version: 1,
    eventTypes: [],
    initiatedAt: at('09:00:00'),
    disconnectedAt: at('09:02:00'),
    mode: 'assistant',
    category: 'delivery',
  },
  {
    contactId: 'ivr1',
    version: 1,
    eventTypes: [],
    initiatedAt: at('16:00:00'),
    disconnectedAt: at('16:00:20'),
  },
  // Callback legs: cb1's two hours later (kept), cb2's thirty hours later (late, and after the period).
  { ...answered('leg1', at('17:00:00'), 5, 60, 0), initiationMethod: 'CALLBACK', previousContactId: 'cb1' },
  {
    ...answered('leg2', at('21:30:00', '24'), 5, 60, 0),
    initiationMethod: 'CALLBACK',
    previousContactId: 'cb2',
  },
];

function ticket(
  id: string,
  createdAt: string,
  priority: 'normal' | 'urgent',
  firstResponseAfterMin: number | null,
  status: Ticket['status'],
): Ticket {
  const due = plus(createdAt, priority === 'urgent' ? 600 : 86_400);
  return {
    id,
    version: 1,
    contactId: `contact-${id}`,
    category: 'delivery',
    priority,
    status,
    shift: 'night@2026-11-22',
    createdAt,
    updatedAt: createdAt,
    firstResponseDueAt: plus(createdAt, 600),
    dueAt: due,
    source: 'assistant',
    history: [
      { at: createdAt, by: 'assistant', action: 'created' },
      ...(firstResponseAfterMin === null
        ? []
        : [
            {
              at: plus(createdAt, firstResponseAfterMin * 60),
              by: 'dana',
              action: 'owner' as const,
              to: 'dana',
            },
          ]),
    ],
  };
}

const tickets = [
  ticket('t1', at('10:00:00'), 'normal', 120, 'resolved'),
  ticket('t2', at('10:05:00'), 'normal', null, 'open'),
  ticket('t3', at('11:00:00'), 'urgent', 5, 'resolved'),
  ticket('t4', at('11:30:00'), 'urgent', 15, 'resolved'),
];

const surveys = [
  { contactId: 'a1', score: 5, at: at('15:04:00') },
  { contactId: 'a2', score: 2, at: at('15:15:00') },
  { contactId: 'a3', score: 4, at: at('15:23:00') },
];

const report: KpiReport = computeKpis({
  config,
  records,
  tickets,
  openTickets: tickets.filter((t) => t.status === 'open'),
  surveys,
  period: localDayRange('2026-11-23', '2026-11-23', config.business.timezone),
  now: new Date('2026-11-26T00:00:00Z'),
});
const kpi = (id: KpiId) => report.kpis.find((k) => k.id === id)!;

describe('KPIs on hand-built records (every answer worked out by hand)', () => {
  it('answer rate: 3 answered of 4 that reached a queue (callbacks counted apart), target 90 % missed', () => {
    expect(kpi('answerRate')).toMatchObject({ value: 0.75, basis: 4, met: false, target: 0.9 });
  });

  it('service level: 2 of 4 within 30 s (10 s and 20 s; 40 s is late)', () => {
    expect(kpi('serviceLevel')).toMatchObject({ value: 0.5, met: false });
  });

  it('abandonment: 1 of 4, above the 10 % allowed', () => {
    expect(kpi('abandonment')).toMatchObject({ value: 0.25, met: false, target: expect.closeTo(0.1, 9) });
  });

  it('ASA: (10 + 40 + 20) / 3 s, within 30 s', () => {
    expect(kpi('asa').value).toBeCloseTo(70 / 3, 9);
    expect(kpi('asa').met).toBe(true);
  });

  it('AHT: talk + after-call work, (180 + 240 + 120) / 3 = 180 s, exactly the target: met', () => {
    expect(kpi('aht')).toMatchObject({ value: 180, met: true, basis: 3 });
  });

  it('CSAT: 2 of 3 answers are 4-5, mean 11/3', () => {
    expect(report.csat).toEqual({
      responses: 3,
      satisfied: 2,
      share: 2 / 3,
      mean: 11 / 3,
      distribution: [0, 1, 0, 1, 1],
    });
    expect(kpi('csat').met).toBe(false);
  });

  it('callbacks: queued (one kept, one late) and tickets (one kept, one missed)', () => {
    expect(report.callbacks).toEqual({
      promised: 4,
      kept: 2,
      late: 1,
      pending: 0,
      missed: 1,
      queued: { promised: 2, kept: 1 },
      tickets: { promised: 2, kept: 1 },
    });
    expect(kpi('callbacksKept')).toMatchObject({ value: 0.5, met: false });
  });

  it('urgent tickets: one taken in 5 min (in time), one in 15 min (late)', () => {
    expect(report.urgent).toEqual({ tickets: 2, inTime: 1, late: 1, waiting: 0 });
    expect(kpi('urgentFirstResponse').value).toBe(0.5);
  });

  it('tickets: 4 created, 1 open and past its promise', () => {
    expect(report.tickets).toEqual({ created: 4, open: 1, overdue: 1 });
    expect(kpi('overdueTickets')).toMatchObject({ value: 1, met: false });
  });

  it('counts contacts by result, issue, shift, day and night and queue; callback legs are not new contacts', () => {
    expect(report.totals).toMatchObject({
      contacts: 8,
      queued: 4,
      callbackLegs: 1,
      agent: 3,
      abandoned: 1,
      callback: 2,
      assistant: 1,
      ivr: 1,
    });
    expect(report.byCategory).toEqual({ sales: 3, repair: 1, delivery: 3, uncategorised: 1 });
    expect(report.byShift.day).toMatchObject({ contacts: 7, answered: 3, abandoned: 1, callbacks: 2 });
    expect(report.byShift.night).toMatchObject({ contacts: 1, assistant: 1 });
    expect(report.dayNight.day.contacts).toBe(7);
    expect(report.dayNight.night.contacts).toBe(1);
    expect(report.dayNight.nightShareOfDay).toBeCloseTo(1 / 7, 9);
    expect(report.byQueue.sales).toMatchObject({
      contacts: 5,
      answered: 2,
      abandoned: 1,
      callbacks: 2,
      serviceLevel: 2 / 3,
    });
    expect(report.byQueue.service).toMatchObject({ contacts: 1, serviceLevel: 0 });
  });

  it('puts calls in the local hour they arrived and gives one row per local day', () => {
    expect(report.callsByHour[9]).toBe(6); // a1-a3, ab1, cb1, cb2: 15:xxZ is 09:xx in Chicago
    expect(report.callsByHour[10]).toBe(1);
    expect(report.callsByHour[3]).toBe(1);
    expect(report.callsByHour.reduce((a, b) => a + b, 0)).toBe(8);
    expect(report.byDay).toEqual([
      { date: '2026-11-23', contacts: 8, queued: 4, serviceLevel: 0.5, answerRate: 0.75 },
    ]);
  });

  it('marks a KPI with nothing to measure as no data rather than met', () => {
    const empty = computeKpis({
      config,
      records: [],
      tickets: [],
      openTickets: [],
      surveys: [],
      period: localDayRange('2026-11-23', '2026-11-23', config.business.timezone),
      now: new Date(),
    });
    expect(empty.kpis.find((k) => k.id === 'answerRate')).toMatchObject({ value: null, met: null });
    expect(empty.kpis.find((k) => k.id === 'overdueTickets')).toMatchObject({ value: 0, met: true });
  });
});

describe('isNightShift', () => {
  it.each([
    [{ start: '20:00', end: '08:00' }, true],
    [{ start: '00:00', end: '08:00' }, true],
    [{ start: '22:00', end: '06:00' }, true],
    [{ start: '16:00', end: '24:00' }, false],
    [{ start: '08:00', end: '16:00' }, false],
    [{ start: '23:00', end: '01:00' }, false],
  ])('%o → %s', (shift, night) => {
    expect(isNightShift(shift)).toBe(night);
  });
});
