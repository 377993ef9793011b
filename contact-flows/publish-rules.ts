/**
 * What Amazon Connect checks when a flow is published, as one table: which action is allowed in which
 * flow type, which parameters each action needs and their ranges, which transitions it may carry, and
 * that every reference resolves to something of the right kind. `verify`, `call`, `flows` and the CDK
 * stack all run `checkPublishable`, so an offline OK means Connect will publish the flow.
 *
 * Sources (short names used in the comments below):
 * - FL: Flow Language action pages, docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions-*.html
 *   (and the 2023 admin-guide copies, `awsdocs/amazon-connect-admin-guide@0165805`), summarised in
 *   ../shared/reference/connect-flow-language.md sections 4 and 5 (the flow-type matrix).
 * - UI: the admin guide's block page for the same action (adminguide/<block>.html).
 * - CORPUS: 74 real flows that Connect published (../shared/reference/flows). Where a doc is stricter
 *   than what Connect demonstrably published, the corpus wins: a false refusal is as bad as a miss.
 *
 * Imports nothing but the flow model, so infra/ and local/ can both use it.
 */
import { type FlowAction, type FlowDocument, type FlowType, lintFlow } from './model.ts';

/** A flow type, or a flow module (`AWS::Connect::ContactFlowModule`, which has no type). */
export type FlowKind = FlowType | 'MODULE';

export const FLOW_KINDS: readonly FlowKind[] = [
  'CONTACT_FLOW',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
  'CUSTOMER_QUEUE',
  'CUSTOMER_WHISPER',
  'AGENT_WHISPER',
  'OUTBOUND_WHISPER',
  'CUSTOMER_HOLD',
  'AGENT_HOLD',
  'MODULE',
];

/** `Metadata.type` in a designer export (camelCase) → the ContactFlow `Type`. */
export const TYPE_BY_METADATA: Record<string, FlowType> = {
  contactFlow: 'CONTACT_FLOW',
  customerQueue: 'CUSTOMER_QUEUE',
  customerHold: 'CUSTOMER_HOLD',
  customerWhisper: 'CUSTOMER_WHISPER',
  agentWhisper: 'AGENT_WHISPER',
  agentHold: 'AGENT_HOLD',
  outboundWhisper: 'OUTBOUND_WHISPER',
  agentTransfer: 'AGENT_TRANSFER',
  queueTransfer: 'QUEUE_TRANSFER',
};

const KIND_NAMES: Record<FlowKind, string> = {
  CONTACT_FLOW: 'an inbound flow',
  AGENT_TRANSFER: 'a transfer-to-agent flow',
  QUEUE_TRANSFER: 'a transfer-to-queue flow',
  CUSTOMER_QUEUE: 'a customer queue flow',
  CUSTOMER_WHISPER: 'a customer whisper flow',
  AGENT_WHISPER: 'an agent whisper flow',
  OUTBOUND_WHISPER: 'an outbound whisper flow',
  CUSTOMER_HOLD: 'a customer hold flow',
  AGENT_HOLD: 'an agent hold flow',
  MODULE: 'a flow module',
};

export const kindName = (k: FlowKind): string => KIND_NAMES[k];

/**
 * The flow's kind: `declared` (the generated flow's role, or `call --type`) wins; then a module's
 * `Settings`; then the export's `Metadata.type`; an export without any is an inbound flow (the
 * designer's default type).
 */
export function flowKindOf(doc: FlowDocument, declared?: FlowKind): FlowKind {
  if (declared) return declared;
  if (doc.Settings !== undefined) return 'MODULE';
  const meta = (doc.Metadata as { type?: unknown } | undefined)?.type;
  if (typeof meta === 'string') {
    if (meta in TYPE_BY_METADATA) return TYPE_BY_METADATA[meta]!;
    if ((FLOW_KINDS as readonly string[]).includes(meta)) return meta as FlowKind;
  }
  return 'CONTACT_FLOW';
}

/** Parses `--type` (CONTACT_FLOW, contactFlow, customer-queue, MODULE...). */
export function parseFlowKind(value: string): FlowKind | undefined {
  if (value in TYPE_BY_METADATA) return TYPE_BY_METADATA[value];
  const upper = value.toUpperCase().replace(/-/g, '_');
  return (FLOW_KINDS as readonly string[]).includes(upper) ? (upper as FlowKind) : undefined;
}

// --- the flow-type matrix (reference section 5) --------------------------------------------------

const INBOUND: FlowKind[] = ['CONTACT_FLOW'];
const TRANSFER: FlowKind[] = ['AGENT_TRANSFER', 'QUEUE_TRANSFER'];
const QUEUE: FlowKind[] = ['CUSTOMER_QUEUE'];
const WHISPER: FlowKind[] = ['CUSTOMER_WHISPER', 'AGENT_WHISPER', 'OUTBOUND_WHISPER'];
const HOLD: FlowKind[] = ['CUSTOMER_HOLD', 'AGENT_HOLD'];
/** Modules run inside inbound flows (InvokeFlowModule "only supports Inbound flow types"). */
const MODULE: FlowKind[] = ['MODULE'];
const ALL: FlowKind[] = [...INBOUND, ...TRANSFER, ...QUEUE, ...WHISPER, ...HOLD, ...MODULE];
const IN_TR_Q: FlowKind[] = [...INBOUND, ...TRANSFER, ...QUEUE, ...MODULE];

/** A problem Connect would refuse to publish, in plain words. */
export interface PublishProblem {
  file: string;
  /** The action's Identifier (absent for a problem with the whole flow). */
  action?: string;
  actionType?: string;
  rule: string;
}

interface Check {
  param(name: string): unknown;
  problem(rule: string): void;
  kind: FlowKind;
  action: FlowAction;
  resolve?: Resolver | undefined;
}

interface ActionRule {
  /** The Connect page the rule follows. */
  doc: string;
  /** Flow kinds the action may appear in. */
  allowed: FlowKind[];
  /** Error types the action may branch on (NoMatchingError is accepted on every action; see below). */
  errors?: string[];
  /** Conditions: none allowed, or a check of each condition. */
  conditions?: 'none' | ((c: { Operator: string; Operands: string[] }, a: FlowAction) => string | undefined);
  /** Parameter checks. */
  params?: (c: Check) => void;
  /** Ends the flow: Transitions must be empty (lintFlow checks that). */
  terminal?: boolean;
}

// --- parameter helpers -------------------------------------------------------------------------

const SINGLE_PATH = /^\$(?:\.[A-Za-z0-9_-]+|\.?\['[^']+'\])+$/;
const HAS_PATH = /\$(?:\.[A-Za-z0-9_-]+|\.?\['[^']+'\])/;
/** A value that is not known before the flow runs: a JSONPath, a CDK token, a `%Token%` placeholder. */
const isDeferred = (v: string) => HAS_PATH.test(v) || v.includes('${Token[') || /%[A-Za-z][^%\s]*%/.test(v);
const str = (v: unknown): string | undefined =>
  v === undefined || v === null ? undefined : typeof v === 'string' ? v : String(v);

/** A static whole number within [min, max]; `dynamic` allows a single JSONPath instead. */
function integer(
  c: Check,
  name: string,
  o: { min?: number; max?: number; required?: boolean; dynamic?: boolean; why?: string },
): number | undefined {
  const raw = str(c.param(name));
  if (raw === undefined || raw === '') {
    if (o.required) c.problem(`${name} is required`);
    return undefined;
  }
  if (SINGLE_PATH.test(raw.trim())) {
    if (!o.dynamic) c.problem(`${name} must be set statically, not from ${raw}`);
    return undefined;
  }
  if (isDeferred(raw)) return undefined;
  const n = Number(raw);
  const range =
    o.min !== undefined && o.max !== undefined
      ? `from ${o.min} to ${o.max}`
      : o.min !== undefined
        ? `of at least ${o.min}`
        : `of at most ${o.max}`;
  if (!Number.isInteger(n) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
    c.problem(`${name} must be a whole number ${range}${o.why ? ` ${o.why}` : ''}, not "${raw}"`);
    return undefined;
  }
  return n;
}

function oneOf(c: Check, name: string, values: string[], required = false): void {
  const raw = str(c.param(name));
  if (raw === undefined) {
    if (required) c.problem(`${name} is required`);
    return;
  }
  if (!isDeferred(raw) && !values.some((v) => v.toLowerCase() === raw.toLowerCase()))
    c.problem(`${name} must be one of ${values.join(', ')}, not "${raw}"`);
}

function required(c: Check, ...names: string[]): void {
  for (const n of names) if (str(c.param(n)) === undefined) c.problem(`${n} is required`);
}

function singlePath(c: Check, name: string): void {
  const raw = str(c.param(name));
  if (raw === undefined) c.problem(`${name} is required`);
  else if (!SINGLE_PATH.test(raw.trim()) && !isDeferred(raw))
    c.problem(`${name} must be a single JSONPath reference such as $.StoredCustomerInput, not "${raw}"`);
}

const PROMPT_SOURCES = ['Text', 'SSML', 'PromptId', 'Media'];

/** Exactly one of Text, SSML, PromptId or Media (FL MessageParticipant). */
function prompt(c: Check, params: Record<string, unknown>, where: string, optional = false): void {
  const given = PROMPT_SOURCES.filter((k) => params[k] !== undefined);
  if (given.length === 0 && !optional)
    c.problem(`${where} needs a prompt: one of Text, SSML, PromptId or Media`);
  if (given.length > 1) c.problem(`${where} has ${given.join(' and ')}; give exactly one prompt source`);
}

/** The kind of resource a static reference names, from its ARN; undefined for ids, paths and tokens. */
export function resourceKind(ref: string): string | undefined {
  if (isDeferred(ref)) return undefined;
  const lambda = /^arn:aws[-a-z]*:lambda:/.test(ref);
  if (lambda) return 'lambda';
  if (/^arn:aws[-a-z]*:lex:/.test(ref)) return 'lex';
  if (/^arn:aws[-a-z]*:wisdom:/.test(ref)) return 'wisdom';
  const m = /^arn:aws[-a-z]*:connect:[^:]*:[^:]*:instance\/[^/]+\/([a-z-]+)\//.exec(ref);
  return m?.[1];
}

const KIND_WORDS: Record<string, string> = {
  queue: 'a queue',
  'contact-flow': 'a flow',
  'flow-module': 'a flow module',
  'operating-hours': 'hours of operation',
  prompt: 'a prompt',
  agent: 'an agent',
  lambda: 'a Lambda function',
  lex: 'a Lex bot alias',
  wisdom: 'an Amazon Q in Connect assistant',
  view: 'a view',
};

/** A static reference must name the right kind of resource (and exist, when `resolve` can tell). */
function reference(c: Check, name: string, kinds: string[], resolve?: Resolver): void {
  const raw = str(c.param(name));
  if (raw === undefined) return;
  const kind = resourceKind(raw);
  if (kind !== undefined && !kinds.includes(kind)) {
    c.problem(
      `${name} must name ${KIND_WORDS[kinds[0]!] ?? kinds[0]}, but "${raw}" is ${KIND_WORDS[kind] ?? kind}`,
    );
    return;
  }
  if (resolve && !isDeferred(raw) && resolve(kinds[0]!, raw) === false)
    c.problem(`${name} "${raw}" does not resolve to ${KIND_WORDS[kinds[0]!] ?? kinds[0]} in this instance`);
}

/** Whether a static reference exists: true, false, or undefined when it cannot be known here. */
export type Resolver = (kind: string, ref: string) => boolean | undefined;

const equalsOnly =
  (allowed?: string[]) =>
  (cond: { Operator: string; Operands: string[] }): string | undefined => {
    if (cond.Operator !== 'Equals') return `only Equals conditions are allowed, not ${cond.Operator}`;
    if (allowed && !allowed.includes(cond.Operands[0] ?? ''))
      return `the only conditions allowed are Equals ${allowed.join(' / ')}, not "${cond.Operands[0]}"`;
    return undefined;
  };

const OPERATORS = [
  'Equals',
  'TextStartsWith',
  'TextEndsWith',
  'TextContains',
  'NumberGreaterThan',
  'NumberGreaterOrEqualTo',
  'NumberLessThan',
  'NumberLessOrEqualTo',
];

/** Hook names UpdateContactEventHooks accepts (FL UpdateContactEventHooks, current docs). */
export const EVENT_HOOKS = [
  'AgentHold',
  'AgentWhisper',
  'CustomerHold',
  'CustomerQueue',
  'CustomerRemaining',
  'CustomerWhisper',
  'DefaultAgentUI',
  'DisconnectAgentUI',
  'PauseContact',
  'ResumeContact',
];

export const METRIC_TYPES = [
  'NumberOfAgentsAvailable',
  'NumberOfAgentsStaffed',
  'NumberOfAgentsOnline',
  'OldestContactInQueueAgeSeconds',
  'NumberOfContactsInQueue',
];

/** Lambda time limits per invocation type (UI invoke-lambda-function-block: "up to 8 seconds for synchronous, up to 60 seconds for asynchronous"). */
export const LAMBDA_LIMIT_SECONDS = { SYNCHRONOUS: 8, ASYNCHRONOUS: 60 } as const;

const PROFILE_ERRORS = ['NoMatchingError', 'MultipleFoundError', 'NoneFoundError'];

/**
 * The rule table, one entry per action type. `allowed` is the flow-type matrix of the reference
 * (section 5); `errors` the error branches each action documents.
 */
export const ACTION_RULES: Record<string, ActionRule> = {
  MessageParticipant: {
    doc: 'FL participant-actions-messageparticipant; UI play.html',
    allowed: [...INBOUND, ...TRANSFER, ...QUEUE, ...WHISPER, ...MODULE],
    conditions: 'none',
    params: (c) => prompt(c, c.action.Parameters ?? {}, 'Play prompt'),
  },
  GetParticipantInput: {
    doc: 'FL participant-actions-getparticipantinput; UI get-customer-input.html, store-customer-input.html',
    allowed: IN_TR_Q,
    errors: ['NoMatchingCondition', 'InputTimeLimitExceeded', 'InvalidPhoneNumber'],
    conditions: (cond, a) => {
      if (str(a.Parameters?.StoreInput)?.toLowerCase() === 'true')
        return 'stored input (StoreInput True) takes no conditions';
      if (cond.Operator !== 'Equals') return `a menu branches with Equals only, not ${cond.Operator}`;
      if (!/^[0-9*#]$/.test(cond.Operands[0] ?? ''))
        return `a menu branch is one key (0-9, * or #), not "${cond.Operands[0]}"`;
      return undefined;
    },
    params: (c) => {
      const p = c.action.Parameters ?? {};
      prompt(c, p, 'Get customer input');
      // The UI caps the timeout at 179 s, but a published corpus flow (voice-channel--survey-message-flow)
      // uses 300: only "a whole number above 0, set statically" is enforced.
      integer(c, 'InputTimeLimitSeconds', { min: 1 });
      oneOf(c, 'StoreInput', ['True', 'False']);
      const validation = p.InputValidation as
        | {
            CustomValidation?: { MaximumLength?: unknown };
            PhoneNumberValidation?: { NumberFormat?: unknown };
          }
        | undefined;
      if (validation?.CustomValidation && validation.PhoneNumberValidation)
        c.problem('InputValidation takes either CustomValidation or PhoneNumberValidation, not both');
      const max = str(validation?.CustomValidation?.MaximumLength);
      // Store customer input accepts at most 20 digits (UI store-customer-input.html).
      if (
        max !== undefined &&
        !isDeferred(max) &&
        !(Number.isInteger(Number(max)) && +max >= 1 && +max <= 20)
      )
        c.problem(`CustomValidation.MaximumLength must be a whole number from 1 to 20, not "${max}"`);
      const format = str(validation?.PhoneNumberValidation?.NumberFormat);
      if (format !== undefined && !['Local', 'E164'].includes(format))
        c.problem(`PhoneNumberValidation.NumberFormat must be Local or E164, not "${format}"`);
      if (p.InputEncryption !== undefined && !validation?.CustomValidation)
        c.problem('InputEncryption needs CustomValidation');
      const dtmf = p.DTMFConfiguration as { InputTerminationSequence?: unknown } | undefined;
      const term = str(dtmf?.InputTerminationSequence);
      if (term !== undefined && !/^[0-9*#]{1,5}$/.test(term))
        c.problem(
          `DTMFConfiguration.InputTerminationSequence must be 1 to 5 keys (0-9, *, #), not "${term}"`,
        );
    },
  },
  ConnectParticipantWithLexBot: {
    doc: 'FL participant-actions-connectparticipantwithlexbot; UI get-customer-input.html (Amazon Lex tab)',
    allowed: IN_TR_Q,
    errors: ['NoMatchingCondition', 'InputTimeLimitExceeded'],
    conditions: equalsOnly(),
    params: (c) => {
      const p = c.action.Parameters ?? {};
      prompt(c, p, 'Get customer input (Lex)', true);
      const v2 = str((p.LexV2Bot as { AliasArn?: unknown } | undefined)?.AliasArn);
      const v1 = str((p.LexBot as { Name?: unknown } | undefined)?.Name);
      if (!v2 && !v1) c.problem('needs a Lex bot: LexV2Bot.AliasArn (or the classic LexBot.Name)');
      if (v2 && resourceKind(v2) && resourceKind(v2) !== 'lex')
        c.problem(`LexV2Bot.AliasArn must name a Lex bot alias, not "${v2}"`);
    },
  },
  MessageParticipantIteratively: {
    doc: 'FL participant-actions-messageparticipantiteratively; UI loop-prompts.html',
    allowed: [...QUEUE, ...HOLD],
    conditions: equalsOnly(['MessagesInterrupted']),
    params: (c) => {
      const messages = c.param('Messages');
      if (!Array.isArray(messages) || messages.length === 0)
        c.problem('Messages must list at least one prompt');
      else
        for (const [i, m] of messages.entries())
          prompt(c, (m ?? {}) as Record<string, unknown>, `Messages[${i}]`);
      integer(c, 'InterruptFrequencySeconds', { min: 1 });
    },
  },
  DisconnectParticipant: {
    doc: 'FL participant-actions-disconnectparticipant',
    allowed: ALL,
    terminal: true,
  },
  TransferParticipantToThirdParty: {
    doc: 'FL participant-actions-transferparticipanttothirdparty; UI transfer-to-phone-number.html',
    allowed: IN_TR_Q,
    errors: ['ConnectionTimeLimitExceeded', 'CallFailed'],
    conditions: 'none',
    params: (c) => {
      required(c, 'ThirdPartyPhoneNumber');
      integer(c, 'ThirdPartyConnectionTimeLimitSeconds', { min: 0, max: 600 });
      oneOf(c, 'ContinueFlowExecution', ['True', 'False']);
    },
  },
  UpdateContactAttributes: {
    doc: 'FL contact-actions-updatecontactattributes; UI set-contact-attributes.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => {
      const attrs = c.param('Attributes');
      if (!attrs || typeof attrs !== 'object' || Object.keys(attrs).length === 0)
        c.problem('Attributes must set at least one attribute');
      oneOf(c, 'TargetContact', ['Current', 'Related']);
    },
  },
  UpdateContactTargetQueue: {
    doc: 'FL contact-actions-updatecontacttargetqueue; UI set-working-queue.html',
    allowed: [...INBOUND, ...TRANSFER, ...MODULE],
    conditions: 'none',
    params: (c) => queueOrAgent(c),
  },
  TransferContactToQueue: {
    doc: 'FL contact-actions-transfercontacttoqueue; UI transfer-to-queue.html',
    allowed: [...INBOUND, ...TRANSFER, ...MODULE],
    errors: ['QueueAtCapacity'],
    conditions: 'none',
  },
  DequeueContactAndTransferToQueue: {
    doc: 'FL contact-actions-dequeuecontactandtransfertoqueue',
    allowed: QUEUE,
    errors: ['QueueAtCapacity'],
    conditions: 'none',
    params: (c) => queueOrAgent(c),
  },
  TransferContactToAgent: {
    doc: 'FL contact-actions-transfercontacttoagent',
    allowed: TRANSFER,
    terminal: true,
  },
  UpdateContactEventHooks: {
    doc: 'FL contact-actions-updatecontacteventhooks; UI set-*-flow.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => {
      const hooks = (c.param('EventHooks') ?? {}) as Record<string, unknown>;
      const keys = Object.keys(hooks);
      if (keys.length !== 1) c.problem(`EventHooks must hold exactly one hook, not ${keys.length}`);
      for (const k of keys) {
        if (!EVENT_HOOKS.includes(k)) c.problem(`"${k}" is not an event hook (${EVENT_HOOKS.join(', ')})`);
        const v = str(hooks[k]);
        const kind = v ? resourceKind(v) : undefined;
        if (kind && kind !== 'contact-flow')
          c.problem(`the ${k} hook must name a flow, but "${v}" is ${KIND_WORDS[kind] ?? kind}`);
      }
    },
  },
  UpdateContactCallbackNumber: {
    doc: 'FL contact-actions-updatecontactcallbacknumber; UI set-callback-number.html',
    allowed: IN_TR_Q,
    errors: ['InvalidCallbackNumber', 'CallbackNumberNotDialable'],
    conditions: 'none',
    // "Must be a single, valid JSONPath reference, and cannot be set statically."
    params: (c) => singlePath(c, 'CallbackNumber'),
  },
  UpdateContactRecordingBehavior: {
    doc: 'FL contact-actions-updatecontactrecordingbehavior; UI set-recording-behavior.html',
    allowed: [...INBOUND, ...TRANSFER, ...QUEUE, 'OUTBOUND_WHISPER', ...MODULE],
    conditions: 'none',
  },
  UpdateContactTextToSpeechVoice: {
    doc: 'FL contact-actions-updatecontacttexttospeechvoice; UI set-voice.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => oneOf(c, 'TextToSpeechStyle', ['None', 'Conversational', 'Newscaster']),
  },
  // Not in the section 5 matrix; CORPUS uses it in agent and outbound whisper flows too.
  UpdateContactData: { doc: 'FL contact-actions-updatecontactdata', allowed: ALL, conditions: 'none' },
  UpdateContactRoutingBehavior: {
    // FL: "supported only in inbound contact flows"; the UI page (change-routing-priority.html) also
    // lists queue and transfer flows. The Flow Language page is followed: it is what publish checks.
    doc: 'FL contact-actions-updatecontactroutingbehavior; UI change-routing-priority.html',
    allowed: [...INBOUND, ...MODULE],
    errors: [],
    conditions: 'none',
    params: (c) => {
      const priority = c.param('QueuePriority') !== undefined;
      const age = c.param('QueueTimeAdjustmentSeconds') !== undefined;
      if (priority && age) c.problem('set QueuePriority or QueueTimeAdjustmentSeconds, not both');
      if (!priority && !age) c.problem('needs QueuePriority or QueueTimeAdjustmentSeconds');
      integer(c, 'QueuePriority', { min: 1 });
      integer(c, 'QueueTimeAdjustmentSeconds', {});
    },
  },
  UpdateContactRoutingCriteria: { doc: 'FL contact-actions-updatecontactroutingcriteria', allowed: ALL },
  UpdateContactMediaStreamingBehavior: {
    doc: 'FL contact-actions-updatecontactmediastreamingbehavior',
    allowed: ALL,
  },
  TagContact: {
    doc: 'FL contact-actions-tagcontact; UI contact-tags-block.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => {
      const tags = c.param('Tags');
      if (!tags || typeof tags !== 'object' || Object.keys(tags).length === 0)
        c.problem('Tags must set at least one tag');
    },
  },
  UnTagContact: { doc: 'FL contact-actions-untagcontact', allowed: ALL, conditions: 'none' },
  Compare: {
    doc: 'FL flow-control-actions-compare; UI check-contact-attributes.html',
    allowed: ALL,
    errors: ['NoMatchingCondition'],
    conditions: (cond) =>
      OPERATORS.includes(cond.Operator) ? undefined : `"${cond.Operator}" is not a condition operator`,
    params: (c) => required(c, 'ComparisonValue'),
  },
  CheckHoursOfOperation: {
    doc: 'FL flow-control-actions-checkhoursofoperation; UI check-hours-of-operation.html',
    allowed: IN_TR_Q,
    conditions: equalsOnly(['True', 'False']),
    params: (c) => {
      const ops = (c.action.Transitions?.Conditions ?? []).map((x) => x.Condition?.Operands?.[0]);
      if (!ops.includes('True') || !ops.includes('False'))
        c.problem('needs one condition Equals True and one Equals False');
    },
  },
  CheckMetricData: {
    doc: 'FL flow-control-actions-checkmetricdata; UI check-staffing.html, check-queue-status.html',
    allowed: IN_TR_Q,
    // CORPUS: all five real uses carry NoMatchingCondition with NumberOfAgents* metrics.
    errors: ['NoMatchingCondition'],
    conditions: (cond, a) => {
      const metric = str(a.Parameters?.MetricType) ?? '';
      if (metric.startsWith('NumberOfAgents'))
        return cond.Operator === 'NumberGreaterThan' && cond.Operands[0] === '0'
          ? undefined
          : `with ${metric} the only condition allowed is NumberGreaterThan 0`;
      return cond.Operator === 'Equals' || cond.Operator.startsWith('Number')
        ? undefined
        : `"${cond.Operator}" is not allowed on a queue metric`;
    },
    params: (c) => {
      oneOf(c, 'MetricType', METRIC_TYPES, true);
      queueOrAgent(c, true);
    },
  },
  GetMetricData: {
    doc: 'FL flow-control-actions-getmetricdata; UI get-queue-metrics.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => queueOrAgent(c, true),
  },
  Loop: {
    doc: 'FL flow-control-actions-loop; UI loop.html',
    allowed: ALL,
    errors: [],
    conditions: equalsOnly(['ContinueLooping', 'DoneLooping']),
    params: (c) => {
      integer(c, 'LoopCount', { min: 0, max: 100, required: true, dynamic: true });
      const ops = (c.action.Transitions?.Conditions ?? []).map((x) => x.Condition?.Operands?.[0]);
      if (!ops.includes('ContinueLooping') || !ops.includes('DoneLooping'))
        c.problem('needs one condition Equals ContinueLooping and one Equals DoneLooping');
    },
  },
  DistributeByPercentage: {
    doc: 'FL flow-control-actions-distributebypercentage; UI distribute-by-percentage.html',
    allowed: IN_TR_Q,
    errors: ['NoMatchingCondition'],
    // The result is a random number from 1 to 100; each branch is a cumulative NumberLessThan threshold.
    conditions: (cond) => {
      const n = Number(cond.Operands[0]);
      if (cond.Operator !== 'NumberLessThan')
        return `percentages branch with NumberLessThan, not ${cond.Operator}`;
      return Number.isInteger(n) && n >= 2 && n <= 101
        ? undefined
        : `a percentage threshold must be a whole number from 2 to 101, not "${cond.Operands[0]}"`;
    },
  },
  TransferToFlow: {
    doc: 'FL flow-control-actions-transfertoflow; UI transfer-to-flow.html',
    allowed: [...INBOUND, ...TRANSFER, ...MODULE],
    conditions: 'none',
    params: (c) => {
      required(c, 'ContactFlowId');
      reference(c, 'ContactFlowId', ['contact-flow'], c.resolve);
    },
  },
  InvokeFlowModule: {
    doc: 'FL flow-control-actions-invokeflowmodule; UI invoke-module-block.html ("Inbound flow" only)',
    allowed: INBOUND,
    conditions: 'none',
    params: (c) => {
      required(c, 'FlowModuleId');
      reference(c, 'FlowModuleId', ['flow-module'], c.resolve);
    },
  },
  EndFlowExecution: {
    doc: 'FL flow-control-actions-endflowexecution ("only in whisper flows and customer queue flows"; UI adds hold flows)',
    allowed: [...QUEUE, ...WHISPER, ...HOLD],
    terminal: true,
  },
  EndFlowModuleExecution: {
    doc: 'FL flow-control-actions-endflowmoduleexecution; UI return-module.html ("only available in flow modules")',
    allowed: MODULE,
    terminal: true,
  },
  UpdateFlowLoggingBehavior: {
    doc: 'FL flow-control-actions-updateflowloggingbehavior; UI set-logging-behavior.html',
    allowed: ALL,
    errors: [],
    conditions: 'none',
    params: (c) => oneOf(c, 'FlowLoggingBehavior', ['Enabled', 'Disabled'], true),
  },
  UpdateFlowAttributes: {
    doc: 'FL flow-control-actions-updateflowattributes',
    allowed: ALL,
    conditions: 'none',
  },
  Wait: {
    doc: 'FL flow-control-actions-wait; UI wait.html',
    // [INFERRED] the docs give channels (chat only) rather than flow types; CORPUS uses it in inbound flows.
    allowed: IN_TR_Q,
    conditions: equalsOnly(),
    params: (c) => {
      // CORPUS spells it TimeLimitSeconds; the 2023 page TimeoutSeconds. Both are accepted.
      const name = c.param('TimeLimitSeconds') !== undefined ? 'TimeLimitSeconds' : 'TimeoutSeconds';
      integer(c, name, { min: 1, max: 604_800, dynamic: true });
    },
  },
  InvokeLambdaFunction: {
    doc: 'FL interactions-invokelambdafunction; UI invoke-lambda-function-block.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => {
      required(c, 'LambdaFunctionARN');
      reference(c, 'LambdaFunctionARN', ['lambda'], c.resolve);
      oneOf(c, 'InvocationType', ['SYNCHRONOUS', 'ASYNCHRONOUS']);
      const type =
        str(c.param('InvocationType'))?.toUpperCase() === 'ASYNCHRONOUS' ? 'ASYNCHRONOUS' : 'SYNCHRONOUS';
      const max = LAMBDA_LIMIT_SECONDS[type];
      integer(c, 'InvocationTimeLimitSeconds', { min: 1, max, why: `for a ${type.toLowerCase()} call` });
      const rv = (c.param('ResponseValidation') as { ResponseType?: unknown } | undefined)?.ResponseType;
      if (rv !== undefined && !['STRING_MAP', 'JSON'].includes(String(rv)))
        c.problem(`ResponseValidation.ResponseType must be STRING_MAP or JSON, not "${String(rv)}"`);
    },
  },
  CreateCallbackContact: {
    doc: 'FL interactions-createcallbackcontact; UI transfer-to-queue.html (callback)',
    allowed: IN_TR_Q,
    conditions: 'none',
    params: (c) => {
      integer(c, 'InitialCallDelaySeconds', { min: 1, max: 259_200 });
      integer(c, 'RetryDelaySeconds', { min: 1, max: 259_200 });
      integer(c, 'MaximumConnectionAttempts', { min: 1 });
      queueOrAgent(c, true);
    },
  },
  // Customer Profiles, Amazon Q in Connect (Wisdom) and views: the block pages list no flow-type limit.
  GetCustomerProfile: { doc: 'UI customer-profiles-block.html', allowed: ALL, errors: PROFILE_ERRORS },
  CreateCustomerProfile: { doc: 'UI customer-profiles-block.html', allowed: ALL, errors: PROFILE_ERRORS },
  UpdateCustomerProfile: { doc: 'UI customer-profiles-block.html', allowed: ALL, errors: PROFILE_ERRORS },
  AssociateContactToCustomerProfile: {
    doc: 'UI customer-profiles-block.html',
    allowed: ALL,
    errors: PROFILE_ERRORS,
  },
  GetCalculatedAttributesForCustomerProfile: {
    doc: 'UI customer-profiles-block.html',
    allowed: ALL,
    errors: PROFILE_ERRORS,
  },
  CreateWisdomSession: {
    doc: 'UI amazon-q-connect-block.html',
    allowed: ALL,
    conditions: 'none',
    params: (c) => {
      required(c, 'WisdomAssistantArn');
      reference(c, 'WisdomAssistantArn', ['wisdom']);
    },
  },
  ShowView: {
    doc: 'UI show-view-block.html',
    allowed: ALL,
    errors: ['NoMatchingCondition', 'TimeLimitExceeded'],
    conditions: equalsOnly(),
    params: (c) => required(c, 'ViewResource'),
  },
  CreateTask: { doc: 'UI create-task-block.html', allowed: ALL },
  CompleteOutboundCall: { doc: 'FL contact-actions-completeoutboundcall', allowed: ALL },
  CheckOutboundCallStatus: { doc: 'UI check-call-progress.html', allowed: ALL },
  CheckVoiceId: { doc: 'UI check-voice-id.html', allowed: IN_TR_Q },
  StartVoiceIdStream: { doc: 'UI set-voice-id.html', allowed: IN_TR_Q },
  UpdatePreviousContactParticipantState: {
    doc: 'FL contact-actions-updatepreviouscontactparticipantstate',
    allowed: ALL,
  },
};

function queueOrAgent(c: Check, optional = false): void {
  const q = c.param('QueueId');
  const agent = c.param('AgentId');
  if (q !== undefined && agent !== undefined) c.problem('set QueueId or AgentId, not both');
  if (q === undefined && agent === undefined && !optional) c.problem('needs QueueId or AgentId');
  reference(c, 'QueueId', ['queue'], c.resolve);
}

/**
 * "NoMatchingError" is accepted on every non-terminal action: the docs list no errors for some actions
 * (UpdateFlowAttributes, UpdateContactRecordingBehavior) whose real exports carry it (CORPUS).
 */
const ALWAYS_ALLOWED_ERRORS = ['NoMatchingError'];

/** Identifier strings Connect rejects (FL flow-language-actions, current page). */
const RESERVED_IDS = new Set([
  '__proto__',
  'constructor',
  '__defineGetter__',
  '__defineSetter__',
  'toString',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
]);

export interface PublishOptions {
  /** Names the flow in every problem (a file path, or the generated flow's key). */
  file: string;
  /** The declared kind (generated role, `--type`); otherwise read from the document. */
  kind?: FlowKind;
  /** Tells whether a static flow, module or queue reference exists (omit when it cannot be known). */
  resolve?: Resolver;
}

/**
 * Every reason Connect would refuse to publish `doc`, in document order; [] when it would publish.
 * Problems name the file, the action identifier and the rule.
 */
export function checkPublishable(doc: FlowDocument, opts: PublishOptions): PublishProblem[] {
  const kind = flowKindOf(doc, opts.kind);
  const problems: PublishProblem[] = lintFlow(doc).map((rule) => ({ file: opts.file, rule }));
  if (!Array.isArray(doc.Actions)) return problems;
  if (kind === 'MODULE' && doc.Settings === undefined)
    problems.push({
      file: opts.file,
      rule: 'a flow module needs Settings (its inputs, outputs and branches)',
    });
  for (const a of doc.Actions) {
    const add = (rule: string) =>
      problems.push({ file: opts.file, action: a.Identifier, actionType: a.Type, rule });
    if (RESERVED_IDS.has(a.Identifier))
      add(`"${a.Identifier}" is a reserved word and cannot be an identifier`);
    const rule = ACTION_RULES[a.Type];
    if (!rule) {
      add(`${a.Type} is not an action type of the Flow Language`);
      continue;
    }
    if (!rule.allowed.includes(kind))
      add(
        `${blockName(a.Type)} (${a.Type}) is not allowed in ${kindName(kind)} (only in ${describeKinds(rule.allowed)})`,
      );
    const t = a.Transitions ?? {};
    if (!rule.terminal) {
      const allowedErrors = [...(rule.errors ?? []), ...ALWAYS_ALLOWED_ERRORS];
      for (const e of t.Errors ?? [])
        if (!allowedErrors.includes(e.ErrorType))
          add(`${a.Type} has no "${e.ErrorType}" error branch (it has ${allowedErrors.join(', ')})`);
      const conditions = t.Conditions ?? [];
      if (rule.conditions === 'none' && conditions.length > 0) add(`${a.Type} takes no conditions`);
      else if (typeof rule.conditions === 'function')
        for (const cond of conditions) {
          const problem = cond.Condition
            ? rule.conditions(cond.Condition, a)
            : 'a condition needs an Operator and Operands';
          if (problem) add(problem);
        }
    }
    rule.params?.({
      action: a,
      kind,
      param: (name) => a.Parameters?.[name],
      problem: add,
      resolve: opts.resolve,
    });
  }
  return problems;
}

/** The designer's names for the blocks people meet in refusals. */
const BLOCK_NAMES: Record<string, string> = {
  MessageParticipant: 'Play prompt',
  MessageParticipantIteratively: 'Loop prompts',
  GetParticipantInput: 'Get customer input',
  ConnectParticipantWithLexBot: 'Get customer input (Lex)',
  TransferContactToQueue: 'Transfer to queue',
  UpdateContactTargetQueue: 'Set working queue',
  TransferToFlow: 'Transfer to flow',
  InvokeFlowModule: 'Invoke module',
  EndFlowExecution: 'End flow / Resume',
  EndFlowModuleExecution: 'Return (from module)',
  UpdateContactRoutingBehavior: 'Change routing priority / age',
  DequeueContactAndTransferToQueue: 'Transfer to queue (from a queue flow)',
  DistributeByPercentage: 'Distribute by percentage',
  CheckHoursOfOperation: 'Check hours of operation',
  UpdateContactCallbackNumber: 'Set callback number',
  CreateCallbackContact: 'Transfer to queue (callback)',
  TransferParticipantToThirdParty: 'Transfer to phone number',
  Wait: 'Wait',
};

export const blockName = (type: string): string => BLOCK_NAMES[type] ?? type;

function describeKinds(kinds: FlowKind[]): string {
  return kinds
    .map((k) => (k === 'MODULE' ? 'flow modules' : `${KIND_NAMES[k].replace(/^an? /, '')}s`))
    .join(', ');
}

export function formatProblem(p: PublishProblem): string {
  return `${p.file}: ${p.action !== undefined ? `action "${p.action}"${p.actionType ? ` (${p.actionType})` : ''}: ` : ''}${p.rule}`;
}

/** Thrown where an unpublishable flow must stop the work (synth, `call`, `verify`). */
export class UnpublishableFlowError extends Error {
  constructor(readonly problems: PublishProblem[]) {
    super(`Amazon Connect would refuse to publish this flow:\n  ${problems.map(formatProblem).join('\n  ')}`);
    this.name = 'UnpublishableFlowError';
  }
}

/** Throws UnpublishableFlowError listing every problem; returns quietly when Connect would publish. */
export function assertPublishable(doc: FlowDocument, opts: PublishOptions): void {
  const problems = checkPublishable(doc, opts);
  if (problems.length) throw new UnpublishableFlowError(problems);
}

/** Flow kinds a TransferToFlow may target (UI transfer-to-flow.html: Inbound, Transfer to Agent, Transfer to Queue). */
export const TRANSFER_TARGET_KINDS: readonly FlowKind[] = [
  'CONTACT_FLOW',
  'AGENT_TRANSFER',
  'QUEUE_TRANSFER',
];
