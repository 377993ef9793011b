import { Match, type Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SwitchboardStack } from '../../infra/stack.ts';
import { enConfig, zhConfig } from '../helpers.ts';
import { synthStack } from './helpers.ts';

let stack: SwitchboardStack;
let t: Template;
beforeAll(() => {
  ({ stack, template: t } = synthStack(enConfig()));
});

const resourcesOf = (type: string) =>
  Object.values(t.findResources(type)) as Array<{
    Properties: Record<string, unknown>;
    DependsOn?: string[];
    DeletionPolicy?: string;
  }>;

describe('Connect', () => {
  it('creates a retained instance with Connect-managed users, inbound/outbound calls and flow logs', () => {
    t.hasResource('AWS::Connect::Instance', {
      DeletionPolicy: 'Retain',
      Properties: {
        IdentityManagementType: 'CONNECT_MANAGED',
        InstanceAlias: 'brightline-appliances',
        Attributes: Match.objectLike({ InboundCalls: true, OutboundCalls: true, ContactflowLogs: true }),
      },
    });
  });

  it('derives hours of operation from staffed shifts, with holidays as CLOSED overrides', () => {
    t.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      TimeZone: 'America/Chicago',
      Config: Match.arrayWith([
        { Day: 'MONDAY', StartTime: { Hours: 8, Minutes: 0 }, EndTime: { Hours: 20, Minutes: 0 } },
      ]),
      HoursOfOperationOverrides: Match.arrayWith([
        Match.objectLike({
          OverrideName: 'Christmas Day',
          EffectiveFrom: '2026-12-25',
          EffectiveTill: '2026-12-25',
          OverrideType: 'CLOSED',
        }),
      ]),
    });
    const hours = resourcesOf('AWS::Connect::HoursOfOperation')[0]!.Properties.Config as Array<{
      Day: string;
    }>;
    expect(hours.map((h) => h.Day)).not.toContain('SUNDAY');
  });

  it('creates the queues and a routing profile that answers all of them', () => {
    expect(
      resourcesOf('AWS::Connect::Queue')
        .map((q) => q.Properties.Name)
        .sort(),
    ).toEqual(['General enquiries', 'Orders and delivery', 'Sales', 'Service and repairs']);
    t.hasResourceProperties('AWS::Connect::RoutingProfile', {
      MediaConcurrencies: [{ Channel: 'VOICE', Concurrency: 1 }],
      QueueConfigs: Match.arrayWith([Match.objectLike({ Priority: 1 })]),
    });
    expect(
      (resourcesOf('AWS::Connect::RoutingProfile')[0]!.Properties.QueueConfigs as unknown[]).length,
    ).toBe(4);
  });

  it('claims a retained number and points it at the inbound flow with a custom resource', () => {
    t.hasResource('AWS::Connect::PhoneNumber', {
      DeletionPolicy: 'Retain',
      Properties: { CountryCode: 'US', Type: 'DID' },
    });
    const assoc = Object.values(t.findResources('Custom::AWS')).find((r) =>
      JSON.stringify(r).includes('AssociatePhoneNumberContactFlow'),
    );
    expect(JSON.stringify(assoc)).toContain('DisassociatePhoneNumberContactFlow');
    expect(JSON.stringify(assoc)).toContain(stack.getLogicalId(stack.flows.flows.inbound));
  });

  it('associates the call-path Lambdas and lets only this instance invoke them', () => {
    expect(
      resourcesOf('AWS::Connect::IntegrationAssociation').filter(
        (r) => r.Properties.IntegrationType === 'LAMBDA_FUNCTION',
      ),
    ).toHaveLength(5);
    const connectPermissions = resourcesOf('AWS::Lambda::Permission').filter(
      (p) => p.Properties.Principal === 'connect.amazonaws.com',
    );
    expect(connectPermissions).toHaveLength(5);
    for (const p of connectPermissions)
      expect(p.Properties.SourceArn).toEqual({
        'Fn::GetAtt': [stack.getLogicalId(stack.connect.instance), 'Arn'],
      });
  });

  it('has a Lex V2 bot in the business locale whose intents are fulfilled by the assistant', () => {
    t.hasResourceProperties('AWS::Lex::Bot', {
      DataPrivacy: { ChildDirected: false },
      BotLocales: [
        Match.objectLike({
          LocaleId: 'en_US',
          VoiceSettings: { VoiceId: 'Joanna', Engine: 'neural' },
          Intents: Match.arrayWith([
            Match.objectLike({ Name: 'LeaveMessage', FulfillmentCodeHook: { Enabled: true } }),
            Match.objectLike({
              Name: 'FallbackIntent',
              ParentIntentSignature: 'AMAZON.FallbackIntent',
              FulfillmentCodeHook: { Enabled: true },
            }),
          ]),
        }),
      ],
    });
    t.hasResourceProperties('AWS::Lex::BotAlias', {
      BotAliasLocaleSettings: [
        Match.objectLike({
          BotAliasLocaleSetting: Match.objectLike({
            CodeHookSpecification: { LambdaCodeHook: Match.objectLike({ CodeHookInterfaceVersion: '1.0' }) },
          }),
        }),
      ],
    });
    t.hasResourceProperties('AWS::Connect::IntegrationAssociation', { IntegrationType: 'LEX_BOT' });
  });
});

describe('flows', () => {
  it('deploys the generated flows with their types, and the designer export from contact-flows/custom', () => {
    const flows = resourcesOf('AWS::Connect::ContactFlow');
    expect(flows.map((f) => `${f.Properties.Name}:${f.Properties.Type}`).sort()).toEqual([
      'Priority line:CONTACT_FLOW',
      'Switchboard assistant:CONTACT_FLOW',
      'Switchboard customer queue:CUSTOMER_QUEUE',
      'Switchboard disconnect survey:CONTACT_FLOW',
      'Switchboard inbound:CONTACT_FLOW',
      'Switchboard outbound page:CONTACT_FLOW',
    ]);
  });

  it('keeps ARNs as tokens inside the content and makes each flow wait for the integrations it calls', () => {
    const inbound = t.findResources('AWS::Connect::ContactFlow', {
      Properties: { Name: 'Switchboard inbound' },
    });
    const [id, res] = Object.entries(inbound)[0]! as [
      string,
      { Properties: { Content: unknown }; DependsOn: string[] },
    ];
    const content = JSON.stringify(res.Properties.Content);
    expect(content).toContain('Fn::Join');
    expect(content).toContain(stack.getLogicalId(stack.functions.route!.function.node.defaultChild as never));
    expect(content).not.toMatch(/%Lambda:|%Queue:/);
    const lambdaAssociations = Object.keys(t.findResources('AWS::Connect::IntegrationAssociation'));
    for (const a of lambdaAssociations) expect(res.DependsOn, `${id} depends on ${a}`).toContain(a);
  });
});

describe('missed calls in AWS', () => {
  it('the contact-events function can read the roster, write tickets and text the caller', () => {
    const fn = stack.operations.contactEvents.function.node.defaultChild as never;
    const props = t.toJSON().Resources[stack.getLogicalId(fn)].Properties as {
      Environment: { Variables: Record<string, unknown> };
    };
    expect(Object.keys(props.Environment.Variables)).toEqual(
      expect.arrayContaining(['DIRECTORY_TABLE', 'RECORDS_TABLE']),
    );
    const role = stack.getLogicalId(stack.operations.contactEvents.role.node.defaultChild as never);
    const statements = Object.values(t.findResources('AWS::IAM::Policy'))
      .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
      .flatMap((p) => p.Properties.PolicyDocument.Statement as Array<{ Action: string | string[] }>)
      .flatMap((st) => (Array.isArray(st.Action) ? st.Action : [st.Action]));
    expect(statements).toEqual(expect.arrayContaining(['sns:Publish', 'dynamodb:PutItem', 'dynamodb:Query']));
  });
});

describe('functions', () => {
  it('run on Node 24, ARM64, with source maps, log groups with retention and call-path time-outs within 8 s', () => {
    const ours = new Set(
      Object.values(stack.functions).map((f) => stack.getLogicalId(f.function.node.defaultChild as never)),
    );
    const fns = Object.entries(t.findResources('AWS::Lambda::Function'))
      .filter(([id]) => ours.has(id))
      .map(([, r]) => r as { Properties: Record<string, unknown> });
    expect(fns).toHaveLength(9);
    for (const f of fns) {
      expect(f.Properties.Runtime).toBe('nodejs24.x');
      expect(f.Properties.Architectures).toEqual(['arm64']);
      expect((f.Properties.Environment as { Variables: Record<string, string> }).Variables.NODE_OPTIONS).toBe(
        '--enable-source-maps',
      );
      expect(f.Properties.LoggingConfig).toBeDefined();
    }
    const callPath = fns.filter((f) => String(f.Properties.Description).startsWith('Call path'));
    expect(callPath).toHaveLength(4);
    for (const f of callPath) expect(f.Properties.Timeout as number).toBeLessThanOrEqual(8);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('grant each function only the tables and indexes it uses, without managed policies', () => {
    const routePolicy = JSON.stringify(
      resourcesOf('AWS::IAM::Policy').find((p) =>
        JSON.stringify(p).includes(
          stack.getLogicalId(stack.functions.route!.role.node.defaultChild as never),
        ),
      ),
    );
    expect(routePolicy).toContain('dynamodb:BatchGetItem');
    expect(routePolicy).not.toContain('dynamodb:PutItem');
    const roles = resourcesOf('AWS::IAM::Role').filter((r) =>
      String(r.Properties.Description ?? '').startsWith('switchboard '),
    );
    for (const r of roles) expect(r.Properties.ManagedPolicyArns).toBeUndefined();
  });
});

describe('data', () => {
  it('creates on-demand tables with point-in-time recovery and deletion protection, retained on delete', () => {
    const tables = Object.values(t.findResources('AWS::DynamoDB::Table')) as Array<{
      DeletionPolicy: string;
      Properties: Record<string, unknown>;
    }>;
    expect(tables).toHaveLength(2);
    for (const table of tables) {
      expect(table.DeletionPolicy).toBe('Retain');
      expect(table.Properties).toMatchObject({
        BillingMode: 'PAY_PER_REQUEST',
        DeletionProtectionEnabled: true,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'byCaller' }),
        Match.objectLike({ IndexName: 'openByDue' }),
        Match.objectLike({ IndexName: 'contactsByMonth' }),
        Match.objectLike({ IndexName: 'ticketsByMonth' }),
      ],
    });
  });

  it('seeds the directory from the config and re-seeds when the config changes', () => {
    const seed = Object.values(t.findResources('Custom::SwitchboardSeed'))[0] as {
      Properties: { ConfigKey: unknown; ConfigHash: string };
    };
    // The config travels as an S3 asset: the properties (which the provider framework logs) hold no
    // names, numbers or e-mails.
    expect(JSON.stringify(seed.Properties)).not.toMatch(/Brightline|\+1312|@brightline/);
    expect(seed.Properties.ConfigKey).toBeDefined();
    const changed = enConfig();
    changed.faq = changed.faq.slice(1);
    const other = synthStack(changed).template;
    const seed2 = Object.values(other.findResources('Custom::SwitchboardSeed'))[0] as {
      Properties: { ConfigHash: string };
    };
    expect(seed2.Properties.ConfigHash).not.toBe(seed.Properties.ConfigHash);
  });
});

describe('recordings', () => {
  it('stores recordings in S3 with a rotated customer-managed key, TLS only, no public access, access logs and expiry', () => {
    t.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({
            BucketKeyEnabled: true,
            ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }),
          }),
        ],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'recordings/' }),
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90, Status: 'Enabled' })] },
    });
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      Description: 'Switchboard call recordings and transcripts',
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::Connect::InstanceStorageConfig', {
      ResourceType: 'CALL_RECORDINGS',
      StorageType: 'S3',
      S3Config: Match.objectLike({
        BucketPrefix: 'connect',
        EncryptionConfig: Match.objectLike({ EncryptionType: 'KMS' }),
      }),
    });
  });

  it('sends new recordings and finished Transcribe jobs to the transcribe function', () => {
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.s3'], 'detail-type': ['Object Created'] }),
    });
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({
        source: ['aws.transcribe'],
        'detail-type': ['Transcribe Job State Change'],
      }),
    });
  });
});

describe('schedules', () => {
  it('runs the handover every 5 minutes in UTC with the scheduled time, and the health check every 5 minutes', () => {
    const schedules = resourcesOf('AWS::Scheduler::Schedule');
    const handovers = schedules.filter((s) =>
      String((s.Properties.Target as { Input?: string }).Input ?? '').includes('scheduledTime'),
    );
    expect(
      handovers.map((s) => [
        s.Properties.ScheduleExpression,
        s.Properties.ScheduleExpressionTimezone,
        JSON.parse((s.Properties.Target as { Input: string }).Input),
      ]),
    ).toEqual([
      ['cron(0/5 * * * ? *)', 'UTC', { scheduledTime: '<aws.scheduler.scheduled-time>', windowMinutes: 5 }],
    ]);
    expect(schedules.some((s) => s.Properties.ScheduleExpression === 'rate(5 minutes)')).toBe(true);
  });
});

describe('alerts and alarms', () => {
  it('encrypts the alert topic with a key CloudWatch may use, enforces TLS, and subscribes e-mail and SMS', () => {
    t.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Switchboard alerts',
      KmsMasterKeyId: Match.anyValue(),
    });
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@brightline.example',
    });
    t.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sms', Endpoint: '+13125550199' });
  });

  it('alarms on the line, the functions, the tables, SMS and the health metric, with OK actions', () => {
    const alarms = resourcesOf('AWS::CloudWatch::Alarm');
    const metric = (name: string) => alarms.filter((a) => a.Properties.MetricName === name);
    for (const name of [
      'ContactFlowFatalErrors',
      'MisconfiguredPhoneNumbers',
      'ThrottledCalls',
      'CallsBreachingConcurrencyQuota',
      'CallRecordingUploadError',
      'QueueCapacityExceededError',
      'ConcurrentCallsPercentage',
      'LongestQueueWaitTime',
      'MissedCalls',
      'Errors',
      'Throttles',
      'Duration',
      'NumberOfNotificationsFailed',
      'SMSMonthToDateSpentUSD',
      'Healthy',
    ])
      expect(metric(name).length, name).toBeGreaterThan(0);
    expect(metric('ContactFlowFatalErrors')).toHaveLength(6);
    expect(metric('LongestQueueWaitTime')).toHaveLength(4);
    expect(metric('LongestQueueWaitTime')[0]!.Properties.Threshold).toBe(30);
    expect(metric('ConcurrentCallsPercentage')[0]!.Properties).toMatchObject({
      Threshold: 0.8,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(metric('Healthy')[0]!.Properties).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      Namespace: 'Switchboard',
    });
    const routeSlow = metric('Duration').find((a) =>
      JSON.stringify(a).includes(
        stack.getLogicalId(stack.functions.route!.function.node.defaultChild as never),
      ),
    );
    expect(routeSlow!.Properties).toMatchObject({ ExtendedStatistic: 'p99', Threshold: 2400 });
    expect(
      alarms.filter((a) => (a.Properties.AlarmDescription as string).includes('DynamoDB')).length,
    ).toBeGreaterThanOrEqual(4);
    for (const a of alarms) {
      expect(a.Properties.AlarmActions, String(a.Properties.AlarmDescription)).toHaveLength(1);
      expect(a.Properties.OKActions, String(a.Properties.AlarmDescription)).toEqual(
        a.Properties.AlarmActions,
      );
    }
    t.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('prints the phone number, the Connect login URL and the alert topic', () => {
    t.hasOutput('PhoneNumber', {
      Value: { 'Fn::GetAtt': [stack.getLogicalId(stack.connect.phoneNumber!), 'Address'] },
    });
    t.hasOutput('ConnectLoginUrl', { Value: 'https://brightline-appliances.my.connect.aws/' });
    t.hasOutput('AlertTopicArn', Match.anyValue());
  });
});

describe('the zh-CN config', () => {
  it('deploys around the clock in Shanghai with a Chinese bot and no claimed number', () => {
    const { template } = synthStack(zhConfig());
    template.hasResourceProperties('AWS::Connect::HoursOfOperation', {
      TimeZone: 'Asia/Shanghai',
      Config: Match.arrayWith([
        { Day: 'SUNDAY', StartTime: { Hours: 0, Minutes: 0 }, EndTime: { Hours: 0, Minutes: 0 } },
      ]),
    });
    template.hasResourceProperties('AWS::Lex::Bot', {
      BotLocales: [
        Match.objectLike({ LocaleId: 'zh_CN', VoiceSettings: { VoiceId: 'Zhiyu', Engine: 'neural' } }),
      ],
    });
    template.resourceCountIs('AWS::Connect::PhoneNumber', 0);
    template.hasOutput('PhoneNumber', { Value: Match.stringLikeRegexp('none claimed') });
    // Queue names are CloudWatch dimensions: Chinese names fall back to the ASCII queue id.
    const names = Object.values(template.findResources('AWS::Connect::Queue')).map(
      (q) => (q as { Properties: { Name: string } }).Properties.Name,
    );
    expect(names.sort()).toEqual(['general', 'orders', 'repair']);
  });
});
