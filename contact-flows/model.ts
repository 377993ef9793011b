/** A tiny typed model of Amazon Connect Flow Language documents (Version 2019-10-30). */

export interface FlowCondition {
  NextAction: string;
  Condition: { Operator: string; Operands: string[] };
}

export interface FlowError {
  NextAction: string;
  ErrorType: string;
}

export interface FlowTransitions {
  NextAction?: string;
  Errors?: FlowError[];
  Conditions?: FlowCondition[];
}

export interface FlowAction {
  Identifier: string;
  Type: string;
  Parameters: Record<string, unknown>;
  Transitions: FlowTransitions;
}

export interface FlowDocument {
  Version: '2019-10-30';
  StartAction: string;
  Metadata?: Record<string, unknown>;
  Actions: FlowAction[];
  Settings?: Record<string, unknown>;
}

export type FlowType =
  | 'CONTACT_FLOW'
  | 'CUSTOMER_QUEUE'
  | 'CUSTOMER_HOLD'
  | 'CUSTOMER_WHISPER'
  | 'AGENT_WHISPER'
  | 'AGENT_HOLD'
  | 'OUTBOUND_WHISPER'
  | 'AGENT_TRANSFER'
  | 'QUEUE_TRANSFER';

/** A flow as deployed: its name, type and content. */
export interface FlowDefinition {
  /** Stable key (`inbound`, `customer-queue`, ...) used in refs and file names. */
  key: string;
  name: string;
  description: string;
  type: FlowType;
  content: FlowDocument;
}

export const MAX_ACTIONS = 250;
/** The flows give every Lambda call 3 s (Connect allows at most 8). */
export const LAMBDA_TIMEOUT_SECONDS = '3';
export const MAX_CONTENT_CHARS = 256_000;
const FORBIDDEN_ID_CHARS = /[%:()\\/=$,;[\]{}]/;

/** Actions whose Transitions must be empty: the flow (or the participant) ends there. */
export const TERMINAL_TYPES = new Set([
  'DisconnectParticipant',
  'EndFlowExecution',
  'EndFlowModuleExecution',
  'TransferContactToAgent',
]);

/**
 * Builds a flow action by action. Identifiers are readable names chosen by the builder (not random), so the
 * same config always yields byte-identical JSON.
 */
export class FlowBuilder {
  private readonly actions = new Map<string, FlowAction>();

  constructor(private readonly start: string) {}

  add(
    id: string,
    type: string,
    parameters: Record<string, unknown>,
    transitions: FlowTransitions = {},
  ): string {
    if (id.length > 50 || FORBIDDEN_ID_CHARS.test(id)) throw new Error(`invalid action identifier "${id}"`);
    if (this.actions.has(id)) throw new Error(`duplicate action identifier "${id}"`);
    const t: FlowTransitions = {};
    if (transitions.NextAction !== undefined) t.NextAction = transitions.NextAction;
    if (transitions.Errors?.length) t.Errors = transitions.Errors;
    if (transitions.Conditions?.length) t.Conditions = transitions.Conditions;
    this.actions.set(id, { Identifier: id, Type: type, Parameters: parameters, Transitions: t });
    return id;
  }

  has(id: string): boolean {
    return this.actions.has(id);
  }

  /** Speaks a text, then goes on (also when the prompt fails: the caller must not be stuck). */
  say(id: string, text: string, next: string): string {
    return this.add(id, 'MessageParticipant', { Text: text }, { NextAction: next, Errors: onError(next) });
  }

  /** Branches on a value; anything else (and an unset value) goes to `otherwise`. */
  compare(id: string, value: string, cases: FlowCondition[], otherwise: string): string {
    return this.add(
      id,
      'Compare',
      { ComparisonValue: value },
      { NextAction: otherwise, Conditions: cases, Errors: onError(otherwise, 'NoMatchingCondition') },
    );
  }

  /**
   * A synchronous Lambda call within Connect's limit (at most 8 s), returning Connect's flat string map.
   * `timeLimitSeconds` comes from the function's contract (contracts.ts).
   */
  invokeLambda(
    id: string,
    arn: string,
    attributes: Record<string, string>,
    next: string,
    onFail: string,
    timeLimitSeconds: number = Number(LAMBDA_TIMEOUT_SECONDS),
  ): string {
    return this.add(
      id,
      'InvokeLambdaFunction',
      {
        LambdaFunctionARN: arn,
        InvocationTimeLimitSeconds: String(timeLimitSeconds),
        InvocationType: 'SYNCHRONOUS',
        ResponseValidation: { ResponseType: 'STRING_MAP' },
        LambdaInvocationAttributes: attributes,
      },
      { NextAction: next, Errors: onError(onFail) },
    );
  }

  /** Counts visits: `again` the first `count` times, then `done` (and the counter resets). */
  loop(id: string, count: string, again: string, done: string): string {
    return this.add(
      id,
      'Loop',
      { LoopCount: count },
      { NextAction: done, Conditions: [equals('ContinueLooping', again), equals('DoneLooping', done)] },
    );
  }

  hangup(id = 'hangup'): string {
    return this.add(id, 'DisconnectParticipant', {}, {});
  }

  build(): FlowDocument {
    const doc: FlowDocument = {
      Version: '2019-10-30',
      StartAction: this.start,
      Actions: [...this.actions.values()],
    };
    const problems = lintFlow(doc);
    if (problems.length) throw new Error(`generated flow is invalid:\n  ${problems.join('\n  ')}`);
    return doc;
  }
}

export const onError = (next: string, ...types: string[]): FlowError[] =>
  (types.length ? types : ['NoMatchingError']).map((ErrorType) => ({ NextAction: next, ErrorType }));

export const equals = (operand: string, next: string): FlowCondition => ({
  NextAction: next,
  Condition: { Operator: 'Equals', Operands: [operand] },
});

/** Structural checks: version, limits, unique ids, every target defined, terminal actions empty. */
export function lintFlow(doc: FlowDocument): string[] {
  const problems: string[] = [];
  if (doc.Version !== '2019-10-30')
    problems.push(`Version must be "2019-10-30", not ${JSON.stringify(doc.Version)}`);
  if (!Array.isArray(doc.Actions)) return [...problems, 'Actions must be a list'];
  if (doc.Actions.length > MAX_ACTIONS)
    problems.push(`${doc.Actions.length} actions; Connect allows ${MAX_ACTIONS}`);
  const size = JSON.stringify(doc).length;
  if (size > MAX_CONTENT_CHARS) problems.push(`${size} characters; Connect allows ${MAX_CONTENT_CHARS}`);
  const ids = new Set<string>();
  for (const a of doc.Actions) {
    if (ids.has(a.Identifier)) problems.push(`duplicate identifier "${a.Identifier}"`);
    // "up to 50 characters long"; current docs forbid % : ( \\ / ) = $ , ; [ ] { } (flow-language-actions).
    if (typeof a.Identifier !== 'string' || a.Identifier.length === 0 || a.Identifier.length > 50)
      problems.push(`identifier "${a.Identifier}" must be 1 to 50 characters`);
    else if (FORBIDDEN_ID_CHARS.test(a.Identifier))
      problems.push(
        `identifier "${a.Identifier}" contains a character Connect forbids (% : ( \\ / ) = $ , ; [ ] { })`,
      );
    ids.add(a.Identifier);
  }
  if (!ids.has(doc.StartAction)) problems.push(`StartAction "${doc.StartAction}" is not an action`);
  for (const a of doc.Actions) {
    const t = a.Transitions ?? {};
    const targets = [
      t.NextAction,
      ...(t.Errors ?? []).map((e) => e.NextAction),
      ...(t.Conditions ?? []).map((c) => c.NextAction),
    ];
    for (const target of targets)
      if (target !== undefined && !ids.has(target))
        problems.push(`"${a.Identifier}" goes to "${target}", which is not an action`);
    if (TERMINAL_TYPES.has(a.Type) && Object.keys(t).length > 0)
      problems.push(`"${a.Identifier}" (${a.Type}) must have empty Transitions`);
  }
  return problems;
}
