import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { enConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

let t: Template;
beforeAll(() => {
  t = synthStack(enConfig()).template;
});

type Resource = { Properties: Record<string, unknown> };
const all = (type: string) => Object.entries(t.findResources(type)) as Array<[string, Resource]>;

describe('no lost work: dead-letter queues with alarms', () => {
  it('gives every EventBridge rule target a dead-letter queue', () => {
    const rules = all('AWS::Events::Rule');
    expect(rules.length).toBeGreaterThanOrEqual(3);
    for (const [id, rule] of rules)
      for (const target of rule.Properties.Targets as Array<Record<string, unknown>>)
        expect(target.DeadLetterConfig, `${id} has a target without a dead-letter queue`).toBeDefined();
  });

  it('gives every Scheduler schedule a dead-letter queue its role may write to', () => {
    const schedules = all('AWS::Scheduler::Schedule');
    expect(schedules.length).toBeGreaterThanOrEqual(3);
    for (const [id, s] of schedules)
      expect((s.Properties.Target as Record<string, unknown>).DeadLetterConfig, id).toBeDefined();
    const sendPolicies = all('AWS::IAM::Policy').filter(([, p]) =>
      JSON.stringify(p.Properties.PolicyDocument).includes('sqs:SendMessage'),
    );
    expect(sendPolicies.length).toBeGreaterThanOrEqual(2);
  });

  it('alarms on every dead-letter queue as soon as one message is in it', () => {
    const queues = all('AWS::SQS::Queue').map(([id]) => id);
    expect(queues.length).toBeGreaterThanOrEqual(3);
    const alarms = all('AWS::CloudWatch::Alarm').filter(
      ([, a]) => a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible',
    );
    const watched = alarms.map(([, a]) => JSON.stringify(a.Properties.Dimensions));
    for (const q of queues)
      expect(
        watched.some((d) => d.includes(q)),
        `${q} has no alarm`,
      ).toBe(true);
    for (const [, a] of alarms) {
      expect(a.Properties.Threshold).toBe(0);
      expect(a.Properties.AlarmActions).toBeDefined();
    }
  });
});

describe('personal data: every log group expires', () => {
  it("gives every Lambda function, CDK's framework functions too, a log group of its own", () => {
    for (const [id, fn] of all('AWS::Lambda::Function'))
      expect((fn.Properties.LoggingConfig as { LogGroup?: unknown } | undefined)?.LogGroup, id).toBeDefined();
  });

  it('sets retention on every log group, Connect flow logs included', () => {
    const groups = all('AWS::Logs::LogGroup');
    for (const [id, g] of groups) expect(g.Properties.RetentionInDays, id).toBeGreaterThan(0);
    const flowLogs = groups.find(
      ([, g]) => g.Properties.LogGroupName === '/aws/connect/brightline-appliances',
    );
    expect(flowLogs?.[1].Properties.RetentionInDays).toBe(30);
    // Created before the instance, so that Connect writes into it instead of creating one that never expires.
    const [instance] = Object.values(t.findResources('AWS::Connect::Instance')) as Array<{
      DependsOn?: string[];
    }>;
    expect(instance!.DependsOn).toContain(flowLogs![0]);
  });
});
