import { randomUUID } from 'node:crypto';
import type { FlowAction } from '../../contact-flows/model.ts';
import { ACTIONS } from './actions.ts';
import { interpolate, isSinglePath, resolvePath, walk } from './jsonpath.ts';
import {
  type Caller,
  type CallerInput,
  DEFAULT_PRIORITY,
  type Decision,
  EngineError,
  type Exit,
  type FaultMode,
  type FlowRun,
  type InputRequest,
  type LambdaCall,
  type LexResult,
  type LoadedFlow,
  type Outcome,
  type PathStep,
  type QueueInfo,
  type QueuePlan,
  type Result,
  type Staffing,
} from './types.ts';

export { toE164 } from './input.ts';
export { validateResponse } from './values.ts';

import { str } from './values.ts';

/** What the engine needs from the simulated Connect instance around it. */
export interface Runtime {
  now(): Date;
  advance(seconds: number): void;
  flow(idOrArn: string): LoadedFlow | undefined;
  queue(idOrArn: string): QueueInfo | undefined;
  staffing(queue: QueueInfo): Staffing;
  /** Undefined when the hours of operation are unknown. */
  hoursOpen(idOrArn: string | undefined, queue: QueueInfo | undefined): boolean | undefined;
  /** Invokes a Lambda by ARN with a Connect event; throws on an unknown ARN, an error or a time-out. */
  invoke(arn: string, event: unknown, timeLimitSeconds: number): Promise<unknown>;
  /**
   * Whether `arn` is one of the instance's own functions. When false (another team's Lambda), the engine
   * uses a stand-in (`--lambda NAME=FILE`) or its stated default. Absent: every function is the instance's.
   */
  hasFunction?(arn: string): boolean;
  /**
   * sim: a shared queue model (several calls on one clock) decides when this caller is answered or gives
   * up. Absent: the engine's own rule (answered after `answerAfterSeconds` when an agent is free).
   */
  enqueue?(queue: QueueInfo, contact: Contact): Promise<QueuePlan | undefined>;
  /** sim: an agent answered the contact (the local Connect announces it). */
  answered?(contact: Contact): Promise<void>;
  lex(
    aliasArn: string,
    text: string,
    sessionAttributes: Record<string, string>,
    intents: string[],
    contact: ContactSnapshot,
  ): Promise<LexResult | undefined>;
}

/** A stand-in for a Lambda that is not Switchboard's: a module's `handler(event)` (`--lambda NAME=FILE`). */
export type LambdaStandIn = (event: unknown) => unknown;

export interface EngineOptions {
  /** Simulated seconds until an agent answers a staffed queue. */
  answerAfterSeconds: number;
  /** Simulated length of an agent conversation. */
  talkSeconds: number;
  /** The caller hangs up after this long (simulated). */
  maxCallSeconds: number;
  /** Actions in a row without a chance for the caller to act before it counts as a loop with no way out. */
  maxStepsWithoutInput: number;
  /** Seed for Distribute by percentage: the same seed sends the same contact down the same branch. */
  seed: number;
  /** The contact's channel; Connect routes blocks a channel does not support down their Error branch. */
  channel: 'VOICE' | 'CHAT';
  /** Stand-ins for other teams' Lambdas, by function name. */
  lambdas: Record<string, LambdaStandIn>;
  /** Injected faults by target name (local/engine/faults.ts); the engine applies Connect's own. */
  faults: Record<string, FaultMode>;
  /** sim: the contact's id (default: a random UUID); the month simulation numbers its contacts. */
  contactId?: string;
  /**
   * sim: simulated seconds a synchronous Lambda call takes (default: the measured wall-clock time), so
   * that a seeded simulation gives the same times on any machine.
   */
  lambdaSeconds?: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  answerAfterSeconds: 10,
  talkSeconds: 120,
  maxCallSeconds: 1800,
  maxStepsWithoutInput: 250,
  seed: 1,
  channel: 'VOICE',
  lambdas: {},
  faults: {},
};

export interface ContactSnapshot {
  contactId: string;
  customerAddress: string | undefined;
  attributes: Record<string, string>;
  languageCode: string;
}

/** The contact's state that actions read and change (Connect's contact, flow-independent). */
export interface ContactState {
  attributes: Record<string, string>;
  external: Record<string, unknown>;
  storedInput: string | undefined;
  targetQueue: QueueInfo | undefined;
  languageCode: string;
  voice: string;
  hooks: Record<string, string>;
  callbackNumber: string | undefined;
  metrics: Record<string, unknown>;
  lexResult: LexResult | undefined;
  tags: Record<string, string>;
  contactData: Record<string, string>;
  recording: { agent: boolean; customer: boolean; ivr: boolean };
  callback: { queue: string; number: string } | undefined;
  transferredTo: string | undefined;
  /** Routing priority (lower is served first) and age adjustment (UpdateContactRoutingBehavior). */
  priority: number;
  ageAdjustSeconds: number;
  customer: Record<string, unknown>;
  wisdom: Record<string, string>;
  /** Results of asynchronous Lambda calls, by invocation id, for a later Wait. */
  asyncResults: Map<string, { ok: boolean; response?: unknown; error?: string; seconds: number }>;
  lambdaInvocation: Record<string, string>;
  /** staffing (issue 11): the world chose "nobody logged in" at a staffing check; every metric reads 0. */
  nobodyLoggedIn: boolean;
  /** promises (issue 11): words the caller spoke to a bot while hanging up (kept as a partial message). */
  partialWords: string | undefined;
}

const ATTRIBUTES_LIMIT = 32_768;

/** One contact, from the first action of the entry flow to the end of the call. */
export class Contact {
  readonly contactId: string;
  readonly prompts: string[] = [];
  readonly path: PathStep[] = [];
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly lambdaCalls: LambdaCall[] = [];
  readonly events: string[] = [];
  outcome: Outcome | undefined;
  readonly state: ContactState;
  readonly startedAt: Date;
  /** When the contact first entered a queue, which queue, when an agent answered and when they hung up. */
  enqueuedAt: Date | undefined;
  queueArn: string | undefined;
  answeredAt: Date | undefined;
  agentLeftAt: Date | undefined;

  private stepsSinceInput = 0;
  private spokeSinceInput = false;
  private readonly visits = new Map<string, number>();

  constructor(
    readonly rt: Runtime,
    private readonly caller: Caller,
    readonly options: EngineOptions,
    readonly customerAddress: string | undefined,
    readonly systemAddress: string,
    readonly instanceArn: string,
    languageCode: string,
  ) {
    this.contactId = options.contactId ?? randomUUID();
    this.startedAt = rt.now();
    this.state = {
      attributes: {},
      external: {},
      storedInput: undefined,
      targetQueue: undefined,
      languageCode,
      voice: 'Joanna',
      hooks: {},
      callbackNumber: undefined,
      metrics: {},
      lexResult: undefined,
      tags: {},
      contactData: {},
      recording: { agent: false, customer: false, ivr: false },
      callback: undefined,
      transferredTo: undefined,
      priority: DEFAULT_PRIORITY,
      ageAdjustSeconds: 0,
      customer: {},
      wisdom: {},
      asyncResults: new Map(),
      lambdaInvocation: {},
      nobodyLoggedIn: false,
      partialWords: undefined,
    };
  }

  get snapshot(): ContactSnapshot {
    return {
      contactId: this.contactId,
      customerAddress: this.customerAddress,
      attributes: { ...this.state.attributes },
      languageCode: this.state.languageCode,
    };
  }

  get elapsedSeconds(): number {
    return (this.rt.now().getTime() - this.startedAt.getTime()) / 1000;
  }

  /** Runs the call from an entry flow to its end; engine errors are recorded, never thrown. */
  async run(entry: LoadedFlow): Promise<Outcome> {
    try {
      let flow = entry;
      for (;;) {
        const exit = await this.runFlow(flow, entry.isModule ? 'module' : 'main');
        if (exit.kind === 'transfer-flow') {
          flow = exit.target;
          continue;
        }
        this.outcome = exit.kind === 'queued' ? await this.queuePhase() : this.finalOutcome(exit);
        break;
      }
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      this.errors.push(err.message);
      this.events.push(`call stopped: ${err.message}`);
      this.outcome = { type: 'error', kind: err.kind, message: err.message };
    }
    return this.outcome;
  }

  private finalOutcome(exit: Exit): Outcome {
    const s = this.state;
    if (s.transferredTo) return { type: 'transferred', to: s.transferredTo };
    if (s.callback) return { type: 'callback', queue: s.callback.queue, number: s.callback.number };
    if (exit.kind === 'hangup') return { type: 'disconnected', by: 'caller' };
    if (exit.kind === 'end' || exit.kind === 'module-return') {
      const last = this.path.at(-1);
      return { type: 'ended', flow: last?.flow ?? '', action: last?.id ?? '' };
    }
    return { type: 'disconnected', by: 'flow', afterMessage: this.spokeSinceInput };
  }

  /** True when the last thing before the end was something the caller heard (not silence). */
  get endedWithMessage(): boolean {
    return this.spokeSinceInput;
  }

  // --- view for JSONPath -------------------------------------------------------------------------

  private view(run: FlowRun | undefined): Record<string, unknown> {
    const s = this.state;
    const q = s.targetQueue;
    return {
      Attributes: s.attributes,
      External: s.external,
      FlowAttributes: run?.flowAttributes ?? {},
      StoredCustomerInput: s.storedInput,
      CustomerEndpoint: this.customerAddress
        ? { Address: this.customerAddress, Type: 'TELEPHONE_NUMBER' }
        : undefined,
      SystemEndpoint: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
      Channel: this.options.channel,
      Queue: q
        ? {
            Name: q.name,
            ARN: q.arn,
            OutboundCallerId: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
          }
        : undefined,
      Metrics: s.metrics,
      Lex: s.lexResult,
      Customer: s.customer,
      Wisdom: s.wisdom,
      LambdaInvocation: s.lambdaInvocation,
      ContactId: this.contactId,
      InitialContactId: this.contactId,
      PreviousContactId: this.contactId,
      InstanceARN: this.instanceArn,
      InitiationMethod: 'INBOUND',
      LanguageCode: s.languageCode,
      TextToSpeechVoiceId: s.voice,
      AwsRegion: this.instanceArn.split(':')[3],
      Tags: s.tags,
      ...s.contactData,
    };
  }

  private read(run: FlowRun, path: string[]): unknown {
    if (path[0] === 'CustomerEndpoint') this.touch('caller-id');
    return walk(this.view(run), path);
  }

  /** A static-or-dynamic parameter: every reference inside it is replaced. */
  text(value: unknown, run: FlowRun): string {
    return interpolate(
      str(value),
      (p) => this.read(run, p),
      (p) => this.warnings.push(`${p} is not set (read as "")`),
    );
  }

  /** A parameter that must be static or a single reference. */
  single(value: unknown, run: FlowRun): string {
    const s = str(value);
    return isSinglePath(s)
      ? resolvePath(
          s,
          (p) => this.read(run, p),
          (p) => this.warnings.push(`${p} is not set (read as "")`),
        )
      : s;
  }

  // --- flow execution ------------------------------------------------------------------------------

  async runFlow(flow: LoadedFlow, mode: FlowRun['mode'], deadline?: number): Promise<Exit> {
    const run: FlowRun = {
      flow,
      actions: new Map(flow.doc.Actions.map((a) => [a.Identifier, a])),
      flowAttributes: {},
      loops: new Map(),
      mode,
    };
    let id: string | undefined = flow.doc.StartAction;
    for (;;) {
      if (this.elapsedSeconds > this.options.maxCallSeconds) {
        this.events.push(`caller hung up after ${Math.round(this.elapsedSeconds)} s`);
        return { kind: 'hangup' };
      }
      if (deadline !== undefined && this.rt.now().getTime() >= deadline) return { kind: 'interrupted' };
      const action = run.actions.get(id);
      if (!action)
        throw new EngineError(
          `flow ${flow.key}: goes to "${id}", which is not an action`,
          'undefined-target',
        );
      if (++this.stepsSinceInput > this.options.maxStepsWithoutInput)
        throw new EngineError(
          `flow ${flow.key}: ${this.options.maxStepsWithoutInput} actions without the caller being able to act, at "${action.Identifier}": a loop with no way out`,
          'loop',
        );
      const step: PathStep = { flow: flow.key, id: action.Identifier, type: action.Type };
      this.path.push(step);
      const handler = ACTIONS[action.Type];
      if (!handler)
        throw new EngineError(
          `unsupported action type ${action.Type} at "${action.Identifier}" (flow ${flow.key})`,
          'unsupported',
        );
      const res = await handler(this, action, run, deadline);
      if (res.kind === 'exit') {
        step.branch = res.exit.kind;
        return res.exit;
      }
      if (res.kind === 'module') {
        const exit = await this.runFlow(res.target, 'module', deadline);
        if (exit.kind !== 'module-return') return exit;
        id = action.Transitions?.NextAction;
        step.branch = 'module returned';
        if (!id)
          throw new EngineError(
            `flow ${flow.key}: "${action.Identifier}" has no NextAction after its module returned`,
            'missing-branch',
          );
        continue;
      }
      const next = this.transition(action, res, flow.key);
      step.branch = next.branch;
      if (res.kind === 'ok' && res.result !== undefined) step.result = res.result;
      id = next.id;
    }
  }

  private transition(
    action: FlowAction,
    res: Extract<Result, { kind: 'ok' | 'error' }>,
    flowKey: string,
  ): { id: string; branch: string } {
    const t = action.Transitions ?? {};
    const errors = t.Errors ?? [];
    if (res.kind === 'error') {
      const hit =
        errors.find((e) => e.ErrorType === res.type) ?? errors.find((e) => e.ErrorType === 'NoMatchingError');
      if (res.detail) this.events.push(`${action.Identifier}: ${res.type} (${res.detail})`);
      if (!hit)
        throw new EngineError(
          `flow ${flowKey}: "${action.Identifier}" (${action.Type}) failed with ${res.type}${res.detail ? ` (${res.detail})` : ''} and has no error branch for it`,
          'missing-branch',
        );
      return { id: hit.NextAction, branch: `error:${res.type}` };
    }
    const conditions = t.Conditions ?? [];
    if (conditions.length > 0 && res.result !== undefined) {
      for (const c of conditions) {
        if (evaluate(c.Condition?.Operator, c.Condition?.Operands ?? [], res.result))
          return { id: c.NextAction, branch: `${c.Condition.Operator} ${c.Condition.Operands.join(',')}` };
      }
      const nm = errors.find((e) => e.ErrorType === 'NoMatchingCondition');
      if (nm) return { id: nm.NextAction, branch: 'error:NoMatchingCondition' };
    }
    if (!t.NextAction)
      throw new EngineError(
        `flow ${flowKey}: "${action.Identifier}" (${action.Type}) has no next action`,
        'missing-branch',
      );
    return { id: t.NextAction, branch: res.result !== undefined && conditions.length ? 'default' : 'next' };
  }

  // --- helpers for actions -------------------------------------------------------------------------

  say(text: string): void {
    const clean = text
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (!clean) return;
    this.prompts.push(clean);
    this.caller.hear?.(clean);
    this.spokeSinceInput = true;
    // About 15 characters a second in English, 4 in Chinese.
    const cjk = (clean.match(/[\u3400-\u9fff]/g) ?? []).length;
    this.rt.advance(Math.max(1, Math.round((clean.length - cjk) / 15 + cjk / 4)));
  }

  promptOf(p: Record<string, unknown>, run: FlowRun): string {
    if (p.Text !== undefined) return this.text(p.Text, run);
    if (p.SSML !== undefined) return this.text(p.SSML, run);
    if (p.PromptId !== undefined) return `[recorded prompt ${this.single(p.PromptId, run).split('/').pop()}]`;
    if (p.Media !== undefined) return `[audio ${str((p.Media as { Uri?: string }).Uri)}]`;
    return '';
  }

  async ask(req: Omit<InputRequest, 'prompt'>, prompt: string): Promise<CallerInput> {
    const input = await this.caller.next({ ...req, prompt });
    this.stepsSinceInput = 0;
    this.spokeSinceInput = false;
    this.events.push(
      `caller ${input.type === 'keys' ? `pressed ${input.value}` : input.type === 'speech' ? `said "${input.value}"` : input.type === 'hangup' ? `hung up${input.said ? ` while saying "${input.said}"` : ''}` : 'stayed silent'}`,
    );
    return input;
  }

  /** An event on the line the caller notices (the terminal phone shows it between the prompts). */
  notice(event: string): void {
    this.events.push(event);
    this.caller.notice?.(event);
  }

  /**
   * Marks that the call reached a fault target or a situation (`what`), and tells whether that target is
   * failing in this call (and how).
   */
  touch(what: string): FaultMode | undefined {
    this.caller.touched?.(what);
    return this.options.faults[what];
  }

  /** An outcome of the world around the call (verify explores each option); returns the option. */
  decide(d: Decision): string {
    const i = this.caller.decide?.(d) ?? d.fallback;
    const chosen = d.options[Math.max(0, Math.min(i, d.options.length - 1))]!;
    this.events.push(`${d.action}: ${d.what}: ${chosen}`);
    return chosen;
  }

  /** How many times this contact has reached an action (for seeded, repeatable choices). */
  visit(run: FlowRun, a: FlowAction): number {
    const key = `${run.flow.key}|${a.Identifier}`;
    const n = (this.visits.get(key) ?? 0) + 1;
    this.visits.set(key, n);
    return n;
  }

  /** Sets attributes all-or-nothing; false when the contact's attributes would pass 32 KB. */
  setAttributes(next: Record<string, string>): boolean {
    const merged = { ...this.state.attributes, ...next };
    if (Buffer.byteLength(JSON.stringify(merged)) > ATTRIBUTES_LIMIT) return false;
    this.state.attributes = merged;
    return true;
  }

  lambdaEvent(parameters: Record<string, string>) {
    this.touch('caller-id');
    const s = this.state;
    const q = s.targetQueue;
    return {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { ...s.attributes },
          Channel: this.options.channel,
          ContactId: this.contactId,
          CustomerEndpoint: this.customerAddress
            ? { Address: this.customerAddress, Type: 'TELEPHONE_NUMBER' }
            : null,
          CustomerId: null,
          Description: null,
          InitialContactId: this.contactId,
          InitiationMethod: 'INBOUND',
          InstanceARN: this.instanceArn,
          LanguageCode: s.languageCode,
          MediaStreams: { Customer: { Audio: null } },
          Name: null,
          PreviousContactId: this.contactId,
          Queue: q
            ? {
                ARN: q.arn,
                Name: q.name,
                OutboundCallerId: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
              }
            : null,
          References: {},
          SystemEndpoint: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
          Tags: { ...s.tags },
        },
        Parameters: parameters,
      },
    };
  }

  /**
   * staffing (issue 11): the queue's staffing as Connect would report it now; zero agents once the world
   * chose "nobody logged in" for this contact (a rostered agent who did not show up).
   */
  staffing(queue: QueueInfo): Staffing {
    const s = this.rt.staffing(queue);
    return this.state.nobodyLoggedIn ? { ...s, staffed: 0, available: 0, online: 0 } : s;
  }

  /**
   * Callers ahead of this contact in its queue: waiting callers have Connect's default priority and the
   * queue's oldest age; a lower priority number is served first, and among equal priorities the older
   * (age adjusted) contact first (UpdateContactRoutingBehavior; API UpdateContactRoutingData).
   */
  private callersAhead(s: Staffing): number {
    if (s.inQueue === 0) return 0;
    if (this.state.priority < DEFAULT_PRIORITY) return 0;
    if (this.state.priority > DEFAULT_PRIORITY) return s.inQueue;
    return this.state.ageAdjustSeconds > s.oldestSeconds ? 0 : s.inQueue;
  }

  /** Queued: the customer queue flow plays until an agent answers; then the disconnect hook may run. */
  private async queuePhase(moves = 0): Promise<Outcome> {
    const queue = this.state.targetQueue!;
    const plan: QueuePlan | undefined = await this.rt.enqueue?.(queue, this);
    const enqueued = this.rt.now().getTime();
    if (!this.enqueuedAt) {
      this.enqueuedAt = new Date(enqueued);
      this.queueArn = queue.arn;
    }
    const staffing = this.staffing(queue);
    const available = Math.min(
      staffing.staffed,
      staffing.available + staffing.inQueue - this.callersAhead(staffing),
    );
    const answerAt = plan
      ? (plan.answerAt ?? Number.POSITIVE_INFINITY)
      : available > 0
        ? enqueued + this.options.answerAfterSeconds * 1000
        : Number.POSITIVE_INFINITY;
    // The caller gives up at the model's moment, or after the longest call the engine allows.
    const giveUpAt = Math.min(
      plan?.giveUpAt ?? Number.POSITIVE_INFINITY,
      this.startedAt.getTime() + this.options.maxCallSeconds * 1000,
    );
    const id = queue.configId ?? queue.arn;
    const priority = this.state.priority;
    this.notice(
      `queued on ${queue.name} (${plan ? (Number.isFinite(answerAt) ? `an agent answers after ${Math.round((answerAt - enqueued) / 1000)} s` : 'no agent will answer') : `${available} agent${available === 1 ? '' : 's'} free for this caller`}${priority !== DEFAULT_PRIORITY ? `, priority ${priority}` : ''})`,
    );
    const hooks = this.state.hooks;
    const hook = hooks.CustomerQueue ? this.rt.flow(hooks.CustomerQueue) : undefined;
    if (hooks.CustomerQueue && !hook)
      this.warnings.push(`customer queue flow ${hooks.CustomerQueue} not found; caller hears hold music`);
    const deadline = Math.min(answerAt, giveUpAt);
    let exit: Exit = { kind: 'end' };
    if (hook) exit = await this.runFlow(hook, 'queue', Number.isFinite(deadline) ? deadline : undefined);
    const waited = () => Math.round((this.rt.now().getTime() - enqueued) / 1000);
    const unanswered = (endedBy: 'caller' | 'flow'): Outcome => ({
      type: 'queued',
      queue: id,
      answered: false,
      waitSeconds: waited(),
      priority,
      endedBy,
    });
    // Dequeued to another queue (DequeueContactAndTransferToQueue): wait there, with the same hooks.
    if (exit.kind === 'queued' && moves < 5) return this.queuePhase(moves + 1);
    if (exit.kind === 'disconnect' || exit.kind === 'hangup' || exit.kind === 'transferred') {
      if (this.state.callback || this.state.transferredTo) return this.finalOutcome(exit);
      return unanswered(exit.kind === 'hangup' ? 'caller' : 'flow');
    }
    if (exit.kind === 'interrupted' && giveUpAt < answerAt) {
      this.events.push(`caller hung up after waiting ${waited()} s`);
      return unanswered('caller');
    }
    if (exit.kind === 'end' || exit.kind === 'module-return') {
      // The queue flow ended: the caller hears music until an agent answers or they give up.
      const until = Math.min(answerAt, giveUpAt);
      if (until > this.rt.now().getTime()) this.rt.advance((until - this.rt.now().getTime()) / 1000);
      if (answerAt > giveUpAt) return unanswered('caller');
    }
    this.notice(`agent answered after ${waited()} s`);
    const wait = waited();
    this.answeredAt = this.rt.now();
    await this.rt.answered?.(this);
    this.rt.advance(plan?.talkSeconds ?? this.options.talkSeconds);
    this.agentLeftAt = this.rt.now();
    this.notice('agent hung up');
    const remaining = hooks.CustomerRemaining ? this.rt.flow(hooks.CustomerRemaining) : undefined;
    if (remaining) {
      this.stepsSinceInput = 0;
      await this.runFlow(remaining, 'hook');
    }
    return { type: 'queued', queue: id, answered: true, waitSeconds: wait, priority };
  }
}

export function evaluate(operator: string | undefined, operands: string[], value: string): boolean {
  const operand = operands[0] ?? '';
  const num = (s: string) => (s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);
  switch (operator) {
    case 'Equals':
      return value === operand;
    case 'TextStartsWith':
      return value.startsWith(operand);
    case 'TextEndsWith':
      return value.endsWith(operand);
    case 'TextContains':
      return value.includes(operand);
    case 'NumberGreaterThan':
    case 'NumberGreaterOrEqualTo':
    case 'NumberLessThan':
    case 'NumberLessOrEqualTo': {
      const a = num(value);
      const b = num(operand);
      if (a === undefined || b === undefined) return false;
      if (operator === 'NumberGreaterThan') return a > b;
      if (operator === 'NumberGreaterOrEqualTo') return a >= b;
      if (operator === 'NumberLessThan') return a < b;
      return a <= b;
    }
    default:
      throw new EngineError(`unsupported condition operator ${operator}`, 'unsupported');
  }
}
