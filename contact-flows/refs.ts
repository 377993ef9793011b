import type { SwitchboardConfig } from '../config/schema.ts';
import { FLOW_FUNCTION_NAMES, type FlowFunctionName } from './contracts.ts';

/**
 * What the flows point at. At synth these are CDK tokens (ARNs), in the local engine local ARNs, and for
 * `npm run flows` `%Token%` placeholders. The flow builders never look inside them.
 */
export interface FlowRefs {
  /** Flow-invoked function name (the contract registry) → Lambda ARN. */
  functions: Record<FlowFunctionName, string>;
  /** Config queue id → queue ARN. */
  queues: Record<string, string>;
  /** The config id of the default queue (`ivr.defaultQueue` or the first queue). */
  defaultQueue: string;
  flows: { customerQueue: string; disconnect: string; assistant: string };
  lexBotAliasArn: string;
  /**
   * The business's hours of operation (Connect's own calendar of staffed hours and holidays), checked by
   * the inbound flow when `route` cannot answer. `%HoursArn%` in templates.
   */
  hours: string;
}

/** Placeholder names for every ref, as used in designer-exported templates: `%Lambda:route%`, `%Queue:sales%`. */
export function tokenRefs(config: SwitchboardConfig): FlowRefs {
  return {
    functions: functionRefs((name) => `%Lambda:${name}%`),
    queues: Object.fromEntries(config.queues.map((q) => [q.id, `%Queue:${q.id}%`])),
    defaultQueue: config.ivr.defaultQueue,
    flows: {
      customerQueue: '%Flow:customer-queue%',
      disconnect: '%Flow:disconnect%',
      assistant: '%Flow:assistant%',
    },
    lexBotAliasArn: '%LexBotAliasArn%',
    hours: '%HoursArn%',
  };
}

/** The token → value map for filling templates from concrete refs. */
export function tokenValues(refs: FlowRefs, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {
    'Flow:customer-queue': refs.flows.customerQueue,
    'Flow:disconnect': refs.flows.disconnect,
    'Flow:assistant': refs.flows.assistant,
    LexBotAliasArn: refs.lexBotAliasArn,
    HoursArn: refs.hours,
    ...extra,
  };
  for (const name of FLOW_FUNCTION_NAMES) out[`Lambda:${name}`] = refs.functions[name];
  for (const [id, arn] of Object.entries(refs.queues)) out[`Queue:${id}`] = arn;
  out['Queue:default'] = refs.queues[refs.defaultQueue] ?? '';
  return out;
}

/** One ref per flow-invoked function of the contract registry. */
export function functionRefs(ref: (name: FlowFunctionName) => string): Record<FlowFunctionName, string> {
  return Object.fromEntries(FLOW_FUNCTION_NAMES.map((n) => [n, ref(n)])) as Record<FlowFunctionName, string>;
}
