import { describe, expect, it } from 'vitest';
import { buildFlows, tokenRefs } from '../../contact-flows/index.ts';
import { enConfig } from '../helpers.ts';

type Action = {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: { NextAction?: string };
};

const inbound = (announce: boolean) => {
  const c = enConfig();
  c.recordings.announce = announce;
  const flows = buildFlows(c, tokenRefs(c));
  const actions = flows.inbound.content.Actions as unknown as Action[];
  const byId = (id: string) => actions.find((a) => a.Identifier === id)!;
  return { actions, byId };
};

describe('recording notice (recordings.announce)', () => {
  it('tells the caller early, before the route call, when on (the default)', () => {
    expect(enConfig().recordings.announce).toBe(true);
    const { byId } = inbound(true);
    expect(byId('recording').Transitions.NextAction).toBe('recording-notice');
    expect(byId('recording-notice').Parameters.Text).toBe(
      'This call may be recorded for quality and training.',
    );
  });

  it('says nothing when off', () => {
    const { actions, byId } = inbound(false);
    expect(actions.some((a) => a.Identifier === 'recording-notice')).toBe(false);
    expect(byId('recording').Transitions.NextAction).toBe('hook-queue');
  });
});

describe('flow logging is off while numbers and names pass through', () => {
  it('turns logging off before route (its results carry the on-call number) and on after they are saved', () => {
    const { byId } = inbound(true);
    expect(byId('hook-disconnect').Transitions.NextAction).toBe('log-off');
    expect(byId('log-off')).toMatchObject({
      Type: 'UpdateFlowLoggingBehavior',
      Parameters: { FlowLoggingBehavior: 'Disabled' },
      Transitions: { NextAction: 'route' },
    });
    for (const [from, on] of [
      ['save-route', 'log-on'],
      ['route-failed', 'log-on-failed'],
    ] as const) {
      expect(byId(from).Transitions.NextAction).toBe(on);
      expect(byId(on).Parameters.FlowLoggingBehavior).toBe('Enabled');
    }
  });

  it('greets a known caller by name with logging off', () => {
    const { byId } = inbound(true);
    expect(byId('name-log-off').Parameters.FlowLoggingBehavior).toBe('Disabled');
    expect(byId('name-log-off').Transitions.NextAction).toBe('greeting-known');
    expect(byId('greeting-known').Transitions.NextAction).toBe('name-log-on');
    expect(byId('name-log-on').Parameters.FlowLoggingBehavior).toBe('Enabled');
  });
});
