import type { FlowAction, FlowDocument } from '../../contact-flows/model.ts';

/** A flow the engine can run: generated, designer-exported, or from the conformance corpus. */
export interface LoadedFlow {
  key: string;
  arn: string;
  type: string;
  doc: FlowDocument;
  isModule: boolean;
}

export interface QueueInfo {
  arn: string;
  name: string;
  /** The config's queue id, for queues Switchboard defines. */
  configId?: string;
  maxContacts?: number;
}

export interface Staffing {
  staffed: number;
  available: number;
  online: number;
  inQueue: number;
  oldestSeconds: number;
}

/**
 * What a shared queue model (the month simulation) decides for a caller when they enter a queue:
 * instants in ms since the epoch on the simulated clock. Absent fields fall back to the engine's options.
 */
export interface QueuePlan {
  /** When an agent answers; undefined: no agent will. */
  answerAt?: number;
  /** When the caller gives up waiting (hangs up), if not answered before. */
  giveUpAt?: number;
  /** How long the agent talks with the caller, in seconds. */
  talkSeconds?: number;
}

export type CallerInput =
  | { type: 'keys'; value: string }
  | { type: 'speech'; value: string }
  | { type: 'silence' }
  /** `said`: words the caller was speaking when they hung up (a message cut short). */
  | { type: 'hangup'; said?: string };

export interface InputRequest {
  /** dtmf: one key for a menu; digits: stored input; speech: a Lex turn. */
  kind: 'dtmf' | 'digits' | 'speech';
  flow: string;
  action: string;
  prompt: string;
  /** The keys or intents the flow branches on (for the explorer and the terminal phone's hints). */
  options: string[];
}

/**
 * A choice the engine makes for the world around the call rather than for the caller: which percentage
 * branch a contact falls in, whether a customer profile is found, whether another team's Lambda
 * succeeds. `options` name the outcomes; `fallback` is the index used when nobody decides.
 */
export interface Decision {
  flow: string;
  action: string;
  what: string;
  options: string[];
  fallback: number;
}

export interface Caller {
  next(request: InputRequest): Promise<CallerInput>;
  /** Chooses an outcome of the world (verify explores each); without it the engine uses `fallback`. */
  decide?(decision: Decision): number;
  /** The terminal phone prints prompts as they are spoken. */
  hear?(text: string): void;
  /** What happens on the line besides prompts (queued, an agent answers, the agent hangs up), in order. */
  notice?(event: string): void;
  /**
   * The call reached something a fault or a situation can change (a fault target's name: `route`, `sns`,
   * `queue-full`, ...; or `caller-id`, `queue-load`). Verify starts its fault explorations from here.
   */
  touched?(what: string): void;
}

export interface LexResult {
  IntentName: string;
  SessionAttributes: Record<string, string>;
  Slots: Record<string, string>;
  DialogState: string;
}

export interface LambdaCall {
  arn: string;
  /** The function name (the ARN's last part). */
  function: string;
  /** How it was called: Switchboard's own handler, a `--lambda` stand-in, or the stated default. */
  via: 'handler' | 'stand-in' | 'default';
  asynchronous: boolean;
  parameters: Record<string, string>;
  ok: boolean;
  response?: unknown;
  error?: string;
  ms: number;
}

/**
 * How a call ended, as data (the CLI, verify and the console read fields, never prose).
 * - `queued`: transferred to a queue; `answered` tells whether an agent picked up, `waitSeconds` how long
 *   the caller waited (simulated), `priority` the routing priority (1 is served first; Connect's default
 *   is 5), `endedBy` who ended an unanswered wait.
 * - `transferred`: to an outside number (Transfer to phone number).
 * - `callback`: a callback contact was created on `queue` to `number`.
 * - `disconnected`: by the flow (`afterMessage`: the caller heard something after their last action;
 *   false means the call ended in silence), or by the caller (a hang-up).
 * - `ended`: the flow ended (End flow / Resume) without a disconnect, queue or transfer.
 * - `error`: the engine stopped the call (`kind`) with `message`: a loop with no way out, a missing
 *   branch, an unsupported action.
 * - `refused`: Connect would not publish the flow; `problems` say why, and the call did not run.
 */
export type Outcome =
  | {
      type: 'queued';
      /** The config's queue id (or the queue ARN for a queue Switchboard does not define). */
      queue: string;
      answered: boolean;
      waitSeconds: number;
      priority: number;
      endedBy?: 'caller' | 'flow';
    }
  | { type: 'transferred'; to: string }
  | { type: 'callback'; queue: string; number: string }
  | { type: 'disconnected'; by: 'flow'; afterMessage: boolean }
  | { type: 'disconnected'; by: 'caller' }
  | { type: 'ended'; flow: string; action: string }
  | { type: 'error'; kind: EngineErrorKind; message: string }
  | {
      type: 'refused';
      problems: Array<{ file: string; action?: string; actionType?: string; rule: string }>;
    };

/** A one-line, human reading of an outcome (for the terminal; JSON consumers read the fields). */
export function describeOutcome(o: Outcome): string {
  switch (o.type) {
    case 'queued':
      return `queued (queue ${o.queue}, ${o.answered ? `answered after ${o.waitSeconds} s` : `not answered${o.endedBy === 'caller' ? ', caller hung up' : o.endedBy === 'flow' ? ', disconnected while waiting' : ''}`}${o.priority !== DEFAULT_PRIORITY ? `, priority ${o.priority}` : ''})`;
    case 'transferred':
      return `transferred to ${o.to}`;
    case 'callback':
      return `callback (queue ${o.queue}) to ${o.number}`;
    case 'disconnected':
      return o.by === 'caller'
        ? 'disconnected (caller hung up)'
        : `disconnected (${o.afterMessage ? 'after a message' : 'in silence'})`;
    case 'ended':
      return `ended without a disconnect (at ${o.flow}/${o.action})`;
    case 'error':
      return `stopped by the engine (${o.kind}): ${o.message}`;
    case 'refused':
      return `refused: Connect would not publish the flow (${o.problems.length} problem${o.problems.length === 1 ? '' : 's'})`;
  }
}

/** Connect's default routing priority for a new contact (UI change-routing-priority.html). */
export const DEFAULT_PRIORITY = 5;

export interface PathStep {
  flow: string;
  id: string;
  type: string;
  branch?: string;
  /** The value the action branched on (a Check contact attributes value, a key, an intent). */
  result?: string;
}

/** How a fault target fails (local/engine/faults.ts). */
export type { FaultMode } from './faults.ts';

export type EngineErrorKind =
  | 'unsupported'
  | 'missing-branch'
  | 'undefined-target'
  | 'loop'
  | 'invalid-flow'
  | 'silence';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: EngineErrorKind,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** How a flow run ended (inside the engine). */
export type Exit =
  | { kind: 'disconnect' }
  | { kind: 'end' }
  | { kind: 'queued' }
  | { kind: 'transfer-flow'; target: LoadedFlow }
  | { kind: 'module-return' }
  | { kind: 'transferred' }
  | { kind: 'hangup' }
  | { kind: 'interrupted' };

/** What one action did: a result to branch on, a documented error, the end of the flow, or a module call. */
export type Result =
  | { kind: 'ok'; result?: string }
  | { kind: 'error'; type: string; detail?: string }
  | { kind: 'exit'; exit: Exit }
  | { kind: 'module'; target: LoadedFlow };

/** One run of one flow: its actions, flow attributes and loop counters. */
export interface FlowRun {
  flow: LoadedFlow;
  actions: Map<string, FlowAction>;
  flowAttributes: Record<string, string>;
  loops: Map<string, number>;
  mode: 'main' | 'module' | 'queue' | 'hook';
}
