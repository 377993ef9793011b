import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { HEALTH_METRIC, HEALTH_NAMESPACE, HEALTH_SERVICE } from '../lambdas/health-check/metric.ts';
import type { SwitchboardFunction } from './function.ts';

export interface AlarmsProps {
  readonly config: SwitchboardConfig;
  readonly topic: sns.ITopic;
  readonly instanceId: string;
  /** Flow names as Connect reports them (the ContactFlowName dimension). */
  readonly flowNames: string[];
  /** Queue names as Connect reports them (the QueueName dimension). */
  readonly queueNames: string[];
  readonly functions: Record<string, SwitchboardFunction>;
  readonly tables: dynamodb.Table[];
  /** Monthly SMS spend (USD) at which to warn; the account's default limit is 1 USD. */
  readonly smsSpendWarningUsd?: number;
}

/**
 * Alarms that reach managers by SMS and e-mail, with OK actions so they hear of recovery too, and a
 * dashboard of the line. Connect publishes metrics only when something happens, so missing data is
 * "not breaching" except for the health metric, whose absence means the checker itself is down.
 */
export class Alarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    const alarmAction = new actions.SnsAction(props.topic);
    const add = (
      name: string,
      metric: cloudwatch.IMetric,
      opts: Partial<cloudwatch.CreateAlarmOptions> & { threshold: number },
    ) => {
      const alarm = new cloudwatch.Alarm(this, name, {
        metric,
        alarmDescription: opts.alarmDescription ?? name,
        evaluationPeriods: opts.evaluationPeriods ?? 1,
        datapointsToAlarm: opts.datapointsToAlarm ?? opts.evaluationPeriods ?? 1,
        comparisonOperator: opts.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: opts.treatMissingData ?? cloudwatch.TreatMissingData.NOT_BREACHING,
        threshold: opts.threshold,
      });
      alarm.addAlarmAction(alarmAction);
      alarm.addOkAction(alarmAction);
      this.alarms.push(alarm);
      return alarm;
    };
    const connectMetric = (
      metricName: string,
      group: string,
      statistic: string,
      extra: Record<string, string> = {},
      period = Duration.minutes(1),
    ) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Connect',
        metricName,
        statistic,
        period,
        dimensionsMap: { InstanceId: props.instanceId, MetricGroup: group, ...extra },
      });

    for (const flow of props.flowNames)
      add(
        `Flow fatal errors ${flow}`,
        connectMetric('ContactFlowFatalErrors', 'ContactFlow', 'Sum', { ContactFlowName: flow }),
        {
          threshold: 0,
          alarmDescription: `Flow "${flow}" failed to run (system error): callers may hear nothing`,
        },
      );
    add('Misconfigured phone numbers', connectMetric('MisconfiguredPhoneNumbers', 'VoiceCalls', 'Sum'), {
      threshold: 0,
      alarmDescription: 'Calls failed: the number has no flow',
    });
    add('Throttled calls', connectMetric('ThrottledCalls', 'VoiceCalls', 'Sum'), {
      threshold: 0,
      alarmDescription: 'Calls rejected: calls per second over quota',
    });
    add(
      'Calls over concurrency quota',
      connectMetric('CallsBreachingConcurrencyQuota', 'VoiceCalls', 'Sum'),
      { threshold: 0, alarmDescription: 'Calls rejected: concurrent calls over quota' },
    );
    add('Concurrent calls near quota', connectMetric('ConcurrentCallsPercentage', 'VoiceCalls', 'Maximum'), {
      threshold: 0.8,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      alarmDescription: 'Concurrent calls at 80 % of the quota',
    });
    add('Recording upload errors', connectMetric('CallRecordingUploadError', 'CallRecordings', 'Sum'), {
      threshold: 0,
      alarmDescription: 'Call recordings failed to reach S3 (bucket policy or KMS)',
    });
    add('Missed calls', connectMetric('MissedCalls', 'VoiceCalls', 'Sum', {}, Duration.minutes(15)), {
      threshold: 2,
      alarmDescription: 'More than two calls in 15 minutes not answered by an agent within 20 s',
    });
    for (const queue of props.queueNames) {
      add(
        `Queue full ${queue}`,
        connectMetric('QueueCapacityExceededError', 'Queue', 'Sum', { QueueName: queue }),
        { threshold: 0, alarmDescription: `Queue "${queue}" turned callers away` },
      );
      add(
        `Queue wait ${queue}`,
        connectMetric('LongestQueueWaitTime', 'Queue', 'Maximum', { QueueName: queue }),
        {
          threshold: props.config.sla.answerWithinSeconds,
          evaluationPeriods: 3,
          datapointsToAlarm: 2,
          alarmDescription: `Callers in "${queue}" waited longer than the ${props.config.sla.answerWithinSeconds} s target`,
        },
      );
    }
    for (const [name, fn] of Object.entries(props.functions)) {
      add(`${name} errors`, fn.function.metricErrors({ period: Duration.minutes(1) }), {
        threshold: 0,
        alarmDescription: `The ${name} function failed`,
      });
      add(`${name} throttles`, fn.function.metricThrottles({ period: Duration.minutes(1) }), {
        threshold: 0,
        alarmDescription: `The ${name} function was throttled`,
      });
      add(`${name} slow`, fn.function.metricDuration({ statistic: 'p99', period: Duration.minutes(5) }), {
        threshold: Math.round(fn.timeout.toMilliseconds() * 0.8),
        alarmDescription: `The ${name} function's p99 duration is near its ${fn.timeout.toSeconds()} s time-out`,
      });
    }
    for (const t of props.tables) {
      const ops = [
        'GetItem' as dynamodb.Operation,
        'BatchGetItem' as dynamodb.Operation,
        'PutItem' as dynamodb.Operation,
        'UpdateItem' as dynamodb.Operation,
        'Query' as dynamodb.Operation,
      ];
      add(
        `${t.node.id} throttles`,
        t.metricThrottledRequestsForOperations({ operations: ops, period: Duration.minutes(1) }),
        { threshold: 0, alarmDescription: `DynamoDB throttled requests on ${t.node.id}` },
      );
      add(
        `${t.node.id} system errors`,
        t.metricSystemErrorsForOperations({ operations: ops, period: Duration.minutes(1) }),
        { threshold: 0, alarmDescription: `DynamoDB system errors on ${t.node.id}` },
      );
    }
    add(
      'SMS delivery failures',
      new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'NumberOfNotificationsFailed',
        dimensionsMap: { SMSType: 'Transactional' },
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      {
        threshold: 0,
        alarmDescription: 'SMS (pages, confirmations) were not delivered',
      },
    );
    add(
      'SMS spend near limit',
      new cloudwatch.Metric({
        namespace: 'AWS/SNS',
        metricName: 'SMSMonthToDateSpentUSD',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      {
        threshold: props.smsSpendWarningUsd ?? 0.8,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        alarmDescription:
          'SMS spend is near the account limit; above it SNS silently stops sending (raise the limit)',
      },
    );
    const health = new cloudwatch.Metric({
      namespace: HEALTH_NAMESPACE,
      metricName: HEALTH_METRIC,
      dimensionsMap: { service: HEALTH_SERVICE },
      statistic: 'Minimum',
      period: Duration.minutes(5),
    });
    add('Phone line health', health, {
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
      alarmDescription: 'The health check found the line broken (see its log for the reason), or did not run',
    });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { defaultInterval: Duration.hours(24) });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Calls',
        left: [
          connectMetric('CallsPerInterval', 'VoiceCalls', 'Sum', {}, Duration.minutes(5)),
          connectMetric('MissedCalls', 'VoiceCalls', 'Sum', {}, Duration.minutes(5)),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Concurrent calls',
        left: [connectMetric('ConcurrentCalls', 'VoiceCalls', 'Maximum', {}, Duration.minutes(5))],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Line health (1 = healthy)',
        left: [health],
        leftYAxis: { min: 0, max: 1 },
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: `Longest wait per queue (target ${props.config.sla.answerWithinSeconds} s)`,
        left: props.queueNames.map((q) =>
          connectMetric('LongestQueueWaitTime', 'Queue', 'Maximum', { QueueName: q }, Duration.minutes(5)),
        ),
        leftAnnotations: [{ value: props.config.sla.answerWithinSeconds, label: 'target' }],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Queue size',
        left: props.queueNames.map((q) =>
          connectMetric('QueueSize', 'Queue', 'Maximum', { QueueName: q }, Duration.minutes(5)),
        ),
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Flow errors',
        left: props.flowNames.map((f) =>
          connectMetric(
            'ContactFlowErrors',
            'ContactFlow',
            'Sum',
            { ContactFlowName: f },
            Duration.minutes(5),
          ),
        ),
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Function errors and p99 duration',
        left: Object.values(props.functions).map((f) =>
          f.function.metricErrors({ period: Duration.minutes(5) }),
        ),
        right: Object.values(props.functions).map((f) =>
          f.function.metricDuration({ statistic: 'p99', period: Duration.minutes(5) }),
        ),
        width: 12,
      }),
    );
  }
}
