import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { enConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

let t: Template;
beforeAll(() => {
  t = synthStack(enConfig()).template;
});

type Resource = { Properties: Record<string, unknown> };
/** An AwsCustomResource's SDK call: a JSON string, or an Fn::Join of one around tokens. */
const sdkCall = (v: unknown) => {
  const join = (v as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  const text = join ? join[1].map((x) => (typeof x === 'string' ? x : 'TOKEN')).join(join[0]) : String(v);
  return JSON.parse(text) as { action: string; parameters: Record<string, unknown> } & Record<
    string,
    unknown
  >;
};
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

  it('sets retention on every log group it creates', () => {
    for (const [id, g] of all('AWS::Logs::LogGroup'))
      expect(g.Properties.RetentionInDays, id).toBeGreaterThan(0);
  });

  it("creates or adopts Connect's flow log group and gives it a retention, before the instance", () => {
    // No AWS::Logs::LogGroup for it: that fails the deploy when Connect (or an earlier stack) made the group.
    expect(
      all('AWS::Logs::LogGroup').some(([, g]) =>
        String(g.Properties.LogGroupName).startsWith('/aws/connect/'),
      ),
    ).toBe(false);
    const calls = Object.entries(t.findResources('Custom::AWS')).map(([id, r]) => {
      const p = (r as { Properties: { Create?: unknown; Update?: unknown } }).Properties;
      return { id, create: sdkCall(p.Create), update: sdkCall(p.Update) };
    });
    const create = calls.find((c) => c.create.action === 'CreateLogGroup')!;
    const retention = calls.find((c) => c.create.action === 'PutRetentionPolicy')!;
    expect(create.create).toMatchObject({
      service: 'CloudWatchLogs',
      parameters: { logGroupName: '/aws/connect/brightline-appliances' },
      ignoreErrorCodesMatching: 'ResourceAlreadyExistsException',
    });
    expect(create.update).toEqual(create.create);
    expect(retention.create.parameters).toEqual({
      logGroupName: '/aws/connect/brightline-appliances',
      retentionInDays: 30,
    });
    expect(retention.update).toEqual(retention.create);
    // The retention is set after the group exists, and both before Connect may write flow logs.
    const dependsOn = (id: string) =>
      ((t.toJSON().Resources as Record<string, { DependsOn?: string[] }>)[id]!.DependsOn ?? []) as string[];
    expect(dependsOn(retention.id)).toContain(create.id);
    const [instanceId] = Object.keys(t.findResources('AWS::Connect::Instance'));
    expect(dependsOn(instanceId!)).toEqual(expect.arrayContaining([create.id, retention.id]));
  });
});
