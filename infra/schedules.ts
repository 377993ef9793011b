import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { DeadLetters } from './dead-letters.ts';
import { handoverSchedule } from './hours.ts';

export interface SchedulesProps {
  readonly config: SwitchboardConfig;
  readonly handover: lambda.IFunction;
  readonly healthCheck: lambda.IFunction;
  /** Topic the dead-letter alarm notifies. */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * EventBridge Scheduler: the handover every five minutes in UTC (the handler hands over each shift that
 * ended in the window, so a DST change can neither skip nor double one; see `handoverSchedule`), and the
 * health check every five minutes. A handover that fails through its retries lands in a dead-letter queue
 * that alarms.
 */
export class Schedules extends Construct {
  readonly handover: scheduler.CfnSchedule;
  readonly health: scheduler.CfnSchedule;
  readonly deadLetters: DeadLetters;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start the handover and the health check',
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.handover.functionArn, props.healthCheck.functionArn],
      }),
    );
    this.deadLetters = new DeadLetters(this, 'DeadLetters', {
      what: 'A handover or health check',
      ...(props.alarmTopic ? { alarmTopic: props.alarmTopic } : {}),
    });
    this.deadLetters.allowScheduler(role);
    const deadLetterConfig = { arn: this.deadLetters.queue.queueArn };
    const h = handoverSchedule();
    this.handover = new scheduler.CfnSchedule(this, 'Handover', {
      description: 'Hands over the open tickets when a shift ends (checks every five minutes, in UTC)',
      scheduleExpression: h.expression,
      scheduleExpressionTimezone: h.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.handover.functionArn,
        roleArn: role.roleArn,
        input: h.input,
        // A retry carries the same scheduled time, so it covers the same window.
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig,
      },
    });
    this.health = new scheduler.CfnSchedule(this, 'HealthCheck', {
      description: 'Checks the phone line every five minutes',
      scheduleExpression: 'rate(5 minutes)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.healthCheck.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 },
        deadLetterConfig,
      },
    });
  }
}
