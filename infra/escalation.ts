import { ArnFormat, type CfnElement, Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

export interface EscalationProps {
  /** The `escalate` function: runs one step, says how long to wait for the next. */
  readonly escalate: lambda.IFunction;
  readonly escalateRole: iam.IRole;
  /** The Connect instance the page calls go out from. */
  readonly instanceArn: string;
  readonly instanceId: string;
  /** ARN of the outbound page flow ("press 1 to accept"). */
  readonly outboundFlowArn: string;
  /** The line's number, which page calls come from. Default: none (SMS pages only). */
  readonly sourcePhoneNumber?: string;
  /** Log retention of the state machine. Default: three months. */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * The urgent escalation's timer: a Step Functions standard workflow per urgent ticket that runs the
 * `escalate` function's step, waits what the step says (`waitSeconds`), and repeats until it is done.
 *
 * Why Step Functions (standard) and not an EventBridge Scheduler one-time schedule per step: both are
 * serverless and pay-per-use (no cost while no urgent ticket is open; an escalation of five steps is
 * about 15 state transitions, $0.000375). Step Functions adds what schedules would need extra code
 * for: the execution is named after the ticket, so starting it twice is one escalation (the retried
 * ticket call); waits up to a year; retries of a failed step with backoff; every execution and step
 * visible in the console; and no per-step schedule to create, name, grant PassRole for and clean up.
 * The state machine holds no business rule: who is paged when is worked out by the function
 * (lambdas/domain/escalation.ts), which the local engine runs on its simulated clock the same way.
 */
export class Escalation extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  /**
   * The state machine's name and ARN, known before it exists: the ticket function's environment and
   * grant use them without referring to the resource (the flows, which the state machine refers to,
   * depend on the ticket function, so a reference would be a cycle).
   */
  static nameFor(stack: Stack): string {
    return `${stack.stackName}-escalation`.slice(0, 80);
  }

  static arnFor(stack: Stack): string {
    return stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: Escalation.nameFor(stack),
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  constructor(scope: Construct, id: string, props: EscalationProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const step = new tasks.LambdaInvoke(this, 'Step', {
      lambdaFunction: props.escalate,
      payload: sfn.TaskInput.fromObject({
        ticketId: sfn.JsonPath.stringAt('$.ticketId'),
        step: sfn.JsonPath.numberAt('$.step'),
        dial: {
          instanceId: props.instanceId,
          // arn:...:instance/<instance id>/contact-flow/<flow id>
          contactFlowId: Fn.select(3, Fn.split('/', props.outboundFlowArn)),
          from: props.sourcePhoneNumber ?? '',
        },
      }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });
    step.addRetry({
      errors: ['States.ALL'],
      interval: Duration.seconds(15),
      maxAttempts: 3,
      backoffRate: 2,
    });
    const wait = new sfn.Wait(this, 'Wait for acceptance', {
      time: sfn.WaitTime.secondsPath('$.waitSeconds'),
    });
    const settled = new sfn.Choice(this, 'Settled?')
      .when(sfn.Condition.booleanEquals('$.done', true), new sfn.Succeed(this, 'Settled'))
      .otherwise(wait.next(step));
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: Escalation.nameFor(stack),
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(step.next(settled)),
      // The longest wait is ackWithinMinutes (at most 60); a day bounds a stuck escalation.
      timeout: Duration.days(1),
      tracingEnabled: true,
      // Execution data holds only a ticket id and step numbers; ALL events show each step's timing.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    // The page call: StartOutboundVoiceContact creates a contact on the instance.
    props.escalateRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['connect:StartOutboundVoiceContact'],
        resources: [`${props.instanceArn}/contact/*`, `${props.instanceArn}/contact-flow/*`],
      }),
    );
    // cdk-nag: the wildcards below are the narrowest these services allow.
    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'Step Functions X-Ray tracing (PutTraceSegments & co.) has no resource-level permissions',
    });
    const fnId = stack.getLogicalId(props.escalate.node.defaultChild as CfnElement);
    Validations.of(this.stateMachine.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnId}.Arn>:*]`,
      reason: 'The LambdaInvoke task may invoke the escalate function and its versions, nothing else',
    });
    const resolved = stack.resolve(props.instanceArn) as { 'Fn::GetAtt'?: [string, string] };
    const instance = resolved['Fn::GetAtt'] ? `<${resolved['Fn::GetAtt'][0]}.Arn>` : props.instanceArn;
    const ackEscalate = (resource: string, reason: string) =>
      Validations.of(props.escalateRole).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${resource}]`,
        reason,
      });
    ackEscalate(
      '*',
      'SMS pages are published to phone numbers, which have no ARN; sns:Publish is the only action',
    );
    ackEscalate(
      `${instance}/contact/*`,
      'Each page call is a new contact on this instance, its id unknown before',
    );
    ackEscalate(
      `${instance}/contact-flow/*`,
      'StartOutboundVoiceContact names the flow by id; the flow refers to this function, so its ARN cannot be named here',
    );
  }
}
