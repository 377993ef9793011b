import type { FlowDocument } from '../../contact-flows/model.ts';

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

export type CallerInput =
  | { type: 'keys'; value: string }
  | { type: 'speech'; value: string }
  | { type: 'silence' }
  | { type: 'hangup' };

export interface InputRequest {
  /** dtmf: one key for a menu; digits: stored input; speech: a Lex turn. */
  kind: 'dtmf' | 'digits' | 'speech';
  flow: string;
  action: string;
  prompt: string;
  /** The keys or intents the flow branches on (for the explorer and the terminal phone's hints). */
  options: string[];
}

export interface Caller {
  next(request: InputRequest): Promise<CallerInput>;
  /** The terminal phone prints prompts as they are spoken. */
  hear?(text: string): void;
}

export interface LexResult {
  IntentName: string;
  SessionAttributes: Record<string, string>;
  Slots: Record<string, string>;
  DialogState: string;
}

export interface LambdaCall {
  arn: string;
  function: string;
  parameters: Record<string, string>;
  ok: boolean;
  response?: unknown;
  error?: string;
  ms: number;
}

export interface Outcome {
  type: 'queued' | 'transferred' | 'callback' | 'disconnected';
  /** The config's queue id (or the queue ARN for a queue Switchboard does not define). */
  queue?: string;
  to?: string;
  answered?: boolean;
  waitSeconds?: number;
  reason?: string;
}

export interface PathStep {
  flow: string;
  id: string;
  type: string;
  branch?: string;
}

/** How the engine should treat a function: normally, throwing, or exceeding Connect's time limit. */
export type FaultMode = 'error' | 'timeout';

export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind:
      | 'unsupported'
      | 'missing-branch'
      | 'undefined-target'
      | 'loop'
      | 'invalid-flow'
      | 'silence',
  ) {
    super(message);
    this.name = 'EngineError';
  }
}
