/**
 * The one contract between the contact flows and the functions they invoke: each flow-invoked function
 * with its parameters (what a flow sends in `Details.Parameters`, checked by the handler) and its result
 * keys (what the flow may read as `$.External.<key>` after the call).
 *
 * Everything that needs "the list of flow functions" iterates this registry: the flow builders take
 * `$.External` references from it (a typo is a type error), infra creates the functions, their Connect
 * associations, invoke permissions and alarms from it, and the local engine and `--fail` use its names.
 * Adding a flow-invoked function is one entry here (and one line in infra's plan of grants, which the
 * compiler asks for).
 *
 * This module is a leaf: it imports only zod (the tree-shakable `zod/mini`, since it lands in every
 * call-path bundle), so the flows (synth time), infra, the handlers and the local engine can all share it.
 */

import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { E164_SYNTAX } from '#domain/caller-id.ts';

/**
 * Cuts `s` to at most `max` characters, marked at the end with how long it was: `… [cut: 5234 characters
 * in all]`. Counted in code points, so a cut never splits a character.
 */
export function truncateMarked(s: string, max: number): string {
  const chars = [...s];
  if (chars.length <= max) return s;
  const mark = ` … [cut: ${chars.length} characters in all]`;
  return chars.slice(0, Math.max(0, max - mark.length)).join('') + mark;
}

/**
 * Text the caller said that must not be lost: a longer value is kept, cut to `max` and marked
 * (hardening: a 5,000-character message is a message, not an error).
 */
const kept = (max: number) =>
  z.pipe(
    z.string(),
    z.transform((s: string) => truncateMarked(s, max)),
  );

export const TICKET_SOURCES = ['assistant', 'agent', 'callback', 'ivr'] as const;

export interface FunctionContract {
  /** Function name: `switchboard-<name>` in AWS and locally. */
  readonly name: string;
  readonly description: string;
  /**
   * The flow's `InvocationTimeLimitSeconds` for this function, in seconds. Connect allows at most 8 s for
   * a synchronous invocation (Connect admin guide, "Invoke AWS Lambda function" block).
   */
  readonly flowTimeLimitSeconds: number;
  /** The Lambda's own timeout in seconds: at least the flow's limit. */
  readonly lambdaTimeoutSeconds: number;
  /** What a flow may send; the handler validates `Details.Parameters` with it. */
  readonly parameters: $ZodType;
  /** The keys of the flat string map the function returns to the flow (`$.External.<key>`). */
  readonly results: readonly string[];
  /** Lex session attributes the function sets when it is the bot's code hook (`$.Lex.SessionAttributes.<key>`). */
  readonly sessionAttributes?: readonly string[];
  /**
   * Result keys that carry personal data a flow may use but never copy into contact attributes (which
   * Connect keeps in the contact record and writes to flow logs). A flow reads them as `$.External.<key>`
   * right where it needs them, with no other Lambda call in between ($.External holds the most recent
   * Lambda result only: Connect admin guide, invoke-lambda-function-block). Checked over every generated
   * flow by `storedPersonalData`.
   */
  readonly neverStored?: readonly string[];
}

const route = {
  name: 'route',
  description: 'Call path: holiday, shift, on-call and caller profile in one read',
  flowTimeLimitSeconds: 3,
  lambdaTimeoutSeconds: 3,
  parameters: z.looseObject({}),
  results: [
    'mode',
    'reason',
    'shift',
    'shiftName',
    'agents',
    'onCall',
    'onCallName',
    'onCallPhone',
    'holiday',
    'knownCaller',
    'greetByName',
    'customerName',
    'openTickets',
    'openTicketIds',
    'lastCategory',
    'locale',
    'localDate',
  ],
  neverStored: ['onCallPhone', 'onCallName'],
} as const satisfies FunctionContract;

const ticketCreate = z.object({
  action: z._default(z.literal('create'), 'create'),
  // An attribute the flow never set arrives as "": a message left with the assistant.
  category: z.pipe(
    z._default(z.string().check(z.trim()), ''),
    z.transform((c: string) => c || 'message'),
  ),
  priority: z._default(
    z.pipe(
      z.string(),
      z.transform((p: string): 'urgent' | 'normal' => (p.toLowerCase() === 'urgent' ? 'urgent' : 'normal')),
    ),
    'normal',
  ),
  /** What the caller said; over 4,000 characters it is kept, cut and marked (`truncateMarked`). */
  message: z.optional(kept(4000)),
  /** The question the assistant could not answer, kept with the message (cut and marked over 2,000). */
  question: z.optional(kept(2000)),
  callbackNumber: z.catch(
    z.optional(z.string().check(z.regex(E164_SYNTAX, { message: 'must be an E.164 number' }))),
    undefined,
  ),
  callerName: z.optional(kept(100)),
  source: z.catch(z._default(z.enum(TICKET_SOURCES), 'ivr'), 'ivr'),
});

const ticket = {
  name: 'ticket',
  // Also `{ action: 'callback', callbackNumber }`: may a queued callback dial that number (callback.ts).
  description: 'Call path: tickets, urgent pages, SMS confirmations and the callback check',
  flowTimeLimitSeconds: 3,
  lambdaTimeoutSeconds: 3,
  parameters: ticketCreate,
  results: [
    'result',
    'ticketId',
    'ticketIdSpoken',
    'category',
    'priority',
    'status',
    'dueAt',
    'dueSpoken',
    'paged',
    'pagedName',
    'onCallPhone',
    'confirmationSms',
    // escalation (issue 11/12): what the caller may be told about the page (SENT, TRYING, NOT_ALERTED).
    'pageStatus',
    'escalation',
    // hardening: 'true' when the ticket holds a number the line may call back (outbound.countries);
    // the flow promises a callback only then.
    'callback',
  ],
  neverStored: ['onCallPhone', 'pagedName'],
} as const satisfies FunctionContract;

// escalation (issue 11): the outbound page flow records "press 1 to accept" through this function,
// which also runs the timed escalation steps (Step Functions invokes it with `{ ticketId, step }`).
const escalate = {
  name: 'escalate',
  description: 'Urgent escalation: timed pages until someone accepts, and the acceptance',
  flowTimeLimitSeconds: 3,
  // A step sends SMS and places calls to several people: more than a flow's 3 s.
  lambdaTimeoutSeconds: 20,
  parameters: z.object({
    action: z.literal('accept'),
    ticketId: z.string().check(z.regex(/^T-[0-9A-Z]{6}$/, { message: 'is not a ticket id (T-XXXXXX)' })),
    by: z._default(z.string().check(z.maxLength(100)), 'the on-call person'),
  }),
  results: ['result', 'ticketId', 'takenBy'],
} as const satisfies FunctionContract;

const assistant = {
  name: 'assistant',
  description: 'Call path: FAQ answers for the Lex bot (optionally through Bedrock)',
  flowTimeLimitSeconds: 3,
  // Also the Lex bot's code hook, which may wait for the Bedrock reranker (BEDROCK_TIMEOUT_MS, 1.5 s) first.
  lambdaTimeoutSeconds: 5,
  parameters: z.object({ question: z._default(kept(2000), '') }),
  results: ['result', 'answer', 'faqId', 'score', 'keyword', 'urgentGroup', 'source'],
  sessionAttributes: [
    'assistantResult',
    'answer',
    'faqId',
    'score',
    'keyword',
    'urgentGroup',
    'message',
    'question',
    'purpose',
  ],
} as const satisfies FunctionContract;

const survey = {
  name: 'survey',
  description: 'Call path: CSAT after an agent call',
  flowTimeLimitSeconds: 3,
  lambdaTimeoutSeconds: 3,
  parameters: z.object({ score: z.optional(z.unknown()) }),
  results: ['result', 'score', 'ticketId', 'reason'],
} as const satisfies FunctionContract;

/** Every function a contact flow invokes, by name. */
export const FLOW_FUNCTIONS = { route, ticket, assistant, survey, escalate } as const;

export type FlowFunctionName = keyof typeof FLOW_FUNCTIONS;
export type ResultKey<F extends FlowFunctionName> = (typeof FLOW_FUNCTIONS)[F]['results'][number];
/** The result keys a flow may copy into contact attributes: all but the contract's `neverStored`. */
export type StorableKey<F extends FlowFunctionName> = Exclude<
  ResultKey<F>,
  (typeof FLOW_FUNCTIONS)[F] extends { neverStored: readonly (infer K)[] } ? K : never
>;
/** The flat result a function returns to a flow: every key of its contract, as Connect's string map allows. */
export type FlowResultOf<F extends FlowFunctionName> = Record<
  ResultKey<F>,
  string | number | readonly string[]
>;
export type ParametersOf<F extends FlowFunctionName> = z.infer<(typeof FLOW_FUNCTIONS)[F]['parameters']>;
export type TicketCreateParameters = z.infer<typeof ticketCreate>;

export const FLOW_FUNCTION_NAMES = Object.keys(FLOW_FUNCTIONS) as FlowFunctionName[];

export function isFlowFunction(name: string): name is FlowFunctionName {
  return Object.hasOwn(FLOW_FUNCTIONS, name);
}

/**
 * Where a flow copies a `neverStored` result into contact attributes: `action: key` for each
 * UpdateContactAttributes (or UpdateFlowAttributes) value that references `$.External.<key>` for a key
 * some contract marks `neverStored`. Empty when the flow keeps personal data out of attributes.
 */
export function storedPersonalData(doc: {
  Actions: ReadonlyArray<{ Identifier: string; Type: string; Parameters: Record<string, unknown> }>;
}): string[] {
  const contracts: readonly FunctionContract[] = Object.values(FLOW_FUNCTIONS);
  const keys = new Set(contracts.flatMap((f) => f.neverStored ?? []));
  const out: string[] = [];
  for (const a of doc.Actions) {
    if (a.Type !== 'UpdateContactAttributes' && a.Type !== 'UpdateFlowAttributes') continue;
    const values = JSON.stringify(a.Parameters);
    for (const m of values.matchAll(/\$\.External\.([A-Za-z0-9_-]+)/g))
      if (keys.has(m[1]!)) out.push(`${a.Identifier}: ${m[1]}`);
  }
  return out;
}

/**
 * `$.External.<key>` references for one function's results, as a typed object: `external('ticket').dueSpoken`
 * is `"$.External.dueSpoken"`, and `external('ticket').dueSpokn` does not compile.
 */
export function external<F extends FlowFunctionName>(fn: F): { readonly [K in ResultKey<F>]: string } {
  const keys = FLOW_FUNCTIONS[fn].results as readonly string[];
  return Object.fromEntries(keys.map((k) => [k, `$.External.${k}`])) as { [K in ResultKey<F>]: string };
}

type SessionKey = (typeof assistant)['sessionAttributes'][number];

/** `$.Lex.SessionAttributes.<key>` references for what the assistant code hook sets. */
export const LEX_SESSION: { readonly [K in SessionKey]: string } = Object.fromEntries(
  assistant.sessionAttributes.map((k) => [k, `$.Lex.SessionAttributes.${k}`]),
) as { [K in SessionKey]: string };

/** The parameter names a flow may send to a function (`LambdaInvocationAttributes` keys). */
export type ParameterKey<F extends FlowFunctionName> = keyof z.input<
  (typeof FLOW_FUNCTIONS)[F]['parameters']
> &
  string;
