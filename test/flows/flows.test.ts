import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildFlows,
  CUSTOM_FLOWS_DIR,
  FLOW_KEYS,
  loadCustomFlows,
  tokenRefs,
  tokenValues,
} from '../../contact-flows/index.ts';
import { type FlowDocument, lintFlow, MAX_ACTIONS, MAX_CONTENT_CHARS } from '../../contact-flows/model.ts';
import { fillTemplate, TemplateError, tokensIn } from '../../contact-flows/template.ts';
import { enConfig, zhConfig } from '../helpers.ts';

/** Action types that can fail, and the error each must route somewhere (Flow Language reference, section 4). */
const MUST_HANDLE: Record<string, string[]> = {
  MessageParticipant: ['NoMatchingError'],
  GetParticipantInput: ['NoMatchingError'],
  ConnectParticipantWithLexBot: ['NoMatchingError'],
  InvokeLambdaFunction: ['NoMatchingError'],
  UpdateContactAttributes: ['NoMatchingError'],
  UpdateContactTargetQueue: ['NoMatchingError'],
  TransferContactToQueue: ['QueueAtCapacity', 'NoMatchingError'],
  TransferToFlow: ['NoMatchingError'],
  UpdateContactEventHooks: ['NoMatchingError'],
  UpdateContactCallbackNumber: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'],
  CreateCallbackContact: ['NoMatchingError'],
  TransferParticipantToThirdParty: ['NoMatchingError'],
  Compare: ['NoMatchingCondition'],
};

describe.each([
  ['en-US', enConfig],
  ['zh-CN', zhConfig],
])('generated flows (%s)', (_locale, config) => {
  const flows = buildFlows(config(), tokenRefs(config()));

  it('are deterministic: the same config gives byte-identical JSON', () => {
    const again = buildFlows(config(), tokenRefs(config()));
    for (const key of FLOW_KEYS)
      expect(JSON.stringify(again[key].content)).toBe(JSON.stringify(flows[key].content));
  });

  it("stay within Connect's limits and pass the structural checks", () => {
    for (const key of FLOW_KEYS) {
      const doc = flows[key].content;
      expect(lintFlow(doc)).toEqual([]);
      expect(doc.Version).toBe('2019-10-30');
      expect(doc.Actions.length).toBeLessThanOrEqual(MAX_ACTIONS);
      expect(JSON.stringify(doc).length).toBeLessThanOrEqual(MAX_CONTENT_CHARS);
    }
  });

  it("wire every action's error branches", () => {
    for (const key of FLOW_KEYS)
      for (const a of flows[key].content.Actions) {
        const handled = new Set((a.Transitions.Errors ?? []).map((e) => e.ErrorType));
        for (const err of MUST_HANDLE[a.Type] ?? [])
          expect(
            handled.has(err) || handled.has('NoMatchingError'),
            `${key}/${a.Identifier} ${a.Type} handles ${err}`,
          ).toBe(true);
        if (a.Type === 'GetParticipantInput' && a.Parameters.StoreInput === 'False') {
          expect(handled.has('InputTimeLimitExceeded'), `${key}/${a.Identifier} handles silence`).toBe(true);
          expect(handled.has('NoMatchingCondition'), `${key}/${a.Identifier} handles an invalid key`).toBe(
            true,
          );
        }
      }
  });

  it('build the menu from the config: one condition per key, at most two levels, 0 for a person', () => {
    const c = config();
    const menu = flows.inbound.content.Actions.find((a) => a.Identifier === 'menu')!;
    expect(menu.Transitions.Conditions!.map((x) => x.Condition.Operands[0])).toEqual(
      c.ivr.menu.map((m) => m.key),
    );
    expect(menu.Transitions.Conditions!.map((x) => x.Condition.Operands[0])).toContain('0');
    const sub = c.ivr.menu.find((m) => m.menu)!;
    expect(flows.inbound.content.Actions.some((a) => a.Identifier === `menu-${sub.key}`)).toBe(true);
    const retry = flows.inbound.content.Actions.find((a) => a.Identifier === 'menu-retry')!;
    expect(retry.Parameters.LoopCount).toBe(String(c.ivr.retries));
  });

  it('sets the voice and language from the locale and falls back on the hours of operation when route fails', () => {
    const c = config();
    const voice = flows.inbound.content.Actions.find((a) => a.Type === 'UpdateContactTextToSpeechVoice')!;
    expect(voice.Parameters.TextToSpeechVoice).toBe(c.business.voice);
    const route = flows.inbound.content.Actions.find((a) => a.Identifier === 'route')!;
    expect(route.Transitions.Errors).toEqual([{ NextAction: 'route-failed', ErrorType: 'NoMatchingError' }]);
    const next = (id: string) =>
      flows.inbound.content.Actions.find((a) => a.Identifier === id)!.Transitions.NextAction;
    // Through the block that turns flow logging back on (off around route's results), then the hours.
    expect(next('route-failed')).toBe('log-on-failed');
    expect(next('log-on-failed')).toBe('hours');
    const hours = flows.inbound.content.Actions.find((a) => a.Identifier === 'hours')!;
    expect(hours.Type).toBe('CheckHoursOfOperation');
    expect(hours.Parameters.HoursOfOperationId).toBe('%HoursArn%');
    expect(hours.Transitions.Conditions?.map((x) => [x.Condition.Operands[0], x.NextAction])).toEqual([
      ['True', 'staffed'],
      ['False', 'closed-by-hours'],
    ]);
  });
});

describe('prompts per locale', () => {
  it('speaks Chinese for the zh-CN config', () => {
    const zh = buildFlows(zhConfig(), tokenRefs(zhConfig()));
    const menu = zh.inbound.content.Actions.find((a) => a.Identifier === 'menu')!;
    expect(menu.Parameters.Text).toBe('报修与维修进度请按1。订单、配送和退换货请按2。人工服务请按0。');
    expect(JSON.stringify(zh.assistant.content)).toContain('请说出您的姓名');
  });
});

describe('designer-exported templates', () => {
  const refs = tokenRefs(enConfig());
  const values = tokenValues({
    ...refs,
    functions: {
      route: 'arn:route',
      ticket: 'arn:ticket',
      assistant: 'arn:assistant',
      survey: 'arn:survey',
      escalate: 'arn:escalate',
    },
    queues: Object.fromEntries(Object.keys(refs.queues).map((q) => [q, `arn:queue/${q}`])),
    flows: { customerQueue: 'arn:flow/cq', disconnect: 'arn:flow/dc', assistant: 'arn:flow/as' },
    lexBotAliasArn: 'arn:lex',
    hours: 'arn:hours',
  });

  it('fills %Token% placeholders everywhere, keys included', () => {
    const doc = {
      Version: '2019-10-30',
      StartAction: 'a',
      Actions: [
        {
          Identifier: 'a',
          Type: 'InvokeLambdaFunction',
          Parameters: {
            LambdaFunctionARN: '%Lambda:route%',
            LambdaInvocationAttributes: { '%Lambda:ticket%': 'x' },
          },
          Transitions: {},
        },
      ],
    } as FlowDocument;
    const filled = fillTemplate(doc, values);
    expect(filled.Actions[0]!.Parameters).toEqual({
      LambdaFunctionARN: 'arn:route',
      LambdaInvocationAttributes: { 'arn:ticket': 'x' },
    });
    expect(tokensIn(doc)).toEqual(['Lambda:route', 'Lambda:ticket']);
  });

  it('fails loudly on an unknown token, naming it and the file', () => {
    const doc = {
      Version: '2019-10-30',
      StartAction: 'a',
      Actions: [
        {
          Identifier: 'a',
          Type: 'UpdateContactTargetQueue',
          Parameters: { QueueId: '%Queue:vip%' },
          Transitions: {},
        },
      ],
    } as FlowDocument;
    expect(() => fillTemplate(doc, values, 'vip.json')).toThrow(TemplateError);
    expect(() => fillTemplate(doc, values, 'vip.json')).toThrow(
      /vip\.json: unknown token %Queue:vip%; known tokens: .*%Queue:sales%/,
    );
  });

  it('loads the shipped example from contact-flows/custom and rejects a broken one', () => {
    const [flow] = loadCustomFlows(CUSTOM_FLOWS_DIR, values);
    expect(flow).toMatchObject({ key: 'custom-priority-line', name: 'Priority line', type: 'CONTACT_FLOW' });
    expect(JSON.stringify(flow!.content)).not.toMatch(/%[A-Za-z]/);
    expect(flow!.content.Actions.find((a) => a.Type === 'UpdateContactTargetQueue')!.Parameters.QueueId).toBe(
      'arn:queue/general',
    );
    const dir = mkdtempSync(join(tmpdir(), 'flows-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        Version: '2019-10-30',
        StartAction: 'x',
        Actions: [{ Identifier: 'a', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }],
      }),
    );
    expect(() => loadCustomFlows(dir, values)).toThrow(/bad\.json:\n\s+StartAction "x" is not an action/);
  });
});
