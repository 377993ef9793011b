import { describe, expect, it } from 'vitest';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { formatVerify, verify } from '../../local/verify.ts';
import { enConfig, zhConfig } from '../helpers.ts';

describe('switchboard verify', () => {
  it.each([
    ['en-US', enConfig],
    ['zh-CN', zhConfig],
  ])(
    'finds no dead end in the %s flows under every scenario and fault',
    async (_l, config) => {
      const sb = await LocalSwitchboard.start(config());
      try {
        const report = await verify(sb);
        expect(report.violations, formatVerify(report)).toEqual([]);
        const explored = new Set(report.rows.map((r) => `${r.scenario}|${r.fault}`));
        expect(explored.has('open|route fails')).toBe(true);
        expect(explored.has('open|ticket times out')).toBe(true);
        expect(report.coverage.find((c) => c.flow === 'disconnect')!.visited).toBe(
          report.coverage.find((c) => c.flow === 'disconnect')!.actions,
        );
        expect(formatVerify(report)).toMatch(/^OK: \d+ calls explored/m);
      } finally {
        await sb.stop();
      }
    },
    180_000,
  );

  it('flags silence, undefined targets and loops with no way out', async () => {
    const sb = await LocalSwitchboard.start(enConfig());
    try {
      const say = (id: string, next: string) => ({
        Identifier: id,
        Type: 'MessageParticipant',
        Parameters: { Text: 'hi' },
        Transitions: { NextAction: next },
      });
      sb.addFlow('silent', 'CONTACT_FLOW', {
        Version: '2019-10-30',
        StartAction: 'ask',
        Actions: [
          {
            Identifier: 'ask',
            Type: 'GetParticipantInput',
            Parameters: { Text: 'press 1', StoreInput: 'False', InputTimeLimitSeconds: '5' },
            Transitions: {
              NextAction: 'bye',
              Conditions: [{ NextAction: 'spin', Condition: { Operator: 'Equals', Operands: ['1'] } }],
              Errors: [
                { NextAction: 'hangup', ErrorType: 'InputTimeLimitExceeded' },
                { NextAction: 'bye', ErrorType: 'NoMatchingCondition' },
                { NextAction: 'bye', ErrorType: 'NoMatchingError' },
              ],
            },
          },
          say('bye', 'hangup'),
          {
            Identifier: 'spin',
            Type: 'UpdateFlowLoggingBehavior',
            Parameters: { FlowLoggingBehavior: 'Enabled' },
            Transitions: { NextAction: 'spin2' },
          },
          {
            Identifier: 'spin2',
            Type: 'UpdateFlowLoggingBehavior',
            Parameters: { FlowLoggingBehavior: 'Enabled' },
            Transitions: { NextAction: 'spin' },
          },
          { Identifier: 'hangup', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
        ],
      });
      const report = await verify(sb, { entries: ['silent'] });
      const kinds = new Set(report.violations.map((v) => v.kind));
      expect(kinds).toEqual(new Set(['silence', 'loop']));
      expect(report.violations.find((v) => v.kind === 'silence')!.inputs).toEqual(['silence']);
      expect(formatVerify(report)).toMatch(/^FAILED: \d+ path\(s\)/m);
    } finally {
      await sb.stop();
    }
  });
});
