import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';

export interface AlertsProps {
  readonly config: SwitchboardConfig;
}

/**
 * Where managers hear about trouble: an SNS topic for alarms (SMS and e-mail from `alerts`) and one for
 * shift handovers (e-mail to `alerts.emails` and each shift's `email`). Both are encrypted with a
 * customer-managed key that CloudWatch may use: with the AWS-managed SNS key, alarm notifications are
 * silently dropped.
 */
export class Alerts extends Construct {
  readonly key: kms.Key;
  readonly topic: sns.Topic;
  readonly handoverTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlertsProps) {
    super(scope, id);
    const c = props.config;
    this.key = new kms.Key(this, 'Key', {
      description: 'Switchboard alert and handover topics',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Switchboard alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarms',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    for (const email of c.alerts.emails) this.topic.addSubscription(new subs.EmailSubscription(email));
    for (const phone of c.alerts.sms) this.topic.addSubscription(new subs.SmsSubscription(phone));

    this.handoverTopic = new sns.Topic(this, 'Handover', {
      displayName: 'Switchboard handover',
      masterKey: this.key,
      enforceSSL: true,
    });
    const handoverEmails = new Set([
      ...c.alerts.emails,
      ...c.shifts.flatMap((s) => (s.email ? [s.email] : [])),
    ]);
    for (const email of handoverEmails) this.handoverTopic.addSubscription(new subs.EmailSubscription(email));
  }

  /** A function that publishes to a topic also needs the key. */
  allowPublish(role: iam.IRole, topic: sns.Topic): void {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }),
    );
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
      }),
    );
  }
}
