/**
 * The engine agrees with Connect: each case holds Connect's documented value and names its source.
 * Field cases are in test/field-cases (README there gives the command and the right result).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFlows, tokenRefs } from '../../contact-flows/index.ts';
import type { FlowAction, FlowDocument } from '../../contact-flows/model.ts';
import {
  ACTION_RULES,
  checkPublishable,
  FLOW_KINDS,
  type FlowKind,
} from '../../contact-flows/publish-rules.ts';
import { collectDigits, lexTimingProblem } from '../../local/engine/input.ts';
import { ScriptedCaller } from '../../local/phone.ts';
import { LocalSwitchboard } from '../../local/switchboard.ts';
import { verify } from '../../local/verify.ts';
import { enConfig, ROOT, zhConfig } from '../helpers.ts';

const CASES = join(ROOT, 'test', 'field-cases');
const OPEN = new Date('2026-11-24T10:00:00-06:00');

let sb: LocalSwitchboard;
beforeAll(async () => {
  sb = await LocalSwitchboard.start(enConfig());
});
afterAll(async () => sb.stop());

const call = (
  file: string,
  inputs: string[] = [],
  extra: Partial<Parameters<LocalSwitchboard['call']>[0]> = {},
) => sb.call({ at: OPEN, caller: new ScriptedCaller(inputs), flowFile: join(CASES, file), ...extra });

let seq = 0;
/** Adds an inline flow to the local instance and calls it. */
function inline(
  actions: Array<Partial<FlowAction> & Pick<FlowAction, 'Identifier' | 'Type'>>,
  type = 'CONTACT_FLOW',
) {
  const key = `conf-${++seq}`;
  sb.addFlow(key, type, doc(actions));
  return key;
}

function doc(
  actions: Array<Partial<FlowAction> & Pick<FlowAction, 'Identifier' | 'Type'>>,
  settings?: object,
): FlowDocument {
  return {
    Version: '2019-10-30',
    StartAction: actions[0]!.Identifier,
    Actions: actions.map((a) => ({ Parameters: {}, Transitions: {}, ...a })),
    ...(settings ? { Settings: settings as Record<string, unknown> } : {}),
  };
}

const say = (id: string, text: string, next = 'bye') => ({
  Identifier: id,
  Type: 'MessageParticipant',
  Parameters: { Text: text },
  Transitions: { NextAction: next },
});
const bye = { Identifier: 'bye', Type: 'DisconnectParticipant' };

describe('field cases through the engine (test/field-cases)', () => {
  it('Wait is chat-only: a voice contact takes the Error branch (Connect admin guide, Wait block; block-support-by-channel)', async () => {
    const voice = await call('flow-wait-on-voice.json');
    expect(voice.prompts.at(-1)).toBe('BRANCH error');
    const chat = await call('flow-wait-on-voice.json', [], { engine: { channel: 'CHAT' } });
    expect(chat.prompts.at(-1)).toBe('BRANCH time expired');
  });

  it('Store customer input: * discards what came before, # ends the input (admin guide, Store customer input)', async () => {
    const r = await call('flow-cancel-key.json', ['123*456#']);
    expect(r.prompts.at(-1)).toBe('SUCCESS stored [456]');
    expect(collectDigits('123*456#', { cancelKey: false, terminator: '#' })).toBe('123*456');
    expect(collectDigits('12*34**', { cancelKey: false, terminator: '**' })).toBe('12*34');
    expect(collectDigits('98765', { cancelKey: true, terminator: '#', maxLength: 3 })).toBe('987');
  });

  it('Lex V2: max speech 20000 ms is above the 15000 ms limit, so Error (admin guide, Get customer input; Lex V2 session-attribs-speech)', async () => {
    const r = await call('flow-lex-timing-limit.json', ['say:CheckBalance']);
    expect(r.prompts.at(-1)).toBe('BRANCH error');
    expect(lexTimingProblem({ 'x-amz-lex:audio:max-length-ms:*:*': '15000' })).toBeUndefined();
    expect(lexTimingProblem({ 'x-amz-lex:audio:start-timeout-ms:*:*': '0' })).toMatch(/not a whole number/);
  });

  it('Distribute by percentage: deterministic for a seed, each branch reachable (admin guide, Distribute by percentage)', async () => {
    const heard = async (seed: number) =>
      (await call('flow-distribute-by-percentage.json', [], { engine: { seed } })).prompts.at(-1);
    expect(await heard(7)).toBe(await heard(7));
    const branches = new Set<string | undefined>();
    for (let seed = 1; seed <= 12; seed++) branches.add(await heard(seed));
    expect(branches).toEqual(new Set(['BRANCH test group A', 'BRANCH default group B']));
  });

  it('verify explores both percentage branches of the A/B flow', async () => {
    const entry = sb.loadFlowFile(join(CASES, 'flow-distribute-by-percentage.json')).key;
    const report = await verify(sb, { entries: [entry] });
    expect(report.coverage.find((c) => c.flow === entry)).toMatchObject({ actions: 4, visited: 4 });
    expect(report.violations).toEqual([]);
  });

  it('Loop prompts in an inbound flow is refused at publish, naming the action (Connect flow types)', () => {
    const problems = checkPublishable(readJson(join(CASES, 'flow-loop-prompts-in-inbound.json')), {
      file: 'flow-loop-prompts-in-inbound.json',
    });
    expect(problems).toEqual([
      expect.objectContaining({
        file: 'flow-loop-prompts-in-inbound.json',
        action: 'loop-prompts',
        rule: expect.stringMatching(/Loop prompts .* is not allowed in an inbound flow/),
      }),
    ]);
  });

  it('asynchronous Lambda: Success at once even when the function fails (admin guide, Invoke AWS Lambda function)', async () => {
    const r = await call('flow-lambda-async.json', [], { faults: { route: 'error' } });
    expect(r.prompts).toEqual(['BRANCH success (continued without waiting)']);
    expect(r.lambdaCalls[0]).toMatchObject({ function: 'switchboard-route', asynchronous: true, ok: false });
  });

  it('Change routing priority: queued in general with priority 1, served ahead of waiting callers (block list, Change routing priority / age)', async () => {
    const r = await call('flow-routing-priority.json');
    expect(r.outcome).toEqual({
      type: 'queued',
      queue: 'general',
      answered: true,
      waitSeconds: 10,
      priority: 1,
    });
    // Three agents, three callers already waiting: priority 1 is answered, the default priority is not.
    const busy = await call('flow-routing-priority.json', [], {
      queueLoad: 3,
      engine: { maxCallSeconds: 300 },
    });
    expect(busy.outcome).toMatchObject({ type: 'queued', answered: true, priority: 1 });
    const plain = inline([
      {
        Identifier: 'q',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: sb.refs.queues.general },
        Transitions: { NextAction: 'go', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'go',
        Type: 'TransferContactToQueue',
        Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
      },
      bye,
    ]);
    const waiting = await sb.call({
      at: OPEN,
      caller: new ScriptedCaller(),
      entry: plain,
      queueLoad: 3,
      engine: { maxCallSeconds: 300 },
    });
    expect(waiting.outcome).toMatchObject({ type: 'queued', answered: false, priority: 5 });
  });
});

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as FlowDocument;

describe('the flow-type matrix (reference section 5), both ways', () => {
  // Expected from the reference's table, written out independently of ACTION_RULES.
  const I = 'CONTACT_FLOW';
  const T = ['AGENT_TRANSFER', 'QUEUE_TRANSFER'];
  const Q = 'CUSTOMER_QUEUE';
  const W = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
  const H = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
  const MATRIX: Record<string, string[]> = {
    MessageParticipant: [I, ...T, Q, ...W],
    GetParticipantInput: [I, ...T, Q],
    ConnectParticipantWithLexBot: [I, ...T, Q],
    MessageParticipantIteratively: [Q, ...H],
    DisconnectParticipant: [I, ...T, Q, ...W, ...H],
    UpdateContactAttributes: [I, ...T, Q, ...W, ...H],
    InvokeLambdaFunction: [I, ...T, Q, ...W, ...H],
    Compare: [I, ...T, Q, ...W, ...H],
    Loop: [I, ...T, Q, ...W, ...H],
    UpdateContactTargetQueue: [I, ...T],
    TransferContactToQueue: [I, ...T],
    TransferToFlow: [I, ...T],
    DequeueContactAndTransferToQueue: [Q],
    CheckHoursOfOperation: [I, ...T, Q],
    CheckMetricData: [I, ...T, Q],
    DistributeByPercentage: [I, ...T, Q],
    UpdateContactCallbackNumber: [I, ...T, Q],
    CreateCallbackContact: [I, ...T, Q],
    TransferParticipantToThirdParty: [I, ...T, Q],
    UpdateContactRecordingBehavior: [I, ...T, Q, 'OUTBOUND_WHISPER'],
    UpdateContactRoutingBehavior: [I],
    EndFlowExecution: [Q, ...W, ...H],
    InvokeFlowModule: [I],
    TransferContactToAgent: [...T],
  };
  const flowTypes = FLOW_KINDS.filter((k) => k !== 'MODULE');
  const placed = (type: string, kind: FlowKind) =>
    checkPublishable(doc([{ Identifier: 'x', Type: type }]), { file: 'm.json', kind }).some((p) =>
      p.rule.includes('is not allowed in'),
    );
  for (const [type, allowed] of Object.entries(MATRIX))
    it(`${type}: allowed in ${allowed.length} flow types, refused in the other ${flowTypes.length - allowed.length}`, () => {
      for (const kind of flowTypes)
        expect([kind, placed(type, kind)]).toEqual([kind, !allowed.includes(kind)]);
    });

  it('modules: Return only in modules, no module inside a module (UI return-module.html, invoke-module-block.html)', () => {
    expect(placed('EndFlowModuleExecution', 'MODULE')).toBe(false);
    expect(placed('EndFlowModuleExecution', 'CONTACT_FLOW')).toBe(true);
    expect(placed('InvokeFlowModule', 'MODULE')).toBe(true);
    expect(placed('TransferContactToQueue', 'MODULE')).toBe(false);
  });

  it('every action type the engine runs has a publish rule', async () => {
    const { SUPPORTED_ACTIONS } = await import('../../local/engine/actions.ts');
    expect(SUPPORTED_ACTIONS.filter((t) => !ACTION_RULES[t])).toEqual([]);
  });
});

describe('publish rules: parameters, transitions, references', () => {
  const problems = (
    a: Partial<FlowAction> & Pick<FlowAction, 'Identifier' | 'Type'>,
    kind: FlowKind = 'CONTACT_FLOW',
  ) => checkPublishable(doc([a, bye]), { file: 'f.json', kind }).map((p) => p.rule);
  const lambda = (type: string, limit: string) => ({
    Identifier: 'fn',
    Type: 'InvokeLambdaFunction',
    Parameters: {
      LambdaFunctionARN: 'arn:aws:lambda:us-east-1:1:function:x',
      InvocationType: type,
      InvocationTimeLimitSeconds: limit,
    },
    Transitions: { NextAction: 'bye' },
  });

  it('Lambda time limits per invocation type: sync at most 8 s, async at most 60 s (UI invoke-lambda-function-block)', () => {
    expect(problems(lambda('SYNCHRONOUS', '8'))).toEqual([]);
    expect(problems(lambda('SYNCHRONOUS', '30'))).toEqual([
      expect.stringMatching(
        /InvocationTimeLimitSeconds must be a whole number from 1 to 8 for a synchronous call/,
      ),
    ]);
    expect(problems(lambda('ASYNCHRONOUS', '60'))).toEqual([]);
    expect(problems(lambda('ASYNCHRONOUS', '61'))).toEqual([expect.stringMatching(/from 1 to 60/)]);
    expect(problems({ ...lambda('SYNCHRONOUS', '$.Attributes.t') })).toEqual([
      expect.stringMatching(/must be set statically/),
    ]);
  });

  it('parameters present and in range, transitions valid for the action', () => {
    expect(
      problems({
        Identifier: 'cb',
        Type: 'UpdateContactCallbackNumber',
        Parameters: { CallbackNumber: '+13125550100' },
        Transitions: { NextAction: 'bye' },
      }),
    ).toEqual([expect.stringMatching(/CallbackNumber must be a single JSONPath reference/)]);
    expect(
      problems({
        Identifier: 'l',
        Type: 'Loop',
        Parameters: { LoopCount: '101' },
        Transitions: { NextAction: 'bye', Conditions: [cond('ContinueLooping'), cond('DoneLooping')] },
      }),
    ).toEqual([expect.stringMatching(/LoopCount must be a whole number from 0 to 100/)]);
    expect(
      problems({
        Identifier: 'h',
        Type: 'UpdateContactEventHooks',
        Parameters: { EventHooks: { CustomerQueue: 'a', CustomerRemaining: 'b' } },
        Transitions: { NextAction: 'bye' },
      }),
    ).toEqual(['EventHooks must hold exactly one hook, not 2']);
    expect(
      problems({
        Identifier: 'in',
        Type: 'GetParticipantInput',
        Parameters: { Text: 'n?', StoreInput: 'True', InputTimeLimitSeconds: '5' },
        Transitions: { NextAction: 'bye', Conditions: [cond('1')] },
      }),
    ).toEqual(['stored input (StoreInput True) takes no conditions']);
    expect(
      problems({
        Identifier: 'p',
        Type: 'MessageParticipant',
        Parameters: {},
        Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'QueueAtCapacity' }] },
      }),
    ).toEqual([
      expect.stringMatching(/has no "QueueAtCapacity" error branch/),
      expect.stringMatching(/needs a prompt/),
    ]);
    expect(
      problems({
        Identifier: 'r',
        Type: 'UpdateContactRoutingBehavior',
        Parameters: { QueuePriority: '0' },
        Transitions: { NextAction: 'bye' },
      }),
    ).toEqual([expect.stringMatching(/QueuePriority must be a whole number of at least 1/)]);
    expect(problems({ Identifier: 'z', Type: 'PlayPrompt' })).toEqual([
      'PlayPrompt is not an action type of the Flow Language',
    ]);
  });

  it('references resolve to the right kind of resource', () => {
    const queueArn = 'arn:aws:connect:us-east-1:1:instance/i/queue/q1';
    expect(
      problems({
        Identifier: 't',
        Type: 'TransferToFlow',
        Parameters: { ContactFlowId: queueArn },
        Transitions: { NextAction: 'bye' },
      }),
    ).toEqual([expect.stringMatching(/ContactFlowId must name a flow, but .* is a queue/)]);
    const missing = checkPublishable(
      doc([
        {
          Identifier: 'm',
          Type: 'InvokeFlowModule',
          Parameters: { FlowModuleId: 'arn:aws:connect:us-east-1:1:instance/i/flow-module/gone' },
          Transitions: { NextAction: 'bye' },
        },
        bye,
      ]),
      { file: 'f.json', resolve: () => false },
    );
    expect(missing[0]).toMatchObject({
      file: 'f.json',
      action: 'm',
      actionType: 'InvokeFlowModule',
      rule: expect.stringMatching(/does not resolve/),
    });
  });

  it.each([
    ['en-US', enConfig],
    ['zh-CN', zhConfig],
  ])('the generated %s flows pass, with their roles as types', (_l, config) => {
    const c = config();
    for (const def of Object.values(buildFlows(c, tokenRefs(c))))
      expect(checkPublishable(def.content, { file: def.key, kind: def.type })).toEqual([]);
  });
});

describe('runtime semantics beyond the field cases', () => {
  it('Transfer to flow into a customer queue flow takes the Error branch (UI transfer-to-flow.html)', async () => {
    const entry = inline([
      {
        Identifier: 't',
        Type: 'TransferToFlow',
        Parameters: { ContactFlowId: sb.refs.flows.customerQueue },
        Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'e', ErrorType: 'NoMatchingError' }] },
      },
      say('e', 'BRANCH error'),
      bye,
    ]);
    const r = await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry });
    expect(r.prompts).toEqual(['BRANCH error']);
    expect(r.events.join('\n')).toMatch(
      /customer queue flow; Transfer to flow needs an inbound or transfer flow/,
    );
  });

  it('an asynchronous result is available to a later Wait ([INFERRED] LambdaInvocationId)', async () => {
    const entry = inline([
      {
        Identifier: 'a',
        Type: 'InvokeLambdaFunction',
        Parameters: {
          LambdaFunctionARN: sb.refs.functions.route,
          InvocationType: 'ASYNCHRONOUS',
          InvocationTimeLimitSeconds: '30',
        },
        Transitions: { NextAction: 'w', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
      },
      {
        Identifier: 'w',
        Type: 'Wait',
        Parameters: { LambdaInvocationId: '$.LambdaInvocation.InvocationId' },
        Transitions: { NextAction: 'got', Errors: [{ NextAction: 'e', ErrorType: 'NoMatchingError' }] },
      },
      say('got', 'mode $.External.mode'),
      say('e', 'BRANCH error'),
      bye,
    ]);
    const ok = await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry });
    expect(ok.prompts).toEqual(['mode open']);
    const failed = await sb.call({
      at: OPEN,
      caller: new ScriptedCaller(),
      entry,
      faults: { route: 'error' },
    });
    expect(failed.prompts).toEqual(['BRANCH error']);
  });

  it("another team's Lambda: Error by default, a --lambda stand-in's answer when given, both explored by verify", async () => {
    const entry = inline([
      {
        Identifier: 'fn',
        Type: 'InvokeLambdaFunction',
        Parameters: {
          LambdaFunctionARN: 'arn:aws:lambda:us-east-1:111122223333:function:payroll-lookup',
          InvocationTimeLimitSeconds: '3',
        },
        Transitions: { NextAction: 'ok', Errors: [{ NextAction: 'e', ErrorType: 'NoMatchingError' }] },
      },
      say('ok', 'BRANCH success $.External.name'),
      say('e', 'BRANCH error'),
      bye,
    ]);
    const plain = await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry });
    expect(plain.prompts).toEqual(['BRANCH error']);
    expect(plain.lambdaCalls[0]).toMatchObject({ function: 'payroll-lookup', via: 'default', ok: false });
    const file = join(tmpdir(), `payroll-${process.pid}.mjs`);
    writeFileSync(file, 'export const handler = async (event) => ({ name: "Ana" });\n');
    const { loadLambdaStandIns } = await import('../../local/engine/stand-ins.ts');
    const lambdas = await loadLambdaStandIns([`payroll-lookup=${file}`]);
    const stood = await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry, engine: { lambdas } });
    expect(stood.prompts).toEqual(['BRANCH success Ana']);
    const report = await verify(sb, { entries: [entry] });
    expect(report.coverage.find((c) => c.flow === entry)).toMatchObject({ visited: 4, actions: 4 });
  });

  it('Customer Profiles stand-in: found for a caller with a number; verify explores found, not found, several, error', async () => {
    const entry = inline([
      {
        Identifier: 'get',
        Type: 'GetCustomerProfile',
        Parameters: {
          ProfileRequestData: { PhoneNumber: '$.CustomerEndpoint.Address' },
          ProfileResponseData: ['FirstName'],
        },
        Transitions: {
          NextAction: 'found',
          Errors: [
            { NextAction: 'none', ErrorType: 'NoneFoundError' },
            { NextAction: 'many', ErrorType: 'MultipleFoundError' },
            { NextAction: 'e', ErrorType: 'NoMatchingError' },
          ],
        },
      },
      say('found', 'FOUND $.Customer.PhoneNumber'),
      say('none', 'NONE'),
      say('many', 'MANY'),
      say('e', 'ERROR'),
      bye,
    ]);
    expect((await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry })).prompts).toEqual([
      'FOUND +13125550142',
    ]);
    expect((await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry, from: null })).prompts).toEqual([
      'NONE',
    ]);
    const report = await verify(sb, { entries: [entry] });
    expect(report.coverage.find((c) => c.flow === entry)).toMatchObject({ visited: 6, actions: 6 });
    expect(report.violations).toEqual([]);
  });

  it('Dequeue and transfer to queue moves a waiting caller to another queue', async () => {
    const queueFlow = `conf-q-${++seq}`;
    sb.addFlow(
      queueFlow,
      'CUSTOMER_QUEUE',
      doc([
        {
          Identifier: 'move',
          Type: 'DequeueContactAndTransferToQueue',
          Parameters: { QueueId: sb.refs.queues.service },
          Transitions: { NextAction: 'end', Errors: [{ NextAction: 'end', ErrorType: 'NoMatchingError' }] },
        },
        { Identifier: 'end', Type: 'EndFlowExecution' },
      ]),
    );
    const entry = inline([
      {
        Identifier: 'hook',
        Type: 'UpdateContactEventHooks',
        Parameters: { EventHooks: { CustomerQueue: queueFlow } },
        Transitions: { NextAction: 'q' },
      },
      {
        Identifier: 'q',
        Type: 'UpdateContactTargetQueue',
        Parameters: { QueueId: sb.refs.queues.general },
        Transitions: { NextAction: 'go' },
      },
      {
        Identifier: 'go',
        Type: 'TransferContactToQueue',
        Transitions: { NextAction: 'bye', Errors: [{ NextAction: 'bye', ErrorType: 'NoMatchingError' }] },
      },
      bye,
    ]);
    const r = await sb.call({ at: OPEN, caller: new ScriptedCaller(), entry });
    expect(r.outcome).toMatchObject({ type: 'queued', queue: 'service' });
  });
});

function cond(operand: string) {
  return { NextAction: 'bye', Condition: { Operator: 'Equals', Operands: [operand] } };
}
