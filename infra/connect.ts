import { ArnFormat, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { businessHours, holidayOverrides } from './hours.ts';

export interface ConnectInstanceProps {
  readonly config: SwitchboardConfig;
  /** How long Connect's flow logs are kept. Default: one month. */
  readonly flowLogRetention?: logs.RetentionDays;
}

/** ASCII names: Connect drops CloudWatch dimensions for names with other characters. */
export function metricSafeName(name: string, fallback: string): string {
  const ascii = name.replace(/[^0-9A-Za-z .,\-_/#:$@|&{}+?%]/g, '').trim();
  return ascii.length > 0 ? ascii.slice(0, 127) : fallback;
}

/**
 * The Amazon Connect instance with Connect-managed users and flow logs, its hours of operation (from
 * the staffed shifts, with the holidays as overrides), the queues, a routing profile for agents, and an
 * optional claimed phone number. The instance and number are retained on delete: instances are limited
 * per 30 days and a released number cannot be reclaimed.
 */
export class ConnectInstance extends Construct {
  readonly instance: connect.CfnInstance;
  readonly hours: connect.CfnHoursOfOperation;
  readonly queues: Record<string, connect.CfnQueue>;
  readonly queueNames: Record<string, string>;
  readonly routingProfile: connect.CfnRoutingProfile;
  readonly phoneNumber?: connect.CfnPhoneNumber;
  /**
   * Connect's flow logs (`/aws/connect/<instance alias>`): created, or adopted when it already exists, and
   * given a retention, so that they expire (`FlowLogGroup`).
   */
  readonly flowLogs: FlowLogGroup;
  private readonly lambdaAssociations: connect.CfnIntegrationAssociation[] = [];

  constructor(scope: Construct, id: string, props: ConnectInstanceProps) {
    super(scope, id);
    const c = props.config;
    this.instance = new connect.CfnInstance(this, 'Instance', {
      identityManagementType: 'CONNECT_MANAGED',
      instanceAlias: c.deployment.instanceAlias,
      attributes: {
        inboundCalls: true,
        outboundCalls: true,
        contactflowLogs: true,
        autoResolveBestVoices: true,
        earlyMedia: true,
        contactLens: false,
      },
    });
    this.instance.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.flowLogs = new FlowLogGroup(this, 'FlowLogs', {
      logGroupName: `/aws/connect/${c.deployment.instanceAlias}`,
      retention: props.flowLogRetention ?? logs.RetentionDays.ONE_MONTH,
    });
    this.instance.node.addDependency(this.flowLogs);

    this.hours = new connect.CfnHoursOfOperation(this, 'Hours', {
      instanceArn: this.instance.attrArn,
      name: 'Switchboard staffed hours',
      description: 'When a shift with agents is on (from switchboard.yaml); holidays closed',
      timeZone: c.business.timezone,
      config: businessHours(c),
      hoursOfOperationOverrides: holidayOverrides(c),
    });

    this.queues = {};
    this.queueNames = {};
    for (const q of c.queues) {
      const name = metricSafeName(q.name, q.id);
      this.queueNames[q.id] = name;
      this.queues[q.id] = new connect.CfnQueue(this, `Queue ${q.id}`, {
        instanceArn: this.instance.attrArn,
        name,
        description: `${q.name} (switchboard queue ${q.id})`.slice(0, 250),
        hoursOfOperationArn: this.hours.attrHoursOfOperationArn,
        status: 'ENABLED',
        ...(q.maxContacts ? { maxContacts: q.maxContacts } : {}),
      });
    }
    const defaultQueue = c.ivr.defaultQueue;
    this.routingProfile = new connect.CfnRoutingProfile(this, 'RoutingProfile', {
      instanceArn: this.instance.attrArn,
      name: 'Switchboard agents',
      description: 'Answers every Switchboard queue, one voice call at a time',
      defaultOutboundQueueArn: this.queues[defaultQueue]!.attrQueueArn,
      mediaConcurrencies: [{ channel: 'VOICE', concurrency: 1 }],
      queueConfigs: c.queues.map((q) => ({
        delay: 0,
        priority: 1,
        queueReference: { channel: 'VOICE', queueArn: this.queues[q.id]!.attrQueueArn },
      })),
    });

    if (c.deployment.phoneNumber) {
      this.phoneNumber = new connect.CfnPhoneNumber(this, 'PhoneNumber', {
        targetArn: this.instance.attrArn,
        countryCode: c.deployment.phoneNumber.countryCode,
        type: c.deployment.phoneNumber.type,
        description: 'Switchboard main line',
        ...(c.deployment.phoneNumber.prefix ? { prefix: c.deployment.phoneNumber.prefix } : {}),
      });
      this.phoneNumber.applyRemovalPolicy(RemovalPolicy.RETAIN);
    }
  }

  get instanceArn(): string {
    return this.instance.attrArn;
  }

  get instanceId(): string {
    return this.instance.attrId;
  }

  queueArns(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.queues).map(([id, q]) => [id, q.attrQueueArn]));
  }

  /** Registers a function with the instance and lets the instance (only) invoke it. */
  allowInvoke(id: string, fn: lambda.IFunction): connect.CfnIntegrationAssociation {
    const assoc = new connect.CfnIntegrationAssociation(this, `Lambda ${id}`, {
      instanceId: this.instance.attrArn,
      integrationType: 'LAMBDA_FUNCTION',
      integrationArn: fn.functionArn,
    });
    fn.addPermission(`ConnectInvoke${id}`, {
      principal: new iam.ServicePrincipal('connect.amazonaws.com'),
      sourceArn: this.instance.attrArn,
      sourceAccount: Stack.of(this).account,
    });
    this.lambdaAssociations.push(assoc);
    return assoc;
  }

  get associations(): connect.CfnIntegrationAssociation[] {
    return [...this.lambdaAssociations];
  }

  /**
   * Points the claimed number at a flow. CloudFormation cannot: a custom resource calls
   * AssociatePhoneNumberContactFlow on create and update, and the disassociation on delete.
   */
  associateNumber(flowArn: string): cr.AwsCustomResource | undefined {
    if (!this.phoneNumber) return undefined;
    const number = this.phoneNumber;
    const flowId = Fn.select(1, Fn.split('contact-flow/', flowArn));
    const call = (action: string, extra: Record<string, unknown> = {}): cr.AwsSdkCall => ({
      service: 'Connect',
      action,
      parameters: { InstanceId: this.instance.attrId, PhoneNumberId: number.attrPhoneNumberArn, ...extra },
      physicalResourceId: cr.PhysicalResourceId.of(`${number.node.path}-inbound`),
    });
    const assoc = new cr.AwsCustomResource(this, 'NumberToInbound', {
      onCreate: call('AssociatePhoneNumberContactFlow', { ContactFlowId: flowId }),
      onUpdate: call('AssociatePhoneNumberContactFlow', { ContactFlowId: flowId }),
      onDelete: call('DisassociatePhoneNumberContactFlow'),
      installLatestAwsSdk: false,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['connect:AssociatePhoneNumberContactFlow', 'connect:DisassociatePhoneNumberContactFlow'],
          resources: [number.attrPhoneNumberArn, flowArn, this.instance.attrArn],
        }),
      ]),
    });
    assoc.node.addDependency(number);
    return assoc;
  }
}

export interface FlowLogGroupProps {
  /** `/aws/connect/<instance alias>`: the group Connect writes flow logs to. */
  readonly logGroupName: string;
  readonly retention: logs.RetentionDays;
}

/**
 * Connect writes flow logs to `/aws/connect/<instance alias>` and creates the group, without retention,
 * when it does not exist (Connect admin guide, "Flow logs"). Flow logs carry contact attributes, so they
 * must expire. A CloudFormation `AWS::Logs::LogGroup` fails the deploy when the group already exists (an
 * instance alias used before, a stack deployed again after a delete, Connect having logged first), so two
 * SDK calls do it instead, on create and on every update: CreateLogGroup, where "already exists"
 * (ResourceAlreadyExistsException) means the group is adopted, then PutRetentionPolicy. The group is kept
 * when the stack is deleted: it may hold Connect's logs from before, and it expires by its retention.
 */
export class FlowLogGroup extends Construct {
  readonly logGroupName: string;
  readonly retention: logs.RetentionDays;
  readonly create: cr.AwsCustomResource;
  readonly setRetention: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: FlowLogGroupProps) {
    super(scope, id);
    this.logGroupName = props.logGroupName;
    this.retention = props.retention;
    const arn = Stack.of(this).formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: props.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    // CloudWatch Logs authorizes these calls on the group's ARN, written with or without a trailing :*.
    const policy = (action: string) =>
      cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: [`logs:${action}`], resources: [arn, `${arn}:*`] }),
      ]);
    const create: cr.AwsSdkCall = {
      service: 'CloudWatchLogs',
      action: 'CreateLogGroup',
      parameters: { logGroupName: props.logGroupName },
      physicalResourceId: cr.PhysicalResourceId.of(props.logGroupName),
      ignoreErrorCodesMatching: 'ResourceAlreadyExistsException',
    };
    this.create = new cr.AwsCustomResource(this, 'Create', {
      onCreate: create,
      onUpdate: create,
      installLatestAwsSdk: false,
      policy: policy('CreateLogGroup'),
    });
    const retention: cr.AwsSdkCall = {
      service: 'CloudWatchLogs',
      action: 'PutRetentionPolicy',
      parameters: { logGroupName: props.logGroupName, retentionInDays: props.retention },
      physicalResourceId: cr.PhysicalResourceId.of(`${props.logGroupName}-retention`),
    };
    this.setRetention = new cr.AwsCustomResource(this, 'Retention', {
      onCreate: retention,
      onUpdate: retention,
      installLatestAwsSdk: false,
      policy: policy('PutRetentionPolicy'),
    });
    this.setRetention.node.addDependency(this.create);
    const stack = Stack.of(this);
    for (const call of [this.create, this.setRetention]) {
      const policy = call.node.tryFindChild('CustomResourcePolicy');
      if (policy)
        Validations.of(policy).acknowledge({
          id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:${stack.region}:<AWS::AccountId>:log-group:${props.logGroupName}:*]`,
          reason:
            'The one log group Connect writes flow logs to, in the form with :* that CloudWatch Logs also authorizes on; one action each',
        });
    }
  }
}
