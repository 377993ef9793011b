import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { Escalation } from '../../infra/escalation.ts';
import type { SwitchboardStack } from '../../infra/stack.ts';
import { enConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

let stack: SwitchboardStack;
let t: Template;
beforeAll(() => {
  ({ stack, template: t } = synthStack(enConfig()));
});

const statementsOf = (role: { node: { defaultChild?: unknown } }) => {
  const policies = Object.values(t.findResources('AWS::IAM::Policy')) as Array<{
    Properties: {
      Roles: Array<{ Ref: string }>;
      PolicyDocument: { Statement: Array<Record<string, unknown>> };
    };
  }>;
  const id = stack.getLogicalId(role.node.defaultChild as never);
  return policies
    .filter((p) => p.Properties.Roles.some((r) => r.Ref === id))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
};

describe('urgent escalation', () => {
  it('is a standard Step Functions workflow that loops "step, wait waitSeconds" until the step says done', () => {
    const machines = Object.values(t.findResources('AWS::StepFunctions::StateMachine')) as Array<{
      Properties: Record<string, unknown>;
    }>;
    expect(machines).toHaveLength(1);
    const m = machines[0]!.Properties;
    expect(m.StateMachineType).toBe('STANDARD');
    expect(m.StateMachineName).toBe(Escalation.nameFor(stack));
    expect(m.TracingConfiguration).toEqual({ Enabled: true });
    const body = JSON.stringify(m.DefinitionString);
    expect(body).toContain('SecondsPath');
    expect(body).toContain('$.waitSeconds');
    expect(body).toContain('$.done');
  });

  it('lets the ticket function start it by its name, without a reference that would make a cycle', () => {
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Call path: tickets'),
      Environment: { Variables: Match.objectLike({ ESCALATION_STATE_MACHINE_ARN: Match.anyValue() }) },
    });
    const start = statementsOf(stack.functions.ticket!.role).find(
      (s) => s.Action === 'states:StartExecution',
    );
    expect(start).toBeDefined();
    expect(JSON.stringify(start!.Resource)).toContain(`stateMachine:${stack.stackName}-escalation`);
  });

  it('lets the escalate function text, call the on-call person through Connect and alert the managers', () => {
    const actions = statementsOf(stack.functions.escalate!.role).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['sns:Publish', 'connect:StartOutboundVoiceContact', 'dynamodb:UpdateItem']),
    );
    t.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Urgent escalation'),
      Timeout: 20,
      Environment: { Variables: Match.objectLike({ ALERT_TOPIC_ARN: Match.anyValue() }) },
    });
  });
});
