import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowAction } from '../../contact-flows/model.ts';
import { parseFaultSpec } from '../../local/engine/faults.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { formatVerify, verify, verifyPassed } from '../../local/verify.ts';
import { enConfig } from '../helpers.ts';

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

const say = (id: string, text: string, next = 'bye'): FlowAction => ({
  Identifier: id,
  Type: 'MessageParticipant',
  Parameters: { Text: text },
  Transitions: { NextAction: next, Errors: [{ NextAction: next, ErrorType: 'NoMatchingError' }] },
});
const bye: FlowAction = { Identifier: 'bye', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} };
const flow = (key: string, actions: FlowAction[]) => {
  sb.addFlow(key, 'CONTACT_FLOW', {
    Version: '2019-10-30',
    StartAction: actions[0]!.Identifier,
    Actions: actions,
  });
  return key;
};
const queueing = (next: FlowAction[]): FlowAction[] => [
  {
    Identifier: 'set-queue',
    Type: 'UpdateContactTargetQueue',
    Parameters: { QueueId: sb.refs.queues.general },
    Transitions: { NextAction: 'transfer', Errors: [{ NextAction: 'sorry', ErrorType: 'NoMatchingError' }] },
  },
  {
    Identifier: 'transfer',
    Type: 'TransferContactToQueue',
    Parameters: {},
    Transitions: {
      NextAction: 'sorry',
      Errors: [
        { NextAction: 'full', ErrorType: 'QueueAtCapacity' },
        { NextAction: 'sorry', ErrorType: 'NoMatchingError' },
      ],
    },
  },
  say('full', 'Everyone is busy. Goodbye.'),
  say('sorry', 'Sorry, we cannot connect you. Goodbye.'),
  ...next,
];

describe('verify coverage', () => {
  it('reports a branch no value can take as dead code, with the reason, and still passes', async () => {
    const entry = flow('tiers', [
      {
        Identifier: 'set-tier',
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: { tier: 'silver' }, TargetContact: 'Current' },
        Transitions: {
          NextAction: 'is-gold',
          Errors: [{ NextAction: 'is-gold', ErrorType: 'NoMatchingError' }],
        },
      },
      {
        Identifier: 'is-gold',
        Type: 'Compare',
        Parameters: { ComparisonValue: '$.Attributes.tier' },
        Transitions: {
          NextAction: 'regular',
          Conditions: [{ NextAction: 'gold', Condition: { Operator: 'Equals', Operands: ['gold'] } }],
          Errors: [{ NextAction: 'regular', ErrorType: 'NoMatchingCondition' }],
        },
      },
      say('gold', 'Welcome, gold member. Goodbye.'),
      say('regular', 'Welcome. Goodbye.'),
      bye,
    ]);
    const report = await verify(sb, { entries: [entry] });
    const c = report.coverage.find((x) => x.flow === entry)!;
    expect(c.dead).toEqual([
      {
        action: 'gold',
        reason: expect.stringMatching(
          /Equals gold can never hold: \$\.Attributes\.tier is only ever \(unset\), silver/,
        ),
      },
    ]);
    expect(c).toMatchObject({ actions: 5, reachable: 4, visited: 4, percent: 100, missed: [] });
    expect(verifyPassed(report), formatVerify(report)).toBe(true);
    expect(formatVerify(report)).toMatch(/dead code gold: /);
  });

  it('reaches a branch only a failure of Connect takes, through the injected fault', async () => {
    // The queue has no capacity limit: only the queue-full fault sends a caller down QueueAtCapacity.
    const entry = flow('capacity', queueing([bye]));
    const report = await verify(sb, { entries: [entry] });
    const c = report.coverage.find((x) => x.flow === entry)!;
    expect(c.unvisited).toEqual([]);
    expect(
      report.rows.find((r) => r.entry === entry && r.fault === 'queue-full fails' && r.runs > 0),
    ).toBeDefined();
    expect(
      report.rows.find((r) => r.entry === entry && r.fault === 'queue-transfer fails' && r.runs > 0),
    ).toBeDefined();
    expect(c.dead.map((d) => d.action)).toEqual([]);
  });

  it('fails on a flow that sends callers to a queue nobody staffs after hours (a broken promise)', async () => {
    const entry = flow('always-queue', queueing([bye]));
    const report = await verify(sb, { entries: [entry] });
    const broken = report.violations.filter((v) => v.rule === 'unstaffed-queue' && v.fault === 'none');
    expect(new Set(broken.map((v) => v.scenario))).toEqual(new Set(['closed', 'holiday', 'unstaffed']));
    expect(broken[0]!.detail).toMatch(/in queue general, which nobody staffs at this time/);
    expect(verifyPassed(report)).toBe(false);
  });

  it('fails, listing them, when reachable actions are not reached', async () => {
    // An input the explorer never gives (a 12-digit code): the branch is reachable, but not reached.
    const entry = flow('secret', [
      {
        Identifier: 'code',
        Type: 'GetParticipantInput',
        Parameters: { Text: 'Enter your code.', StoreInput: 'True', InputTimeLimitSeconds: '5' },
        Transitions: { NextAction: 'check', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'check',
        Type: 'Compare',
        Parameters: { ComparisonValue: '$.StoredCustomerInput' },
        Transitions: {
          NextAction: 'no',
          Conditions: [{ NextAction: 'yes', Condition: { Operator: 'Equals', Operands: ['424242424242'] } }],
          Errors: [{ NextAction: 'no', ErrorType: 'NoMatchingCondition' }],
        },
      },
      say('yes', 'Correct. Goodbye.'),
      say('no', 'Wrong code. Goodbye.'),
      bye,
    ]);
    const report = await verify(sb, { entries: [entry] });
    expect(report.coverage.find((x) => x.flow === entry)!.missed).toEqual(['yes']);
    expect(verifyPassed(report)).toBe(false);
    expect(formatVerify(report)).toMatch(/FAILED: 1 reachable action\(s\) not reached: secret\/yes/);
  });
});

describe('dialable faults', () => {
  const NIGHT = new Date('2027-03-06T16:15:00-06:00');
  it('accepts every flow function, the services and Connect faults, and refuses the rest', () => {
    expect(parseFaultSpec('ticket:after-write', ['route', 'ticket'])).toEqual(['ticket', 'after-write']);
    expect(parseFaultSpec('sns:timeout', ['route'])).toEqual(['sns', 'timeout']);
    expect(parseFaultSpec('dynamodb', ['route'])).toEqual(['dynamodb', 'error']);
    expect(parseFaultSpec('queue-full', ['route'])).toEqual(['queue-full', 'error']);
    expect(() => parseFaultSpec('dynamodb:after-write', ['route'])).toThrow(/dynamodb fails as error/);
    expect(() => parseFaultSpec('payroll', ['route'])).toThrow(/must be one of route, or a service/);
  });

  it('sns: the urgent ticket is saved but no page goes out; ticket:after-write: saved and paged, the flow sees a failure', async () => {
    const inputs = ['say:I smell gas', 'silence'];
    const sns = await sb.call({ at: NIGHT, caller: new ScriptedCaller(inputs), faults: { sns: 'error' } });
    expect(sns.tickets).toEqual([expect.objectContaining({ priority: 'urgent' })]);
    // SNS refuses every text and e-mail; the escalation's page call goes through Connect, not SNS.
    expect(sns.notifications.filter((n) => n.channel !== 'call')).toEqual([]);
    const after = await sb.call({
      at: NIGHT,
      caller: new ScriptedCaller(inputs),
      faults: { ticket: 'after-write' },
    });
    expect(after.tickets).toEqual([expect.objectContaining({ priority: 'urgent' })]);
    expect(after.notifications.length).toBeGreaterThan(0);
    expect(after.lambdaCalls.find((c) => c.function === 'switchboard-ticket')).toMatchObject({ ok: false });
  });

  it('dynamodb throttling makes route fail as the flow sees it; a callback that cannot be created takes its error branch', async () => {
    const r = await sb.call({ at: NIGHT, caller: new ScriptedCaller([]), faults: { dynamodb: 'error' } });
    expect(r.lambdaCalls[0]).toMatchObject({ function: 'switchboard-route', ok: false });
    expect(r.lambdaCalls[0]!.error).toMatch(/Rate of requests exceeds the allowed throughput/);
    const day = new Date('2027-03-01T09:00:00-06:00');
    const cb = await sb.call({
      at: day,
      caller: new ScriptedCaller(['0', '1']),
      faults: { 'callback-failed': 'error' },
      queueLoad: 3,
    });
    expect(cb.path.some((s) => s.flow === 'customer-queue' && s.branch === 'error:NoMatchingError')).toBe(
      true,
    );
    expect(cb.outcome.type).not.toBe('callback');
  });
});
