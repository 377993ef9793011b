import { Stack } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import { Construct, type IDependable } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import {
  buildFlows,
  CUSTOM_FLOWS_DIR,
  FLOW_KEYS,
  type FlowKey,
  type FlowRefs,
  loadCustomFlows,
  tokenValues,
} from '../contact-flows/index.ts';
import type { FlowDefinition } from '../contact-flows/model.ts';
import { assertPublishable } from '../contact-flows/publish-rules.ts';

export interface ContactFlowsProps {
  readonly config: SwitchboardConfig;
  readonly instanceArn: string;
  readonly functions: FlowRefs['functions'];
  readonly queues: Record<string, string>;
  readonly lexBotAliasArn: string;
  readonly hoursArn: string;
  /** Integrations the flows call: Connect validates a flow on create, so they must exist first. */
  readonly dependsOn: IDependable[];
  /** Folder of designer exports to deploy too. Default: contact-flows/custom. */
  readonly customFlowsDir?: string;
}

/**
 * The flows from contact-flows/, with ARNs as CDK tokens (Stack.toJsonString keeps them valid JSON),
 * created in dependency order, plus the designer exports in contact-flows/custom with their %Token%s
 * filled. Each flow depends on the integrations it calls.
 */
export class ContactFlows extends Construct {
  readonly flows: Record<FlowKey, connect.CfnContactFlow>;
  readonly custom: connect.CfnContactFlow[] = [];

  constructor(scope: Construct, id: string, props: ContactFlowsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const flows = {} as Record<FlowKey, connect.CfnContactFlow>;
    const create = (def: FlowDefinition, logicalId: string) => {
      // Synth fails here, naming the action and the rule, where CloudFormation would fail on publish.
      assertPublishable(def.content, { file: def.key, kind: def.type });
      const flow = new connect.CfnContactFlow(this, logicalId, {
        instanceArn: props.instanceArn,
        name: def.name,
        description: def.description.slice(0, 500),
        type: def.type,
        state: 'ACTIVE',
        content: stack.toJsonString(def.content),
      });
      for (const d of props.dependsOn) flow.node.addDependency(d);
      return flow;
    };
    // Generated in two steps: the flows that others refer to first, then the ones that refer to them.
    const placeholder = 'arn:placeholder';
    const refsFor = (): FlowRefs => ({
      functions: props.functions,
      queues: props.queues,
      defaultQueue: props.config.ivr.defaultQueue,
      flows: {
        customerQueue: flows['customer-queue']?.attrContactFlowArn ?? placeholder,
        disconnect: flows.disconnect?.attrContactFlowArn ?? placeholder,
        assistant: flows.assistant?.attrContactFlowArn ?? placeholder,
      },
      lexBotAliasArn: props.lexBotAliasArn,
      hours: props.hoursArn,
    });
    for (const key of FLOW_KEYS) {
      const def = buildFlows(props.config, refsFor())[key];
      flows[key] = create(def, `Flow ${key}`);
    }
    this.flows = flows;
    for (const def of loadCustomFlows(
      props.customFlowsDir ?? CUSTOM_FLOWS_DIR,
      tokenValues(refsFor(), { HoursArn: props.hoursArn }),
    ))
      this.custom.push(create(def, `Flow ${def.key}`));
  }

  get inboundArn(): string {
    return this.flows.inbound.attrContactFlowArn;
  }

  all(): connect.CfnContactFlow[] {
    return [...FLOW_KEYS.map((k) => this.flows[k]), ...this.custom];
  }
}
