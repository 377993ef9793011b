import { describe, expect, it } from 'vitest';
import type { Roster } from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import type { Ticket } from '../../lambdas/domain/tickets.ts';
import { type HandoverDeps, runHandover } from '../../lambdas/handover/handover.ts';
import type { HandoverLedger } from '../../lambdas/handover/sent.ts';
import { enConfig, zhConfig } from '../helpers.ts';

/** Day 08-16, evening 16-24, night 00-08, every day, in Chicago: a shift ends at midnight. */
const chicago: Roster = {
  ...rosterFromConfig(enConfig()),
  shifts: [
    { id: 'day', name: 'Day', start: '08:00', end: '16:00', agents: 2 },
    { id: 'evening', name: 'Evening', start: '16:00', end: '24:00', agents: 1 },
    { id: 'late', name: 'Late', start: '00:00', end: '08:00', agents: 0 },
  ],
};

const ticket = (over: Partial<Ticket> = {}): Ticket => ({
  id: 'T-ABC123',
  contactId: 'c1',
  callerPhone: '+13125550142',
  callerName: 'Lee',
  category: 'repair',
  priority: 'normal',
  status: 'open',
  shift: 'late@2026-11-24',
  createdAt: '2026-11-24T10:00:00Z',
  updatedAt: '2026-11-24T10:00:00Z',
  firstResponseDueAt: '2026-11-24T10:10:00Z',
  dueAt: '2026-11-25T10:00:00Z',
  source: 'assistant',
  history: [],
  version: 1,
  ...over,
});

function deps(roster: Roster, now: Date, open: Ticket[] = [], ledger?: HandoverLedger) {
  const mails: Array<{ subject: string; text: string }> = [];
  const d: HandoverDeps = {
    roster: async () => roster,
    tickets: { listOpen: async () => open },
    email: async (subject, text) => void mails.push({ subject, text }),
    now,
    ...(ledger ? { ledger } : {}),
  };
  return { d, mails };
}

const handover = async (roster: Roster, endIso: string, lateSeconds: number) => {
  const { d } = deps(roster, new Date(Date.parse(endIso) + lateSeconds * 1000));
  const [r] = await runHandover({}, d);
  return `${r!.from}→${r!.to}`;
};

describe('handover: the next shift is found with the same slack as the ended one', () => {
  const cases: Array<[string, string, string]> = [
    ['day ends 16:00', '2026-11-24T22:00:00Z', 'day→evening'],
    ['evening ends at midnight', '2026-11-25T06:00:00Z', 'evening→late'],
    ['late ends 08:00', '2026-11-25T14:00:00Z', 'late→day'],
    // 2026-03-08 02:00 → 03:00 CDT (spring forward): late ends 08:00 CDT = 13:00Z.
    ['late ends on the spring-forward day', '2026-03-08T13:00:00Z', 'late→day'],
    // 2026-11-01 02:00 → 01:00 CST (fall back): late ends 08:00 CST = 14:00Z; evening ends 24:00 CST.
    ['late ends on the fall-back day', '2026-11-01T14:00:00Z', 'late→day'],
    ['evening ends at midnight after the fall back', '2026-11-02T06:00:00Z', 'evening→late'],
  ];
  for (const [what, end, expected] of cases)
    for (const late of [0, 1, 59, 300])
      it(`${what}, run ${late} s late: ${expected}`, async () => {
        expect(await handover(chicago, end, late)).toBe(expected);
      });

  it('the shipped config: night → day at 08:00 and 08:05, not night → evening', async () => {
    const en = rosterFromConfig(enConfig());
    expect(await handover(en, '2026-11-24T14:00:00Z', 1)).toBe('night→day');
    expect(await handover(en, '2026-11-24T14:00:00Z', 300)).toBe('night→day');
  });
});

describe('handover e-mail to staff', () => {
  it('carries the full numbers the next shift calls back, names shifts by name, and keeps the report masked', async () => {
    const open = [
      ticket(),
      ticket({
        id: 'T-DEF456',
        callerPhone: undefined,
        callerName: undefined,
        callbackNumber: '+13125550177',
        shift: 'day@2026-11-24',
      }),
    ];
    const { d, mails } = deps(chicago, new Date('2026-11-25T14:00:30Z'), open);
    const [r] = await runHandover({}, d);
    expect(mails[0]!.subject).toBe('Brightline Appliances handover: Late to Day');
    expect(mails[0]!.text).toContain('caller +1 312 555 0142 (Lee)');
    expect(mails[0]!.text).toContain('caller number withheld, call back on +1 312 555 0177');
    expect(mails[0]!.text).toContain('from Day (2026-11-24)');
    expect(JSON.stringify(r!.tickets)).not.toContain('5550142');
  });

  it('is in the business locale (zh-CN)', async () => {
    const zh = rosterFromConfig(zhConfig());
    const end = zh.shifts[0]!;
    const { d, mails } = deps(zh, new Date('2026-11-25T12:00:00Z'), [
      ticket({ shift: `${end.id}@2026-11-25` }),
    ]);
    await runHandover({}, d);
    expect(mails[0]!.text).toMatch(/交接给|无需交接|未处理工单/);
    expect(mails[0]!.text).toContain('来电 +1 312 555 0142');
  });
});

describe('a retried schedule run', () => {
  it('does not send the same handover twice, and a failed e-mail is sent by the retry', async () => {
    const sent = new Set<string>();
    const ledger: HandoverLedger = {
      claim: async (k) => {
        if (sent.has(k)) return false;
        sent.add(k);
        return true;
      },
      release: async (k) => void sent.delete(k),
    };
    const run = { scheduledTime: '2026-11-25T14:00:00Z' };
    const { d, mails } = deps(chicago, new Date('2026-11-25T14:00:20Z'), [ticket()], ledger);
    const failing = { ...d, email: async () => Promise.reject(new Error('SNS down')) };
    await expect(runHandover(run, failing)).rejects.toThrow('SNS down');
    expect(await runHandover(run, d)).toHaveLength(1);
    expect(await runHandover(run, d)).toHaveLength(0);
    expect(mails).toHaveLength(1);
    expect([...sent]).toEqual(['late@2026-11-25']);
  });
});
