import { describe, expect, it } from 'vitest';
import type { FlowAction } from '../../contact-flows/model.ts';
import {
  Contact,
  DEFAULT_OPTIONS,
  evaluate,
  type Runtime,
  toE164,
  validateResponse,
} from '../../local/engine/interpreter.ts';
import { interpolate, walk } from '../../local/engine/jsonpath.ts';
import type { LoadedFlow } from '../../local/engine/types.ts';
import { ScriptedCaller } from '../../local/phone.ts';

function flow(
  actions: Array<Partial<FlowAction> & Pick<FlowAction, 'Identifier' | 'Type'>>,
  key = 'test',
  settings?: Record<string, unknown>,
): LoadedFlow {
  const doc = {
    Version: '2019-10-30' as const,
    StartAction: actions[0]!.Identifier,
    Actions: actions.map((a) => ({ Parameters: {}, Transitions: {}, ...a })),
    ...(settings ? { Settings: settings } : {}),
  };
  return {
    key,
    arn: `arn:aws:connect:us-east-1:111122223333:instance/i/contact-flow/${key}`,
    type: 'CONTACT_FLOW',
    doc,
    isModule: !!settings,
  };
}

function runtime(flows: LoadedFlow[] = [], lambdas: Record<string, (e: unknown) => unknown> = {}): Runtime {
  let now = new Date('2026-11-23T15:00:00Z');
  return {
    now: () => now,
    advance: (s) => {
      now = new Date(now.getTime() + s * 1000);
    },
    flow: (ref) => flows.find((f) => f.arn === ref || f.key === ref),
    queue: (ref) => (ref.includes('queue/') ? { arn: ref, name: ref.split('/').pop()! } : undefined),
    staffing: () => ({ staffed: 1, available: 1, online: 1, inQueue: 0, oldestSeconds: 0 }),
    hoursOpen: (id) => (id === 'open-hours' ? true : id === 'closed-hours' ? false : undefined),
    invoke: async (arn, event) => {
      const fn = lambdas[arn];
      if (!fn) throw new Error(`no local handler for ${arn}`);
      return fn(event);
    },
    lex: async (_alias, text) => ({
      IntentName: text,
      SessionAttributes: {},
      Slots: {},
      DialogState: 'Fulfilled',
    }),
  };
}

const run = async (entry: LoadedFlow, inputs: string[] = [], rt = runtime([entry])) => {
  const c = new Contact(
    rt,
    new ScriptedCaller(inputs),
    DEFAULT_OPTIONS,
    '+13125550142',
    '+13125550100',
    'arn:aws:connect:us-east-1:111122223333:instance/i',
    'en-US',
  );
  const outcome = await c.run(entry);
  return { c, outcome };
};

const say = (id: string, text: string, next?: string) => ({
  Identifier: id,
  Type: 'MessageParticipant',
  Parameters: { Text: text },
  Transitions: next ? { NextAction: next } : {},
});
const end = { Identifier: 'end', Type: 'DisconnectParticipant' };

describe('JSONPath references', () => {
  const view = { Attributes: { name: 'Ana', 'two words': 'yes' }, External: { id: 'T-1' } };
  it('interpolates references inside prose and stops at punctuation', () => {
    expect(interpolate('Hi $.Attributes.name. Ticket $.External.id, bye', (p) => walk(view, p))).toBe(
      'Hi Ana. Ticket T-1, bye',
    );
    expect(interpolate("$.Attributes.['two words']!", (p) => walk(view, p))).toBe('yes!');
    expect(interpolate('工单号$.External.id之前', (p) => walk(view, p))).toBe('工单号T-1之前');
    expect(interpolate('[$.Attributes.missing]', (p) => walk(view, p))).toBe('[]');
  });
});

describe('conditions and validation', () => {
  it('evaluates the documented operators; numbers that are not numbers are false', () => {
    expect(evaluate('Equals', ['1'], '1')).toBe(true);
    expect(evaluate('TextContains', ['sales'], 'presales')).toBe(true);
    expect(evaluate('NumberGreaterThan', ['0'], '3')).toBe(true);
    expect(evaluate('NumberLessOrEqualTo', ['5'], 'abc')).toBe(false);
    expect(() => evaluate('Nope', ['x'], 'x')).toThrow(/unsupported condition operator Nope/);
  });
  it("checks Connect's STRING_MAP response contract", () => {
    expect(validateResponse({ a: '1' }, false)).toBeUndefined();
    expect(validateResponse({ a: 1 }, false)).toMatch(/"a" is number/);
    expect(validateResponse({ a: { b: '1' } }, true)).toBeUndefined();
    expect(validateResponse([1], true)).toMatch(/not an object/);
    expect(validateResponse({ a: 'x'.repeat(40_000) }, false)).toMatch(/over 32 KB/);
  });
  it('normalises keyed-in phone numbers', () => {
    expect(toE164('3125550199', 'Local', 'US')).toBe('+13125550199');
    expect(toE164('13800138000', 'Local', 'CN')).toBe('+8613800138000');
    expect(toE164('123', 'Local', 'US')).toBeUndefined();
  });
});

describe('interpreter', () => {
  it('counts Loop iterations per action and resets after DoneLooping', async () => {
    const f = flow([
      {
        Identifier: 'loop',
        Type: 'Loop',
        Parameters: { LoopCount: '2' },
        Transitions: {
          NextAction: 'done',
          Conditions: [
            { NextAction: 'tick', Condition: { Operator: 'Equals', Operands: ['ContinueLooping'] } },
            { NextAction: 'done', Condition: { Operator: 'Equals', Operands: ['DoneLooping'] } },
          ],
        },
      },
      say('tick', 'tick', 'loop'),
      say('done', 'done', 'end'),
      end,
    ]);
    const { c } = await run(f);
    expect(c.prompts).toEqual(['tick', 'tick', 'done']);
  });

  it('takes NoMatchingError when the specific error has no branch, and stops with a named error when none exists', async () => {
    const f = flow([
      {
        Identifier: 'q',
        Type: 'TransferContactToQueue',
        Transitions: { NextAction: 'end', Errors: [{ NextAction: 'sorry', ErrorType: 'NoMatchingError' }] },
      },
      say('sorry', 'no queue set', 'end'),
      end,
    ]);
    expect((await run(f)).c.prompts).toEqual(['no queue set']);
    const g = flow([
      { Identifier: 'q', Type: 'TransferContactToQueue', Transitions: { NextAction: 'end' } },
      end,
    ]);
    const { c, outcome } = await run(g);
    expect(outcome).toMatchObject({ type: 'error', kind: 'missing-branch' });
    expect(c.errors[0]).toMatch(
      /"q" \(TransferContactToQueue\) failed with NoMatchingError .* has no error branch/,
    );
  });

  it('stops an unsupported action with its type and identifier', async () => {
    const { c, outcome } = await run(
      flow([{ Identifier: 'voiceid', Type: 'CheckVoiceId', Transitions: { NextAction: 'end' } }, end]),
    );
    expect(outcome).toMatchObject({ type: 'error', kind: 'unsupported' });
    expect(c.errors).toEqual(['unsupported action type CheckVoiceId at "voiceid" (flow test)']);
  });

  it('stores input with the Timeout quirk, and validates phone numbers', async () => {
    const f = flow([
      {
        Identifier: 'get',
        Type: 'GetParticipantInput',
        Parameters: {
          Text: 'number?',
          StoreInput: 'True',
          InputTimeLimitSeconds: '5',
          InputValidation: { PhoneNumberValidation: { NumberFormat: 'Local', CountryCode: 'US' } },
        },
        Transitions: {
          NextAction: 'echo',
          Errors: [
            { NextAction: 'bad', ErrorType: 'InvalidPhoneNumber' },
            { NextAction: 'bad', ErrorType: 'NoMatchingError' },
          ],
        },
      },
      say('echo', 'got $.StoredCustomerInput', 'end'),
      say('bad', 'invalid', 'end'),
      end,
    ]);
    expect((await run(f, ['3125550199#'])).c.prompts.at(-1)).toBe('got +13125550199');
    expect((await run(f, ['12#'])).c.prompts.at(-1)).toBe('invalid');
    const g = flow([
      {
        Identifier: 'get',
        Type: 'GetParticipantInput',
        Parameters: { Text: 'score?', StoreInput: 'True', InputTimeLimitSeconds: '5' },
        Transitions: { NextAction: 'echo', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
      },
      say('echo', 'got $.StoredCustomerInput', 'end'),
      end,
    ]);
    expect((await run(g, [])).c.prompts.at(-1)).toBe('got Timeout');
  });

  it('invokes Lambdas with a Connect event, exposes $.External, and takes the error branch on a bad response', async () => {
    let seen: unknown;
    const f = flow([
      {
        Identifier: 'set',
        Type: 'UpdateContactAttributes',
        Parameters: { Attributes: { who: '$.CustomerEndpoint.Address' } },
        Transitions: { NextAction: 'fn', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'fn',
        Type: 'InvokeLambdaFunction',
        Parameters: {
          LambdaFunctionARN: 'arn:fn',
          InvocationTimeLimitSeconds: '3',
          LambdaInvocationAttributes: { q: '$.Attributes.who' },
        },
        Transitions: { NextAction: 'ok', Errors: [{ NextAction: 'failed', ErrorType: 'NoMatchingError' }] },
      },
      say('ok', 'hello $.External.greeting', 'end'),
      say('failed', 'lambda failed', 'end'),
      end,
    ]);
    const capture = (e: unknown) => {
      seen = e;
      return { greeting: 'world' };
    };
    const good = await run(f, [], runtime([f], { 'arn:fn': capture }));
    expect(good.c.prompts).toEqual(['hello world']);
    expect(seen).toMatchObject({
      Name: 'ContactFlowEvent',
      Details: {
        Parameters: { q: '+13125550142' },
        ContactData: {
          Attributes: { who: '+13125550142' },
          Channel: 'VOICE',
          CustomerEndpoint: { Address: '+13125550142' },
        },
      },
    });
    const bad = await run(f, [], runtime([f], { 'arn:fn': () => ({ greeting: 42 }) }));
    expect(bad.c.prompts).toEqual(['lambda failed']);
    const missing = await run(f, [], runtime([f], {}));
    expect(missing.c.errors[0]).toMatch(/no local handler for arn:fn/);
  });

  it('runs flow modules and returns, and transfers to another flow with fresh flow attributes', async () => {
    const mod = flow(
      [say('m', 'in module', 'ret'), { Identifier: 'ret', Type: 'EndFlowModuleExecution' }],
      'mod',
      { InputParameters: [], OutputParameters: [], Transitions: [] },
    );
    const other = flow([say('o', 'other flow [$.FlowAttributes.x]', 'end'), end], 'other');
    const main = flow(
      [
        {
          Identifier: 'fa',
          Type: 'UpdateFlowAttributes',
          Parameters: { FlowAttributes: { x: { Value: 'set' } } },
          Transitions: { NextAction: 'call' },
        },
        {
          Identifier: 'call',
          Type: 'InvokeFlowModule',
          Parameters: { FlowModuleId: 'mod' },
          Transitions: { NextAction: 'after', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        },
        say('after', 'back [$.FlowAttributes.x]', 'go'),
        {
          Identifier: 'go',
          Type: 'TransferToFlow',
          Parameters: { ContactFlowId: other.arn },
          Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        },
        end,
      ],
      'main',
    );
    const { c } = await run(main, [], runtime([main, mod, other]));
    expect(c.prompts).toEqual(['in module', 'back [set]', 'other flow []']);
  });

  it('checks hours of operation and flags a loop with no way out', async () => {
    const hours = (id: string) =>
      flow([
        {
          Identifier: 'h',
          Type: 'CheckHoursOfOperation',
          Parameters: { HoursOfOperationId: id },
          Transitions: {
            NextAction: 'closed',
            Conditions: [
              { NextAction: 'open', Condition: { Operator: 'Equals', Operands: ['True'] } },
              { NextAction: 'closed', Condition: { Operator: 'Equals', Operands: ['False'] } },
            ],
            Errors: [{ NextAction: 'unknown', ErrorType: 'NoMatchingError' }],
          },
        },
        say('open', 'open', 'end'),
        say('closed', 'closed', 'end'),
        say('unknown', 'unknown', 'end'),
        end,
      ]);
    expect((await run(hours('open-hours'))).c.prompts).toEqual(['open']);
    expect((await run(hours('closed-hours'))).c.prompts).toEqual(['closed']);
    expect((await run(hours('nope'))).c.prompts).toEqual(['unknown']);
    const spin = flow([
      {
        Identifier: 'a',
        Type: 'UpdateFlowLoggingBehavior',
        Parameters: { FlowLoggingBehavior: 'Enabled' },
        Transitions: { NextAction: 'b' },
      },
      {
        Identifier: 'b',
        Type: 'UpdateFlowLoggingBehavior',
        Parameters: { FlowLoggingBehavior: 'Enabled' },
        Transitions: { NextAction: 'a' },
      },
    ]);
    const { outcome, c } = await run(spin);
    expect(outcome).toMatchObject({ type: 'error', kind: 'loop' });
    expect(c.errors[0]).toMatch(/a loop with no way out/);
  });
});
