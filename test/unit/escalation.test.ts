import { describe, expect, it } from 'vitest';
import { acknowledged, deliveryState, escalationPlan, nextOnCall } from '../../lambdas/domain/escalation.ts';
import type { Roster } from '../../lambdas/domain/roster.ts';
import { rosterFromConfig } from '../../lambdas/domain/seed.ts';
import type { Ticket } from '../../lambdas/domain/tickets.ts';
import { enConfig } from '../helpers.ts';

const en = (): Roster => rosterFromConfig(enConfig());
const MON_10PM = new Date('2026-11-24T04:00:00Z'); // night shift, Priya on call

const who = (r: Roster, at: Date) =>
  escalationPlan(r, at).map((s) =>
    s.kind === 'page'
      ? `${s.atMinutes} ${s.reason} ${s.targets.map((t) => t.name).join('+')}`
      : `${s.atMinutes} give-up`,
  );

describe('escalation plan', () => {
  it('pages the on-call person, again after 5 min, then the next on-call, then the alert list, then gives up', () => {
    expect(who(en(), MON_10PM)).toEqual([
      '0 first Priya Raman',
      '5 repage Priya Raman',
      '10 escalate Dana Whitfield',
      '15 escalate alert list',
      '20 give-up',
    ]);
  });

  it('follows the config: the wait, the number of re-pages and a named person', () => {
    const r = {
      ...en(),
      escalation: { ackWithinMinutes: 3, repages: 2, escalateTo: [{ name: 'Owner', phone: '+13125550177' }] },
    };
    expect(who(r, MON_10PM)).toEqual([
      '0 first Priya Raman',
      '3 repage Priya Raman',
      '6 repage Priya Raman',
      '9 escalate Owner',
      '12 give-up',
    ]);
  });

  it('skips targets that are nobody or were paged already, and pages the alert list first when nobody is on call', () => {
    const r = { ...en(), onCall: [], alertsSms: ['+13125550199'] };
    expect(who(r, MON_10PM)).toEqual(['0 first alert list', '5 repage alert list', '10 give-up']);
    const none = { ...r, alertsSms: [] };
    expect(who(none, MON_10PM)).toEqual(['0 give-up']);
  });

  it('finds the next on-call person across midnight and skips a shift with the same person', () => {
    const r = en();
    // Friday 19:00 (evening, Marcus): the next shift is the night (Priya).
    expect(nextOnCall(r, new Date('2026-11-28T01:00:00Z'), r.onCall[1]!)?.name).toBe('Priya Raman');
    const same = {
      ...r,
      onCall: r.onCall.map((o) => (o.shift === 'day' ? { ...o, phone: r.onCall[2]!.phone } : o)),
    };
    // Night (Priya) → day has Priya's phone too → evening (Marcus).
    expect(nextOnCall(same, MON_10PM, same.onCall[2]!)?.name).toBe('Marcus Lee');
  });
});

describe('progress from the history', () => {
  const base: Pick<Ticket, 'history' | 'status' | 'owner'> = { history: [], status: 'open' };
  const at = (iso: string) => new Date(iso);
  const claim = (n: number, iso: string) => ({
    at: iso,
    by: 'system',
    action: 'escalation' as const,
    event: `k#${n}`,
  });
  const outcome = (n: number, what: string) => ({
    at: '2026-11-24T04:00:01Z',
    by: 'system',
    action: 'escalation' as const,
    event: `k#${n}#${what}`,
  });

  it('a claimed delivery without an outcome is in flight for a minute, then may be tried again', () => {
    const t = { ...base, history: [claim(1, '2026-11-24T04:00:00Z')] };
    expect(deliveryState(t, 'k', at('2026-11-24T04:00:30Z'))).toMatchObject({
      attempts: 1,
      sent: false,
      inFlight: true,
    });
    expect(deliveryState(t, 'k', at('2026-11-24T04:01:01Z'))).toMatchObject({ inFlight: false });
  });

  it('counts sent and failed attempts and ignores other keys', () => {
    const t = {
      ...base,
      history: [
        claim(1, '2026-11-24T04:00:00Z'),
        outcome(1, 'failed'),
        claim(2, '2026-11-24T04:00:05Z'),
        outcome(2, 'sent'),
        { ...claim(1, 'x'), event: 'k2#1' },
      ],
    };
    expect(deliveryState(t, 'k', at('2026-11-24T04:00:10Z'))).toEqual({
      attempts: 2,
      sent: true,
      inFlight: false,
      failures: 1,
    });
  });

  it('a ticket is acknowledged by an acceptance, an owner or a status other than open', () => {
    expect(acknowledged(base)).toBeNull();
    expect(
      acknowledged({
        ...base,
        history: [{ at: 'x', by: 'Priya', action: 'escalation', event: 'esc#accepted' }],
      }),
    ).toBe('Priya');
    expect(acknowledged({ ...base, owner: 'dana' })).toBe('dana');
    expect(acknowledged({ ...base, status: 'resolved' })).toBe('the team');
  });
});
