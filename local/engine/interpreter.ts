import { randomUUID } from 'node:crypto';
import type { FlowAction } from '../../contact-flows/model.ts';
import { callbackRefusal, isDialable, keyedNumber } from '../../lambdas/domain/phone.ts';
import { interpolate, isSinglePath, resolvePath, walk } from './jsonpath.ts';
import {
  type Caller,
  type CallerInput,
  EngineError,
  type InputRequest,
  type LambdaCall,
  type LexResult,
  type LoadedFlow,
  type Outcome,
  type PathStep,
  type QueueInfo,
  type Staffing,
} from './types.ts';

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
  lex(
    aliasArn: string,
    text: string,
    sessionAttributes: Record<string, string>,
    intents: string[],
    contact: ContactSnapshot,
  ): Promise<LexResult | undefined>;
}

export interface EngineOptions {
  /** Simulated seconds until an agent answers a staffed queue. */
  answerAfterSeconds: number;
  /** Simulated length of an agent conversation. */
  talkSeconds: number;
  /** The caller hangs up after this long (simulated). */
  maxCallSeconds: number;
  /** Actions in a row without a chance for the caller to act before it counts as a loop with no way out. */
  maxStepsWithoutInput: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  answerAfterSeconds: 10,
  talkSeconds: 120,
  maxCallSeconds: 1800,
  maxStepsWithoutInput: 250,
};

export interface ContactSnapshot {
  contactId: string;
  customerAddress: string | undefined;
  attributes: Record<string, string>;
  languageCode: string;
}

type Exit =
  | { kind: 'disconnect' }
  | { kind: 'end' }
  | { kind: 'queued' }
  | { kind: 'transfer-flow'; target: LoadedFlow }
  | { kind: 'module-return' }
  | { kind: 'transferred' }
  | { kind: 'hangup' }
  | { kind: 'interrupted' };

type Result =
  | { kind: 'ok'; result?: string }
  | { kind: 'error'; type: string; detail?: string }
  | { kind: 'exit'; exit: Exit }
  | { kind: 'module'; target: LoadedFlow };

interface FlowRun {
  flow: LoadedFlow;
  actions: Map<string, FlowAction>;
  flowAttributes: Record<string, string>;
  loops: Map<string, number>;
  mode: 'main' | 'module' | 'queue' | 'hook';
}

const SUPPORTED = new Set([
  'MessageParticipant',
  'MessageParticipantIteratively',
  'GetParticipantInput',
  'InvokeLambdaFunction',
  'CheckHoursOfOperation',
  'CheckMetricData',
  'GetMetricData',
  'Compare',
  'Loop',
  'Wait',
  'UpdateContactAttributes',
  'UpdateFlowAttributes',
  'UpdateContactData',
  'UpdateContactTargetQueue',
  'TransferContactToQueue',
  'TransferToFlow',
  'InvokeFlowModule',
  'EndFlowModuleExecution',
  'EndFlowExecution',
  'UpdateContactEventHooks',
  'UpdateContactRecordingBehavior',
  'UpdateFlowLoggingBehavior',
  'UpdateContactTextToSpeechVoice',
  'ConnectParticipantWithLexBot',
  'UpdateContactCallbackNumber',
  'CreateCallbackContact',
  'TransferParticipantToThirdParty',
  'TagContact',
  'DisconnectParticipant',
]);

export const SUPPORTED_ACTIONS = [...SUPPORTED].sort();

const ATTRIBUTES_LIMIT = 32_768;

const str = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : String(v);

/** One contact, from the first action of the entry flow to the end of the call. */
export class Contact {
  readonly contactId = randomUUID();
  readonly prompts: string[] = [];
  readonly path: PathStep[] = [];
  readonly errors: string[] = [];
  readonly warnings: string[] = [];
  readonly lambdaCalls: LambdaCall[] = [];
  readonly events: string[] = [];
  outcome: Outcome | undefined;

  private attributes: Record<string, string> = {};
  private external: Record<string, unknown> = {};
  private storedInput: string | undefined;
  private targetQueue: QueueInfo | undefined;
  private languageCode: string;
  private voice = 'Joanna';
  private hooks: Record<string, string> = {};
  private callbackNumber: string | undefined;
  private metrics: Record<string, unknown> = {};
  private lexResult: LexResult | undefined;
  private tags: Record<string, string> = {};
  private contactData: Record<string, string> = {};
  private recording = { agent: false, customer: false, ivr: false };
  private stepsSinceInput = 0;
  private spokeSinceInput = false;
  private readonly startedAt: Date;
  private callback: { queue: string; to: string } | undefined;
  private transferredTo: string | undefined;

  constructor(
    private readonly rt: Runtime,
    private readonly caller: Caller,
    private readonly options: EngineOptions,
    readonly customerAddress: string | undefined,
    readonly systemAddress: string,
    readonly instanceArn: string,
    languageCode: string,
  ) {
    this.languageCode = languageCode;
    this.startedAt = rt.now();
  }

  get snapshot(): ContactSnapshot {
    return {
      contactId: this.contactId,
      customerAddress: this.customerAddress,
      attributes: { ...this.attributes },
      languageCode: this.languageCode,
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
        if (exit.kind === 'queued') {
          this.outcome = await this.queuePhase();
          break;
        }
        this.outcome = this.finalOutcome(exit);
        break;
      }
    } catch (err) {
      if (!(err instanceof EngineError)) throw err;
      this.errors.push(err.message);
      this.events.push(`call stopped: ${err.message}`);
      this.outcome = { type: 'disconnected', reason: `engine: ${err.kind}` };
    }
    return this.outcome;
  }

  private finalOutcome(exit: Exit): Outcome {
    if (this.transferredTo) return { type: 'transferred', to: this.transferredTo };
    if (this.callback) return { type: 'callback', queue: this.callback.queue, to: this.callback.to };
    if (exit.kind === 'hangup') return { type: 'disconnected', reason: 'caller hung up' };
    if (exit.kind === 'end' || exit.kind === 'module-return')
      return { type: 'disconnected', reason: 'flow ended without a disconnect' };
    return {
      type: 'disconnected',
      reason: this.spokeSinceInput ? 'disconnected after a message' : 'disconnected in silence',
    };
  }

  /** True when the last thing before the end was something the caller heard (not silence). */
  get endedWithMessage(): boolean {
    return this.spokeSinceInput;
  }

  // --- view for JSONPath -------------------------------------------------------------------------

  private view(run: FlowRun | undefined): Record<string, unknown> {
    const q = this.targetQueue;
    return {
      Attributes: this.attributes,
      External: this.external,
      FlowAttributes: run?.flowAttributes ?? {},
      StoredCustomerInput: this.storedInput,
      CustomerEndpoint: this.customerAddress
        ? { Address: this.customerAddress, Type: 'TELEPHONE_NUMBER' }
        : undefined,
      SystemEndpoint: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
      Channel: 'VOICE',
      Queue: q
        ? {
            Name: q.name,
            ARN: q.arn,
            OutboundCallerId: { Address: this.systemAddress, Type: 'TELEPHONE_NUMBER' },
          }
        : undefined,
      Metrics: this.metrics,
      Lex: this.lexResult,
      ContactId: this.contactId,
      InitialContactId: this.contactId,
      PreviousContactId: this.contactId,
      InstanceARN: this.instanceArn,
      InitiationMethod: 'INBOUND',
      LanguageCode: this.languageCode,
      TextToSpeechVoiceId: this.voice,
      AwsRegion: this.instanceArn.split(':')[3],
      Tags: this.tags,
      ...this.contactData,
    };
  }

  private text(value: unknown, run: FlowRun): string {
    return interpolate(
      str(value),
      (p) => walk(this.view(run), p),
      (p) => this.warnings.push(`${p} is not set (read as "")`),
    );
  }

  /** A parameter that must be static or a single reference. */
  private single(value: unknown, run: FlowRun): string {
    const s = str(value);
    return isSinglePath(s)
      ? resolvePath(
          s,
          (p) => walk(this.view(run), p),
          (p) => this.warnings.push(`${p} is not set (read as "")`),
        )
      : s;
  }

  // --- flow execution ------------------------------------------------------------------------------

  private async runFlow(flow: LoadedFlow, mode: FlowRun['mode'], deadline?: number): Promise<Exit> {
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
      const res = await this.execute(action, run, deadline);
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

  private say(text: string): void {
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

  private promptOf(p: Record<string, unknown>, run: FlowRun): string {
    if (p.Text !== undefined) return this.text(p.Text, run);
    if (p.SSML !== undefined) return this.text(p.SSML, run);
    if (p.PromptId !== undefined) return `[recorded prompt ${this.single(p.PromptId, run).split('/').pop()}]`;
    if (p.Media !== undefined) return `[audio ${str((p.Media as { Uri?: string }).Uri)}]`;
    return '';
  }

  private async ask(req: Omit<InputRequest, 'prompt'>, prompt: string): Promise<CallerInput> {
    const input = await this.caller.next({ ...req, prompt });
    this.stepsSinceInput = 0;
    this.spokeSinceInput = false;
    this.events.push(
      `caller ${input.type === 'keys' ? `pressed ${input.value}` : input.type === 'speech' ? `said "${input.value}"` : input.type === 'hangup' ? 'hung up' : 'stayed silent'}`,
    );
    return input;
  }

  private setAttributes(next: Record<string, string>): boolean {
    const merged = { ...this.attributes, ...next };
    if (Buffer.byteLength(JSON.stringify(merged)) > ATTRIBUTES_LIMIT) return false;
    this.attributes = merged;
    return true;
  }

  private async execute(a: FlowAction, run: FlowRun, deadline?: number): Promise<Result> {
    const p = a.Parameters ?? {};
    switch (a.Type) {
      case 'MessageParticipant': {
        this.say(this.promptOf(p, run));
        return { kind: 'ok' };
      }
      case 'MessageParticipantIteratively': {
        const messages = ((p.Messages as Record<string, unknown>[]) ?? []).map((m) => this.promptOf(m, run));
        const interval = Number(p.InterruptFrequencySeconds ?? 0);
        const until = deadline ?? Number.POSITIVE_INFINITY;
        const stop = interval > 0 ? this.rt.now().getTime() + interval * 1000 : Number.POSITIVE_INFINITY;
        const end = Math.min(
          until,
          stop,
          this.startedAt.getTime() + this.options.maxCallSeconds * 1000 + 1000,
        );
        let i = 0;
        // Messages repeat until the interval elapses, an agent answers, or the caller gives up.
        while (this.rt.now().getTime() < end && messages.length > 0 && i < 50) {
          this.say(messages[i % messages.length]!);
          i++;
        }
        if (this.rt.now().getTime() < end) this.rt.advance((end - this.rt.now().getTime()) / 1000);
        if (until <= stop && deadline !== undefined) return { kind: 'exit', exit: { kind: 'interrupted' } };
        if (stop === Number.POSITIVE_INFINITY) return { kind: 'exit', exit: { kind: 'hangup' } };
        return { kind: 'ok', result: 'MessagesInterrupted' };
      }
      case 'GetParticipantInput':
        return this.getInput(a, run);
      case 'ConnectParticipantWithLexBot':
        return this.lexTurn(a, run);
      case 'InvokeLambdaFunction':
        return this.invokeLambda(a, run);
      case 'CheckHoursOfOperation': {
        const id = p.HoursOfOperationId !== undefined ? this.single(p.HoursOfOperationId, run) : undefined;
        if (!id && !this.targetQueue)
          return { kind: 'error', type: 'NoMatchingError', detail: 'no hours given and no queue set' };
        const open = this.rt.hoursOpen(id, this.targetQueue);
        if (open === undefined)
          return { kind: 'error', type: 'NoMatchingError', detail: `unknown hours of operation ${id}` };
        return { kind: 'ok', result: open ? 'True' : 'False' };
      }
      case 'CheckMetricData': {
        const queue = p.QueueId !== undefined ? this.rt.queue(this.single(p.QueueId, run)) : this.targetQueue;
        if (!queue) return { kind: 'error', type: 'NoMatchingError', detail: 'no queue for the metric' };
        const s = this.rt.staffing(queue);
        const metric = str(p.MetricType);
        const values: Record<string, number> = {
          NumberOfAgentsAvailable: s.available,
          NumberOfAgentsStaffed: s.staffed,
          NumberOfAgentsOnline: s.online,
          OldestContactInQueueAgeSeconds: s.oldestSeconds,
          NumberOfContactsInQueue: s.inQueue,
        };
        if (!(metric in values))
          return { kind: 'error', type: 'NoMatchingError', detail: `unknown MetricType ${metric}` };
        return { kind: 'ok', result: String(values[metric]) };
      }
      case 'GetMetricData': {
        const queue = p.QueueId !== undefined ? this.rt.queue(this.single(p.QueueId, run)) : this.targetQueue;
        if (!queue) return { kind: 'error', type: 'NoMatchingError', detail: 'no queue for the metrics' };
        const s = this.rt.staffing(queue);
        this.metrics = {
          Queue: {
            Name: queue.name,
            ARN: queue.arn,
            Size: String(s.inQueue),
            OldestContactAge: String(s.oldestSeconds),
          },
          Agents: {
            Online: { Count: String(s.online) },
            Available: { Count: String(s.available) },
            Staffed: { Count: String(s.staffed) },
            AfterContactWork: { Count: '0' },
            Busy: { Count: String(Math.max(0, s.staffed - s.available)) },
            Missed: { Count: '0' },
            NonProductive: { Count: '0' },
          },
        };
        return { kind: 'ok' };
      }
      case 'Compare':
        return { kind: 'ok', result: this.single(p.ComparisonValue, run) };
      case 'Loop': {
        const count = Number(this.single(p.LoopCount, run));
        const done = run.loops.get(a.Identifier) ?? 0;
        if (Number.isFinite(count) && done < count) {
          run.loops.set(a.Identifier, done + 1);
          return { kind: 'ok', result: 'ContinueLooping' };
        }
        run.loops.delete(a.Identifier);
        return { kind: 'ok', result: 'DoneLooping' };
      }
      case 'Wait': {
        const seconds = Number(this.single(p.TimeLimitSeconds ?? p.TimeoutSeconds ?? '0', run)) || 0;
        this.rt.advance(Math.min(seconds, this.options.maxCallSeconds));
        return { kind: 'ok', result: 'WaitCompleted' };
      }
      case 'UpdateContactAttributes': {
        const attrs: Record<string, string> = {};
        for (const [k, v] of Object.entries((p.Attributes as Record<string, unknown>) ?? {}))
          attrs[this.text(k, run)] = this.text(v, run);
        if (!this.setAttributes(attrs))
          return { kind: 'error', type: 'NoMatchingError', detail: 'contact attributes over 32 KB' };
        return { kind: 'ok' };
      }
      case 'UpdateFlowAttributes': {
        for (const [k, v] of Object.entries((p.FlowAttributes as Record<string, { Value?: unknown }>) ?? {}))
          run.flowAttributes[k] = this.text(v?.Value, run);
        return { kind: 'ok' };
      }
      case 'UpdateContactData': {
        for (const [k, v] of Object.entries(p)) {
          if (k === 'TargetContact' || typeof v !== 'string') continue;
          if (k === 'LanguageCode') this.languageCode = this.single(v, run);
          else this.contactData[k] = this.text(v, run);
        }
        return { kind: 'ok' };
      }
      case 'UpdateContactTargetQueue': {
        const ref =
          p.QueueId !== undefined
            ? this.single(p.QueueId, run)
            : p.AgentId !== undefined
              ? `agent/${this.single(p.AgentId, run)}`
              : '';
        const queue = ref ? this.rt.queue(ref) : undefined;
        if (!queue) return { kind: 'error', type: 'NoMatchingError', detail: `no such queue "${ref}"` };
        this.targetQueue = queue;
        return { kind: 'ok' };
      }
      case 'TransferContactToQueue': {
        if (run.mode === 'queue')
          return {
            kind: 'error',
            type: 'NoMatchingError',
            detail: 'TransferContactToQueue is not allowed in a customer queue flow',
          };
        if (!this.targetQueue)
          return { kind: 'error', type: 'NoMatchingError', detail: 'no working queue set' };
        const s = this.rt.staffing(this.targetQueue);
        if (this.targetQueue.maxContacts !== undefined && s.inQueue >= this.targetQueue.maxContacts)
          return { kind: 'error', type: 'QueueAtCapacity', detail: `${this.targetQueue.name} is full` };
        return { kind: 'exit', exit: { kind: 'queued' } };
      }
      case 'TransferToFlow': {
        const ref = this.single(p.ContactFlowId, run);
        const target = this.rt.flow(ref);
        if (!target || target.isModule)
          return { kind: 'error', type: 'NoMatchingError', detail: `no flow "${ref}"` };
        return { kind: 'exit', exit: { kind: 'transfer-flow', target } };
      }
      case 'InvokeFlowModule': {
        const ref = this.single(p.FlowModuleId, run);
        const target = this.rt.flow(ref);
        if (!target) return { kind: 'error', type: 'NoMatchingError', detail: `no flow module "${ref}"` };
        return { kind: 'module', target };
      }
      case 'EndFlowModuleExecution':
        return { kind: 'exit', exit: run.mode === 'module' ? { kind: 'module-return' } : { kind: 'end' } };
      case 'EndFlowExecution':
        return { kind: 'exit', exit: { kind: 'end' } };
      case 'UpdateContactEventHooks': {
        for (const [k, v] of Object.entries((p.EventHooks as Record<string, unknown>) ?? {}))
          this.hooks[k] = this.single(v, run);
        return { kind: 'ok' };
      }
      case 'UpdateContactRecordingBehavior': {
        const rb = (p.RecordingBehavior ?? {}) as {
          RecordedParticipants?: string[];
          IVRRecordingBehavior?: string;
        };
        if (rb.RecordedParticipants) {
          this.recording.agent = rb.RecordedParticipants.includes('Agent');
          this.recording.customer = rb.RecordedParticipants.includes('Customer');
        }
        if (rb.IVRRecordingBehavior) this.recording.ivr = rb.IVRRecordingBehavior === 'Enabled';
        return { kind: 'ok' };
      }
      case 'UpdateFlowLoggingBehavior':
        return { kind: 'ok' };
      case 'UpdateContactTextToSpeechVoice':
        this.voice = this.single(p.TextToSpeechVoice ?? this.voice, run);
        return { kind: 'ok' };
      case 'UpdateContactCallbackNumber': {
        const raw = str(p.CallbackNumber);
        if (!isSinglePath(raw))
          return {
            kind: 'error',
            type: 'InvalidCallbackNumber',
            detail: 'CallbackNumber must be a JSONPath reference',
          };
        const n = this.single(raw, run);
        const refusal = callbackRefusal(n);
        if (refusal) return { kind: 'error', type: refusal, detail: `"${n}" cannot be called back` };
        this.callbackNumber = n;
        return { kind: 'ok' };
      }
      case 'CreateCallbackContact': {
        const queue = p.QueueId !== undefined ? this.rt.queue(this.single(p.QueueId, run)) : this.targetQueue;
        const to = this.callbackNumber ?? this.customerAddress;
        if (!queue || !to)
          return {
            kind: 'error',
            type: 'NoMatchingError',
            detail: !queue ? 'no queue for the callback' : 'no number to call back',
          };
        this.callback = { queue: queue.configId ?? queue.arn, to };
        this.events.push(`callback queued on ${queue.name} to ${to}`);
        return { kind: 'ok' };
      }
      case 'TransferParticipantToThirdParty': {
        const to = this.single(p.ThirdPartyPhoneNumber, run);
        if (!isDialable(to))
          return { kind: 'error', type: 'CallFailed', detail: `"${to}" is not a dialable E.164 number` };
        this.transferredTo = to;
        this.events.push(`transferred to ${to}`);
        if (str(p.ContinueFlowExecution).toLowerCase() === 'true') {
          this.rt.advance(this.options.talkSeconds);
          return { kind: 'ok' };
        }
        return { kind: 'exit', exit: { kind: 'transferred' } };
      }
      case 'TagContact': {
        for (const [k, v] of Object.entries((p.Tags as Record<string, unknown>) ?? {}))
          this.tags[k] = this.text(v, run);
        return { kind: 'ok' };
      }
      case 'DisconnectParticipant':
        return { kind: 'exit', exit: { kind: 'disconnect' } };
      default:
        throw new EngineError(
          `unsupported action type ${a.Type} at "${a.Identifier}" (flow ${run.flow.key})`,
          'unsupported',
        );
    }
  }

  private async getInput(a: FlowAction, run: FlowRun): Promise<Result> {
    const p = a.Parameters ?? {};
    const prompt = this.promptOf(p, run);
    this.say(prompt);
    const store = str(p.StoreInput).toLowerCase() === 'true';
    const limit = Number(p.InputTimeLimitSeconds ?? p.InputTimeoutSeconds ?? 5) || 5;
    const options = (a.Transitions?.Conditions ?? []).flatMap((c) => c.Condition?.Operands ?? []);
    const input = await this.ask(
      { kind: store ? 'digits' : 'dtmf', flow: run.flow.key, action: a.Identifier, options },
      prompt,
    );
    if (input.type === 'hangup') return { kind: 'exit', exit: { kind: 'hangup' } };
    const keys = input.type === 'keys' ? input.value : '';
    if (!keys) {
      this.rt.advance(limit);
      // Store-input quirk: silence takes the success branch with the value "Timeout".
      if (store) {
        this.storedInput = 'Timeout';
        return { kind: 'ok' };
      }
      return { kind: 'error', type: 'InputTimeLimitExceeded' };
    }
    this.rt.advance(Math.max(1, Math.ceil(keys.length / 2)));
    if (!store) return { kind: 'ok', result: keys[0]! };
    const terminator = str(
      (p.DTMFConfiguration as { InputTerminationSequence?: string } | undefined)?.InputTerminationSequence,
    );
    let value =
      terminator && keys.endsWith(terminator) ? keys.slice(0, -terminator.length) : keys.replace(/#$/, '');
    const validation = (p.InputValidation ?? {}) as {
      PhoneNumberValidation?: { NumberFormat?: string; CountryCode?: string };
      CustomValidation?: { MaximumLength?: string };
    };
    if (validation.PhoneNumberValidation) {
      const e164 = toE164(
        value,
        validation.PhoneNumberValidation.NumberFormat ?? 'Local',
        validation.PhoneNumberValidation.CountryCode ?? 'US',
      );
      if (!e164)
        return { kind: 'error', type: 'InvalidPhoneNumber', detail: `"${value}" is not a phone number` };
      value = e164;
    }
    const max = Number(validation.CustomValidation?.MaximumLength ?? 0);
    if (max > 0) value = value.slice(0, max);
    this.storedInput = value;
    return { kind: 'ok' };
  }

  private async lexTurn(a: FlowAction, run: FlowRun): Promise<Result> {
    const p = a.Parameters ?? {};
    const prompt = this.promptOf(p, run);
    this.say(prompt);
    const alias =
      str((p.LexV2Bot as { AliasArn?: string } | undefined)?.AliasArn) ||
      str((p.LexBot as { Name?: string } | undefined)?.Name);
    const session: Record<string, string> = {};
    for (const [k, v] of Object.entries((p.LexSessionAttributes as Record<string, unknown>) ?? {}))
      session[k] = this.text(v, run);
    const intents = (a.Transitions?.Conditions ?? []).flatMap((c) => c.Condition?.Operands ?? []);
    const input = await this.ask(
      { kind: 'speech', flow: run.flow.key, action: a.Identifier, options: intents },
      prompt,
    );
    if (input.type === 'hangup') return { kind: 'exit', exit: { kind: 'hangup' } };
    if (input.type === 'silence') {
      this.rt.advance(8);
      return { kind: 'error', type: 'InputTimeLimitExceeded' };
    }
    this.rt.advance(3);
    let result: LexResult | undefined;
    try {
      result = await this.rt.lex(alias, input.value, session, intents, this.snapshot);
    } catch (err) {
      return { kind: 'error', type: 'NoMatchingError', detail: `Lex: ${(err as Error).message}` };
    }
    if (!result) return { kind: 'error', type: 'NoMatchingError', detail: `no Lex bot ${alias}` };
    this.lexResult = result;
    return { kind: 'ok', result: result.IntentName };
  }

  private async invokeLambda(a: FlowAction, run: FlowRun): Promise<Result> {
    const p = a.Parameters ?? {};
    const arn = this.single(p.LambdaFunctionARN, run);
    let limit = Number(p.InvocationTimeLimitSeconds ?? 8);
    if (!Number.isInteger(limit) || limit < 1 || limit > 8) {
      this.warnings.push(
        `"${a.Identifier}": InvocationTimeLimitSeconds must be a whole number from 1 to 8; using 8`,
      );
      limit = 8;
    }
    const parameters: Record<string, string> = {};
    for (const [k, v] of Object.entries((p.LambdaInvocationAttributes as Record<string, unknown>) ?? {}))
      parameters[k] = this.text(v, run);
    const event = this.lambdaEvent(parameters);
    const started = Date.now();
    const call: LambdaCall = { arn, function: arn.split(':').pop() ?? arn, parameters, ok: false, ms: 0 };
    this.lambdaCalls.push(call);
    const asynchronous = str(p.InvocationType).toUpperCase() === 'ASYNCHRONOUS';
    try {
      const response = await this.rt.invoke(arn, event, limit);
      call.ms = Date.now() - started;
      this.rt.advance(Math.max(0.05, call.ms / 1000));
      if (asynchronous) {
        call.ok = true;
        return { kind: 'ok' };
      }
      const json =
        str((p.ResponseValidation as { ResponseType?: string } | undefined)?.ResponseType).toUpperCase() ===
        'JSON';
      const problem = validateResponse(response, json);
      if (problem) {
        call.error = problem;
        this.errors.push(`${call.function}: ${problem}`);
        return { kind: 'error', type: 'NoMatchingError', detail: problem };
      }
      call.ok = true;
      call.response = response;
      this.external = (response ?? {}) as Record<string, unknown>;
      return { kind: 'ok' };
    } catch (err) {
      call.ms = Date.now() - started;
      call.error = (err as Error).message;
      this.errors.push(`${call.function}: ${call.error}`);
      return { kind: 'error', type: 'NoMatchingError', detail: call.error };
    }
  }

  private lambdaEvent(parameters: Record<string, string>) {
    const q = this.targetQueue;
    return {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { ...this.attributes },
          Channel: 'VOICE',
          ContactId: this.contactId,
          CustomerEndpoint: this.customerAddress
            ? { Address: this.customerAddress, Type: 'TELEPHONE_NUMBER' }
            : null,
          CustomerId: null,
          Description: null,
          InitialContactId: this.contactId,
          InitiationMethod: 'INBOUND',
          InstanceARN: this.instanceArn,
          LanguageCode: this.languageCode,
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
          Tags: { ...this.tags },
        },
        Parameters: parameters,
      },
    };
  }

  /** Queued: the customer queue flow plays until an agent answers; then the disconnect hook may run. */
  private async queuePhase(): Promise<Outcome> {
    const queue = this.targetQueue!;
    const enqueued = this.rt.now().getTime();
    const staffing = this.rt.staffing(queue);
    const answerAt =
      staffing.available > 0 ? enqueued + this.options.answerAfterSeconds * 1000 : Number.POSITIVE_INFINITY;
    const id = queue.configId ?? queue.arn;
    this.events.push(
      `queued on ${queue.name} (${staffing.available} agent${staffing.available === 1 ? '' : 's'} available)`,
    );
    const hook = this.hooks.CustomerQueue ? this.rt.flow(this.hooks.CustomerQueue) : undefined;
    if (this.hooks.CustomerQueue && !hook)
      this.warnings.push(
        `customer queue flow ${this.hooks.CustomerQueue} not found; caller hears hold music`,
      );
    let exit: Exit = { kind: 'end' };
    if (hook) exit = await this.runFlow(hook, 'queue', answerAt);
    const waited = () => Math.round((this.rt.now().getTime() - enqueued) / 1000);
    if (exit.kind === 'disconnect' || exit.kind === 'hangup' || exit.kind === 'transferred') {
      if (this.callback || this.transferredTo) return this.finalOutcome(exit);
      return {
        type: 'queued',
        queue: id,
        answered: false,
        waitSeconds: waited(),
        reason: exit.kind === 'hangup' ? 'caller hung up while waiting' : 'disconnected while waiting',
      };
    }
    if (exit.kind === 'end' || exit.kind === 'module-return') {
      // The queue flow ended: the caller hears music until an agent answers or they give up.
      const limit = this.startedAt.getTime() + this.options.maxCallSeconds * 1000;
      const until = Math.min(answerAt, limit);
      if (until > this.rt.now().getTime()) this.rt.advance((until - this.rt.now().getTime()) / 1000);
      if (answerAt > limit)
        return {
          type: 'queued',
          queue: id,
          answered: false,
          waitSeconds: waited(),
          reason: 'caller hung up while waiting',
        };
    }
    this.events.push(`agent answered after ${waited()} s`);
    const wait = waited();
    this.rt.advance(this.options.talkSeconds);
    this.events.push('agent hung up');
    const remaining = this.hooks.CustomerRemaining ? this.rt.flow(this.hooks.CustomerRemaining) : undefined;
    if (remaining) {
      this.stepsSinceInput = 0;
      await this.runFlow(remaining, 'hook');
    }
    return { type: 'queued', queue: id, answered: true, waitSeconds: wait };
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

/** STRING_MAP: a flat object of strings under 32 KB. JSON: any JSON object under 32 KB. */
export function validateResponse(response: unknown, json: boolean): string | undefined {
  if (response === null || typeof response !== 'object' || Array.isArray(response))
    return 'response is not an object';
  if (Buffer.byteLength(JSON.stringify(response)) > 32_768) return 'response is over 32 KB';
  if (!json) {
    const bad = Object.entries(response).find(([, v]) => typeof v !== 'string');
    if (bad)
      return `response is not a STRING_MAP: "${bad[0]}" is ${bad[1] === null ? 'null' : typeof bad[1]}`;
  }
  return undefined;
}

/** A keyed-in number as E.164, per GetParticipantInput's PhoneNumberValidation (rules in phone.ts). */
export const toE164 = keyedNumber;
