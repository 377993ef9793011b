import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { Operations } from '../../infra/operations.ts';
import { enConfig } from '../helpers.ts';
import { CDK_CONTEXT } from './helpers.ts';

function build() {
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Ops', { env: { account: '111122223333', region: 'us-east-1' } });
  const table = new dynamodb.Table(stack, 'Records', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING },
  });
  const ops = new Operations(stack, 'Operations', {
    config: enConfig(),
    instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/abc',
    recordsTable: table,
    reportTopic: new sns.Topic(stack, 'Report'),
    alarmTopic: new sns.Topic(stack, 'Alarms'),
    code: lambda.Code.fromInline('export const handler = async () => ({});'),
  });
  return { ops, template: Template.fromStack(stack) };
}

describe('Operations construct', () => {
  const { template } = build();

  it("routes this instance's contact events to contact-events, with retries and a dead-letter queue", () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.connect'],
        'detail-type': ['Amazon Connect Contact Event'],
        detail: {
          instanceArn: ['arn:aws:connect:us-east-1:111122223333:instance/abc'],
          eventType: [
            'INITIATED',
            'QUEUED',
            'CONNECTED_TO_AGENT',
            'DISCONNECTED',
            'COMPLETED',
            'CONTACT_DATA_UPDATED',
          ],
        },
      },
      Targets: [
        Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 21600 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      AlarmActions: [Match.anyValue()],
    });
  });

  it('gives contact-events only GetItem and PutItem on the table, and the business time zone', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Merges Amazon Connect contact events'),
      Environment: { Variables: Match.objectLike({ BUSINESS_TIMEZONE: 'America/Chicago' }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Effect: 'Allow' }),
        ]),
      },
    });
  });

  it("sends the weekly report on Monday 08:00 business time, with the report's slice of the config", () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 8 ? * MON *)',
      ScheduleExpressionTimezone: 'America/Chicago',
    });
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('weekly KPI summary') },
    });
    const env = Object.values(fns)[0]!.Properties.Environment.Variables;
    const slice = JSON.parse(env.REPORT_CONFIG);
    expect(slice.sla.targets).toEqual({ answerRate: 0.9, averageHandleSeconds: 180, csat: 0.85 });
    expect(slice.shifts.map((s: { id: string }) => s.id)).toEqual(['day', 'evening', 'night']);
    expect(JSON.stringify(slice)).not.toContain('@'); // no e-mail addresses in the environment
  });
});
