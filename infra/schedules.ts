import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { shiftEndSchedules } from './hours.ts';

export interface SchedulesProps {
  readonly config: SwitchboardConfig;
  readonly handover: lambda.IFunction;
  readonly healthCheck: lambda.IFunction;
}

/**
 * EventBridge Scheduler: the handover at each shift's end, in the business time zone (so daylight
 * saving time is handled by the scheduler), and the health check every five minutes.
 */
export class Schedules extends Construct {
  readonly handovers: scheduler.CfnSchedule[] = [];
  readonly health: scheduler.CfnSchedule;

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
    for (const s of shiftEndSchedules(props.config)) {
      this.handovers.push(
        new scheduler.CfnSchedule(this, `Handover ${s.shift}`, {
          description: `Handover when shift ${s.shift} ends`,
          scheduleExpression: s.expression,
          scheduleExpressionTimezone: props.config.business.timezone,
          flexibleTimeWindow: { mode: 'OFF' },
          target: {
            arn: props.handover.functionArn,
            roleArn: role.roleArn,
            input: JSON.stringify({ shiftId: s.shift }),
            retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
          },
        }),
      );
    }
    this.health = new scheduler.CfnSchedule(this, 'HealthCheck', {
      description: 'Checks the phone line every five minutes',
      scheduleExpression: 'rate(5 minutes)',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: props.healthCheck.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeInSeconds: 300 },
      },
    });
  }
}
