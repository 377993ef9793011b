import { Duration, Stack } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { kpiConfigOf } from '../lambdas/domain/kpi-config.ts';
import { CONTACT_EVENT_DETAIL_TYPE } from '../lambdas/domain/records.ts';
import { RECORDS_TABLE } from '../lambdas/domain/tables.ts';
import { DeadLetters } from './dead-letters.ts';
import { SwitchboardFunction } from './function.ts';

/** The contact events the records are built from (https://docs.aws.amazon.com/connect/latest/adminguide/contact-events.html). */
export const CONTACT_EVENT_TYPES = [
  'INITIATED',
  'QUEUED',
  'CONNECTED_TO_AGENT',
  'DISCONNECTED',
  'COMPLETED',
  'CONTACT_DATA_UPDATED',
] as const;

export interface OperationsProps {
  readonly config: SwitchboardConfig;
  /** ARN of the Connect instance whose contact events become records. */
  readonly instanceArn: string;
  /** The records table (contact records live beside tickets). */
  readonly recordsTable: dynamodb.ITable;
  /** Topic the weekly KPI summary is e-mailed to (e-mail subscribers only: the summary is long). */
  readonly reportTopic: sns.ITopic;
  /** The report topic's customer-managed key, when it has one (publishers need it). */
  readonly reportTopicKey?: kms.IKey;
  /** Topic for the dead-letter alarm. Default: no alarm action (the alarm still shows on the console). */
  readonly alarmTopic?: sns.ITopic;
  /** When the weekly report goes out, in the business time zone. Default: Mondays 08:00. */
  readonly weeklySchedule?: string;
  /** Tests pass inline code to skip bundling. */
  readonly code?: lambda.Code;
}

/**
 * Operations data in AWS: Amazon Connect contact events for this instance, routed by an EventBridge
 * rule (with retries and a dead-letter queue that alarms) to the contact-events function that merges
 * them into contact records; and a weekly EventBridge Scheduler schedule that e-mails the text KPI
 * summary (weekly-report).
 */
export class Operations extends Construct {
  readonly contactEvents: SwitchboardFunction;
  readonly weeklyReport: SwitchboardFunction;
  readonly rule: events.Rule;
  readonly deadLetters: sqs.Queue;
  readonly deadLetterAlarm: cloudwatch.Alarm;
  readonly schedule: scheduler.CfnSchedule;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const c = props.config;
    const code = props.code ? { code: props.code } : {};
    const table = props.recordsTable;
    const stack = Stack.of(this);
    const indexArns = RECORDS_TABLE.indexes.map((i) =>
      stack.formatArn({
        service: 'dynamodb',
        resource: 'table',
        resourceName: `${table.tableName}/index/${i.name}`,
      }),
    );

    this.contactEvents = new SwitchboardFunction(this, 'ContactEvents', {
      name: 'contact-events',
      description: 'Merges Amazon Connect contact events into one contact record per ContactId',
      timeout: Duration.seconds(10),
      environment: { RECORDS_TABLE: table.tableName, BUSINESS_TIMEZONE: c.business.timezone },
      ...code,
    });
    this.contactEvents.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
        resources: [table.tableArn],
      }),
    );

    // One dead-letter queue (and its alarm) for the contact-events rule and the weekly report schedule.
    const deadLetters = new DeadLetters(this, 'DeadLetters', {
      what: 'Merging contact events into contact records, or the weekly report,',
      ...(props.alarmTopic ? { alarmTopic: props.alarmTopic } : {}),
    });
    this.deadLetters = deadLetters.queue;
    this.deadLetterAlarm = deadLetters.alarm;
    this.rule = new events.Rule(this, 'ContactEventsRule', {
      description: 'Amazon Connect contact events of this instance to the contact-events function',
      eventPattern: {
        source: ['aws.connect'],
        detailType: [CONTACT_EVENT_DETAIL_TYPE],
        detail: { instanceArn: [props.instanceArn], eventType: [...CONTACT_EVENT_TYPES] },
      },
    });
    this.rule.addTarget(
      new targets.LambdaFunction(this.contactEvents.function, {
        deadLetterQueue: this.deadLetters,
        retryAttempts: 8,
        maxEventAge: Duration.hours(6),
      }),
    );
    const reportConfig = JSON.stringify(kpiConfigOf(c));
    this.weeklyReport = new SwitchboardFunction(this, 'WeeklyReport', {
      name: 'weekly-report',
      description: 'E-mails the weekly KPI summary and QA sample to the managers',
      timeout: Duration.seconds(120),
      environment: {
        RECORDS_TABLE: table.tableName,
        REPORT_TOPIC_ARN: props.reportTopic.topicArn,
        REPORT_CONFIG: reportConfig,
      },
      ...code,
    });
    this.weeklyReport.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'],
        resources: [table.tableArn, ...indexArns],
      }),
    );
    this.weeklyReport.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [props.reportTopic.topicArn] }),
    );
    if (props.reportTopicKey)
      this.weeklyReport.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: [props.reportTopicKey.keyArn],
        }),
      );

    const role = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler start the weekly report',
    });
    // The weekly report's failures land in the same dead-letter queue (and alarm) as the contact events.
    this.deadLetters.grantSendMessages(role);
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [this.weeklyReport.function.functionArn],
      }),
    );
    this.schedule = new scheduler.CfnSchedule(this, 'Weekly', {
      description: 'E-mails the weekly KPI report',
      scheduleExpression: props.weeklySchedule ?? 'cron(0 8 ? * MON *)',
      scheduleExpressionTimezone: c.business.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: this.weeklyReport.function.functionArn,
        roleArn: role.roleArn,
        retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      },
    });
  }

  /** Both functions, for alarms on errors and throttles (e.g. `{ ...functions, ...operations.functions() }`). */
  functions(): Record<string, SwitchboardFunction> {
    return { 'contact-events': this.contactEvents, 'weekly-report': this.weeklyReport };
  }
}
