import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kpis, MissedQuestions, QaSample } from '../../lambdas/console/api-types.ts';
import { OperationsStore } from '../../lambdas/domain/operations.ts';
import { ContactRecordRepository, contactLifecycle } from '../../lambdas/domain/records.ts';
import { sendWeeklyReport } from '../../lambdas/weekly-report/report.ts';
import { type ConsoleServer, startConsoleServer } from '../../local/server.ts';
import { type CallReport, LocalSwitchboard } from '../../local/switchboard.ts';
import { enConfig, silentLogger } from '../helpers.ts';

// Brightline Appliances, America/Chicago (UTC-6 in November); week 2026-W48 is Mon 23 - Sun 29 November.
const MON = (hhmm: string) => new Date(`2026-11-23T${hhmm}:00-06:00`);

let sb: LocalSwitchboard;
let server: ConsoleServer;
const now = new Date('2026-11-30T14:00:00Z');
const reports: CallReport[] = [];

const api = (path: string, init: RequestInit & { json?: unknown } = {}) =>
  server.app.request(path, {
    ...init,
    ...(init.json !== undefined
      ? { body: JSON.stringify(init.json), headers: { 'content-type': 'application/json' } }
      : {}),
  });
const json = async <T>(path: string): Promise<T> => {
  const res = await api(path);
  expect(res.status).toBe(200);
  return (await res.json()) as T;
};

beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig(), { records: true });
  server = await startConsoleServer(sb, { port: 0, logger: silentLogger, clock: () => now });
  // Through the local engine: two calls answered by sales (the survey: 5 and 2), one after-hours call
  // whose question the assistant cannot answer (a missed question), then a message.
  for (const [at, inputs] of [
    [MON('09:00'), ['1', '5']],
    [MON('10:00'), ['1', '2']],
    [MON('22:00'), ['say:can you tell me the capital of France', 'say:This is Sam, please call me back']],
  ] as const) {
    const res = await api('/api/calls', { method: 'POST', json: { at: at.toISOString(), inputs } });
    expect(res.status).toBe(200);
    reports.push((await res.json()) as CallReport);
  }
  // As Connect's contact events would write them: one caller answered after 45 s (outside the 30 s),
  // and one who hung up after 50 s in the queue.
  const records = new ContactRecordRepository(sb.db.doc, sb.db.tables, { timezone: 'America/Chicago' });
  const queueArn = `${sb.instanceArn}/queue/sales`;
  const iso = (d: Date, s: number) => new Date(d.getTime() + s * 1000).toISOString();
  const slow = MON('11:00');
  const gaveUp = MON('12:00');
  for (const e of [
    ...contactLifecycle({
      contactId: 'slow-answer',
      instanceArn: sb.instanceArn,
      initiatedAt: iso(slow, 0),
      enqueuedAt: iso(slow, 20),
      queueArn,
      answeredAt: iso(slow, 65),
      disconnectedAt: iso(slow, 245),
      acwStartedAt: iso(slow, 245),
      acwEndedAt: iso(slow, 305),
    }),
    ...contactLifecycle({
      contactId: 'gave-up',
      instanceArn: sb.instanceArn,
      initiatedAt: iso(gaveUp, 0),
      enqueuedAt: iso(gaveUp, 20),
      queueArn,
      disconnectedAt: iso(gaveUp, 70),
    }),
  ])
    await records.applyEvent(e);
});
afterAll(async () => {
  await server.close();
  await sb.stop();
});

describe('GET /api/kpis: the report figures from contact records', () => {
  it('answer rate 3 of 4 queued (1 abandoned), service level 2 of 4, against their targets', async () => {
    expect(reports.slice(0, 2).map((r) => r.outcome)).toMatchObject([
      { type: 'queued', answered: true },
      { type: 'queued', answered: true },
    ]);
    const k = await json<Kpis>('/api/kpis?from=2026-11-23&to=2026-11-29');
    expect(k.source).toBe('contact records');
    expect(k.calls).toMatchObject({
      total: 5,
      queued: 4,
      answered: 3,
      abandoned: 1,
      answeredWithinSla: 2,
      assistant: 1,
    });
    const kpi = (id: string) => k.kpis.find((x) => x.id === id)!;
    expect(kpi('answerRate')).toMatchObject({ value: 0.75, target: 0.9, met: false, basis: 4 });
    expect(kpi('serviceLevel')).toMatchObject({ value: 0.5, met: false });
    expect(kpi('abandonment')).toMatchObject({ value: 0.25, direction: 'atMost', met: false });
    expect(kpi('abandonment').target).toBeCloseTo(0.1, 9);
    expect(kpi('aht')).toMatchObject({ target: 180, unit: 'seconds', basis: 3 });
    // The engine's calls: 120 s of talk + 30 s of after-call work; the slow one 180 s + 60 s.
    // (150 + 150 + 240) / 3 = 180 s: exactly the 3 min target, met.
    expect(kpi('aht')).toMatchObject({ value: 180, met: true });
    expect(k.acwSeconds).toBe((30 + 30 + 60) / 3);
    expect(k.sla.answerWithinSeconds).toBe(30);
  });

  it('CSAT from the survey answers the calls gave: one 5 and one 2, half satisfied (target 85 %)', async () => {
    const k = await json<Kpis>('/api/kpis?from=2026-11-23&to=2026-11-29');
    expect(k.csat).toEqual({ share: 0.5, average: 3.5, responses: 2, distribution: [0, 1, 0, 0, 1] });
    expect(k.kpis.find((x) => x.id === 'csat')).toMatchObject({ target: 0.85, met: false });
  });

  it('one row a day, Monday carrying the calls and the ticket the message left', async () => {
    const k = await json<Kpis>('/api/kpis?from=2026-11-23&to=2026-11-29');
    expect(k.daily.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(k.daily[0]).toMatchObject({ contacts: 5, queued: 4, answerRate: 0.75, tickets: 1 });
    expect(k.daily[1]).toMatchObject({ contacts: 0, answerRate: null });
    expect(k.tickets.total).toBe(1);
    expect(k.callsByHour[9]).toBe(1);
    // The week before has nothing.
    const before = await json<Kpis>('/api/kpis?from=2026-11-16&to=2026-11-22');
    expect(before.calls.total).toBe(0);
    expect(before.kpis.find((x) => x.id === 'answerRate')).toMatchObject({ value: null, met: null });
  });
});

describe('GET /api/qa: the weekly sample', () => {
  it('is the sample the weekly e-mail lists, and keeps a review per contact', async () => {
    const qa = await json<QaSample>('/api/qa?week=2026-W48');
    expect(qa).toMatchObject({ week: '2026-W48', from: '2026-11-23', to: '2026-11-29' });
    const ids = qa.items.map((i) => i.contactId).sort();
    // Answered and assistant calls are recorded, so eligible; the abandoned one is not.
    expect(ids).toEqual(
      [reports[0]!.contactId, reports[1]!.contactId, reports[2]!.contactId, 'slow-answer'].sort(),
    );
    const assistant = qa.items.find((i) => i.contactId === reports[2]!.contactId)!;
    expect(assistant).toMatchObject({ result: 'assistant', ticketId: reports[2]!.tickets[0]!.id });
    // No transcript locally: the reviewer still reads what the caller told the assistant.
    expect(assistant.callerMessage).toContain('please call me back');
    expect(qa.items.find((i) => i.contactId === reports[0]!.contactId)?.callerMessage).toBeUndefined();
    let mail = '';
    await sendWeeklyReport({
      store: new OperationsStore(sb.db.doc, sb.db.tables),
      config: sb.config,
      email: async (_s, text) => {
        mail = text;
      },
      now: new Date('2026-11-30T14:00:00Z'),
    });
    for (const id of ids) expect(mail).toContain(id);

    const put = await api(`/api/qa/2026-W48/${ids[0]}`, {
      method: 'PUT',
      json: { score: 4, notes: 'polite' },
    });
    expect(put.status).toBe(200);
    const again = await json<QaSample>('/api/qa?week=2026-W48');
    expect(again.items.find((i) => i.contactId === ids[0])!.review).toMatchObject({
      score: 4,
      notes: 'polite',
      reviewedBy: 'local manager',
    });
    const bad = await api(`/api/qa/2026-W48/${ids[0]}`, { method: 'PUT', json: { score: 9 } });
    expect(await bad.json()).toMatchObject({ field: 'score' });
  });
});

describe('GET /api/assistant/missed', () => {
  it("groups the assistant's missed questions of the dates with a snippet to paste", async () => {
    const m = await json<MissedQuestions>('/api/assistant/missed?from=2026-11-23&to=2026-11-29');
    const g = m.groups.find((x) => x.wordings.includes('can you tell me the capital of France'));
    expect(g).toMatchObject({ count: 1, reasons: { noMatch: 1, notHelped: 0 } });
    expect(g!.contactIds).toEqual([reports[2]!.contactId]);
    expect(g!.yaml).toContain('can you tell me the capital of France');
    const later = await json<MissedQuestions>('/api/assistant/missed?from=2026-11-30&to=2026-12-06');
    expect(later.groups).toEqual([]);
  });
});
