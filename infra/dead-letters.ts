import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface DeadLettersProps {
  /** What is lost when a message lands here, for the alarm (e.g. "A handover or health check"). */
  readonly what: string;
  /** Topic the alarm notifies (managers' SMS and e-mail). Default: none (the alarm still shows). */
  readonly alarmTopic?: sns.ITopic;
}

/**
 * A dead-letter queue for EventBridge rule and Scheduler targets (SQS-managed encryption, TLS only, kept
 * 14 days) and an alarm as soon as one message is in it: a handover, a transcription or a report that
 * failed through every retry is kept and reported instead of dropped.
 */
export class DeadLetters extends Construct {
  readonly queue: sqs.Queue;
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: DeadLettersProps) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      retentionPeriod: Duration.days(14),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    Validations.of(this.queue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'It is itself the dead-letter queue of EventBridge and Scheduler targets',
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      alarmDescription: `${props.what} failed after every retry; the event is kept in the dead-letter queue (14 days)`,
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmTopic) {
      const action = new actions.SnsAction(props.alarmTopic);
      this.alarm.addAlarmAction(action);
      this.alarm.addOkAction(action);
    }
  }

  /** Lets an EventBridge Scheduler role put failed invocations here. */
  allowScheduler(role: iam.IGrantable): void {
    this.queue.grantSendMessages(role);
  }
}
