import type { SwitchboardConfig } from '../config/schema.ts';

/**
 * What the flows point at. At synth these are CDK tokens (ARNs), in the local engine local ARNs, and for
 * `npm run flows` `%Token%` placeholders. The flow builders never look inside them.
 */
export interface FlowRefs {
  functions: { route: string; ticket: string; assistant: string; survey: string };
  /** Config queue id → queue ARN. */
  queues: Record<string, string>;
  /** The config id of the default queue (`ivr.defaultQueue` or the first queue). */
  defaultQueue: string;
  flows: { customerQueue: string; disconnect: string; assistant: string };
  lexBotAliasArn: string;
}

/** Placeholder names for every ref, as used in designer-exported templates: `%Lambda:route%`, `%Queue:sales%`. */
export function tokenRefs(config: SwitchboardConfig): FlowRefs {
  return {
    functions: {
      route: '%Lambda:route%',
      ticket: '%Lambda:ticket%',
      assistant: '%Lambda:assistant%',
      survey: '%Lambda:survey%',
    },
    queues: Object.fromEntries(config.queues.map((q) => [q.id, `%Queue:${q.id}%`])),
    defaultQueue: config.ivr.defaultQueue ?? config.queues[0]!.id,
    flows: {
      customerQueue: '%Flow:customer-queue%',
      disconnect: '%Flow:disconnect%',
      assistant: '%Flow:assistant%',
    },
    lexBotAliasArn: '%LexBotAliasArn%',
  };
}

/** The token → value map for filling templates from concrete refs. */
export function tokenValues(refs: FlowRefs, extra: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {
    'Lambda:route': refs.functions.route,
    'Lambda:ticket': refs.functions.ticket,
    'Lambda:assistant': refs.functions.assistant,
    'Lambda:survey': refs.functions.survey,
    'Flow:customer-queue': refs.flows.customerQueue,
    'Flow:disconnect': refs.flows.disconnect,
    'Flow:assistant': refs.flows.assistant,
    LexBotAliasArn: refs.lexBotAliasArn,
    ...extra,
  };
  for (const [id, arn] of Object.entries(refs.queues)) out[`Queue:${id}`] = arn;
  out['Queue:default'] = refs.queues[refs.defaultQueue] ?? '';
  return out;
}
