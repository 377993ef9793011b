import { resolve } from 'node:path';
import type { SwitchboardConfig } from '../config/schema.ts';
import { assistantFlow } from './assistant.ts';
import { customerQueueFlow } from './customer-queue.ts';
import { disconnectFlow } from './disconnect.ts';
import { inboundFlow } from './inbound.ts';
import type { FlowDefinition } from './model.ts';
import { outboundPageFlow } from './outbound-page.ts';
import type { FlowRefs } from './refs.ts';
import { loadCustomFlows } from './template.ts';

export {
  external,
  FLOW_FUNCTION_NAMES,
  FLOW_FUNCTIONS,
  type FlowFunctionName,
  isFlowFunction,
} from './contracts.ts';
export type { FlowAction, FlowDefinition, FlowDocument } from './model.ts';
export { type FlowRefs, functionRefs, tokenRefs, tokenValues } from './refs.ts';

export const CUSTOM_FLOWS_DIR = resolve(import.meta.dirname, 'custom');

/** Keys of the generated flows, in the order they must be created (each only refers to earlier ones). */
export const FLOW_KEYS = ['customer-queue', 'disconnect', 'assistant', 'inbound', 'outbound-page'] as const;
export type FlowKey = (typeof FLOW_KEYS)[number];

/** The generated flows for a config. Pure: the same config and refs give byte-identical JSON. */
export function buildFlows(config: SwitchboardConfig, refs: FlowRefs): Record<FlowKey, FlowDefinition> {
  const name = config.business.name;
  return {
    'customer-queue': {
      key: 'customer-queue',
      name: 'Switchboard customer queue',
      description: `${name}: hold messages and the callback offer`,
      type: 'CUSTOMER_QUEUE',
      content: customerQueueFlow(config, refs),
    },
    disconnect: {
      key: 'disconnect',
      name: 'Switchboard disconnect survey',
      description: `${name}: CSAT survey after an agent call`,
      type: 'CONTACT_FLOW',
      content: disconnectFlow(config, refs),
    },
    assistant: {
      key: 'assistant',
      name: 'Switchboard assistant',
      description: `${name}: after-hours assistant, messages and urgent pages`,
      type: 'CONTACT_FLOW',
      content: assistantFlow(config, refs),
    },
    inbound: {
      key: 'inbound',
      name: 'Switchboard inbound',
      description: `${name}: routing, greeting and the IVR menu`,
      type: 'CONTACT_FLOW',
      content: inboundFlow(config, refs),
    },
    // escalation (issue 11): the page call to the on-call person.
    'outbound-page': {
      key: 'outbound-page',
      name: 'Switchboard outbound page',
      description: `${name}: urgent page call, press 1 to accept`,
      type: 'CONTACT_FLOW',
      content: outboundPageFlow(config, refs),
    },
  };
}

export { loadCustomFlows };
