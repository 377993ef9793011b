import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { FLOW_FUNCTION_NAMES, FLOW_FUNCTIONS, type FlowFunctionName } from '../contact-flows/contracts.ts';
import { Alarms } from './alarms.ts';
import { Alerts } from './alerts.ts';
import { ConnectInstance } from './connect.ts';
// console: the web console (issue 9)
import { SwitchboardConsole } from './console.ts';
import { SwitchboardData } from './data.ts';
import { Escalation } from './escalation.ts';
import { ContactFlows } from './flows.ts';
import { SwitchboardFunction } from './function.ts';
import { AssistantBot } from './lex.ts';
import { retainFunctionLogs } from './logs.ts';
import { Operations } from './operations.ts';
import { phoneCountriesOf } from './phone-metadata.ts';
import { Recordings } from './recordings.ts';
import { Schedules } from './schedules.ts';

/**
 * What each flow-invoked function of the contract registry may touch. One entry per contract: adding a
 * function to the registry without saying what it may read does not compile.
 */
const FLOW_FUNCTION_ACCESS: Record<
  FlowFunctionName,
  { directory?: 'read'; records?: 'read' | 'write' | 'readwrite'; sms?: boolean }
> = {
  route: { directory: 'read', records: 'read' },
  ticket: { directory: 'read', records: 'readwrite', sms: true },
  // issue 10: the assistant keeps missed questions under the contact (PutItem only).
  assistant: { directory: 'read', records: 'write' },
  survey: { records: 'readwrite' },
  // escalation (issue 11): pages (SMS), acceptance on the ticket; the rest is granted by Escalation.
  escalate: { directory: 'read', records: 'readwrite', sms: true },
};

export interface SwitchboardStackProps extends StackProps {
  readonly config: SwitchboardConfig;
  /** Tests pass inline code to skip esbuild; a deploy always bundles the handlers. */
  readonly code?: lambda.Code;
}

/** Everything the phone line needs, from one config: one construct per concern. */
export class SwitchboardStack extends Stack {
  readonly data: SwitchboardData;
  readonly connect: ConnectInstance;
  readonly functions: Record<string, SwitchboardFunction>;
  readonly bot: AssistantBot;
  readonly flows: ContactFlows;
  readonly recordings: Recordings;
  readonly alerts: Alerts;
  readonly alarms: Alarms;
  readonly schedules: Schedules;
  /** Contact records, reports and missed calls (contact-events, weekly-report). */
  readonly operations: Operations;
  // console: the web console (issue 9)
  readonly console: SwitchboardConsole;
  readonly escalation: Escalation;

  constructor(scope: Construct, id: string, props: SwitchboardStackProps) {
    super(scope, id, props);
    const c = props.config;
    const code = props.code ? { code: props.code } : {};

    this.alerts = new Alerts(this, 'Alerts', { config: c });
    this.data = new SwitchboardData(this, 'Data', { config: c, ...code });
    this.connect = new ConnectInstance(this, 'Connect', { config: c });
    const tables = this.data.environment();

    const fn = (
      name: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof SwitchboardFunction>[2]> = {},
    ) =>
      new SwitchboardFunction(this, `Fn ${name}`, {
        name,
        description,
        ...code,
        ...extra,
        environment: { ...tables, ...extra.environment },
      });
    // The flow functions, from the contract registry: one function, its grants and its Connect
    // association per entry.
    // A caller waits through a flow function's cold start: only the line's countries' number rules.
    const phoneCountries = phoneCountriesOf(c);
    const flowFunctions = Object.fromEntries(
      FLOW_FUNCTION_NAMES.map((name) => {
        const contract = FLOW_FUNCTIONS[name];
        return [
          name,
          fn(name, contract.description, {
            timeout: Duration.seconds(contract.lambdaTimeoutSeconds),
            phoneCountries,
            ...(name === 'assistant' ? { environment: { BEDROCK_TIMEOUT_MS: '1500' } } : {}),
            // escalation (issue 11): the ticket function starts the escalation state machine.
            ...(name === 'ticket'
              ? { environment: { ESCALATION_STATE_MACHINE_ARN: Escalation.arnFor(this) } }
              : {}),
            ...(name === 'escalate' ? { environment: { ALERT_TOPIC_ARN: this.alerts.topic.topicArn } } : {}),
          }),
        ];
      }),
    ) as Record<FlowFunctionName, SwitchboardFunction>;
    const { assistant } = flowFunctions;
    const transcribe = fn('transcribe', 'Transcribes recordings and attaches transcripts to tickets', {
      timeout: Duration.seconds(60),
    });
    const handover = fn('handover', 'E-mails the next shift the open tickets at each shift end', {
      timeout: Duration.seconds(60),
      environment: { HANDOVER_TOPIC_ARN: this.alerts.handoverTopic.topicArn },
    });
    const health = fn(
      'health-check',
      'Checks the phone line every five minutes and publishes Switchboard/Healthy',
      { timeout: Duration.seconds(60) },
    );
    this.functions = {
      ...flowFunctions,
      transcribe,
      handover,
      'health-check': health,
      seed: this.data.seed,
    };

    for (const name of FLOW_FUNCTION_NAMES) {
      const access = FLOW_FUNCTION_ACCESS[name];
      const role = flowFunctions[name].role;
      if (access.directory) this.data.grant(role, this.data.directory, access.directory);
      if (access.records) this.data.grant(role, this.data.records, access.records);
      // SMS goes to phone numbers, which are not IAM resources.
      if (access.sms)
        role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }));
    }
    this.data.grant(transcribe.role, this.data.directory, 'read');
    this.data.grant(transcribe.role, this.data.records, 'readwrite');
    this.data.grant(handover.role, this.data.directory, 'read');
    // handover (issue 11): writes a "sent" marker per shift occurrence, so a retried run sends once.
    this.data.grant(handover.role, this.data.records, 'readwrite');
    this.alerts.allowPublish(handover.role, this.alerts.handoverTopic);
    if (c.assistant.provider === 'bedrock' && c.assistant.bedrockModelId)
      assistant.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['bedrock:InvokeModel'],
          resources: [
            this.formatArn({
              service: 'bedrock',
              account: '',
              resource: 'foundation-model',
              resourceName: c.assistant.bedrockModelId,
            }),
          ],
        }),
      );
    transcribe.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['transcribe:StartTranscriptionJob', 'transcribe:GetTranscriptionJob'],
        resources: [
          this.formatArn({
            service: 'transcribe',
            resource: 'transcription-job',
            resourceName: 'switchboard-*',
          }),
        ],
      }),
    );

    const associations = FLOW_FUNCTION_NAMES.map((name) =>
      this.connect.allowInvoke(name, flowFunctions[name].function),
    );
    this.bot = new AssistantBot(this, 'Assistant', {
      config: c,
      assistant: assistant.function,
      instanceArn: this.connect.instanceArn,
    });

    this.flows = new ContactFlows(this, 'Flows', {
      config: c,
      instanceArn: this.connect.instanceArn,
      functions: Object.fromEntries(
        FLOW_FUNCTION_NAMES.map((name) => [name, flowFunctions[name].function.functionArn]),
      ) as Record<FlowFunctionName, string>,
      queues: this.connect.queueArns(),
      lexBotAliasArn: this.bot.aliasArn,
      hoursArn: this.connect.hours.attrHoursOfOperationArn,
      dependsOn: [...associations, this.bot.association],
    });
    const numberAssociation = this.connect.associateNumber(this.flows.inboundArn);

    // escalation (issue 11): the timer of urgent pages, and what the ticket and escalate functions need.
    this.escalation = new Escalation(this, 'Escalation', {
      escalate: flowFunctions.escalate.function,
      escalateRole: flowFunctions.escalate.role,
      instanceArn: this.connect.instanceArn,
      instanceId: this.connect.instanceId,
      outboundFlowArn: this.flows.flows['outbound-page'].attrContactFlowArn,
      ...(this.connect.phoneNumber ? { sourcePhoneNumber: this.connect.phoneNumber.attrAddress } : {}),
    });
    flowFunctions.ticket.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['states:StartExecution'], resources: [Escalation.arnFor(this)] }),
    );
    this.alerts.allowPublish(flowFunctions.escalate.role, this.alerts.topic);

    this.recordings = new Recordings(this, 'Recordings', {
      instanceArn: this.connect.instanceArn,
      retentionDays: c.recordings.retentionDays,
      transcriber: transcribe.function,
      transcriberRole: transcribe.role,
      alarmTopic: this.alerts.topic,
    });
    transcribe.addEnvironment('RECORDINGS_BUCKET', this.recordings.bucket.bucketName);

    // The health check reads exactly the resources it checks.
    const instanceArn = this.connect.instanceArn;
    health.addEnvironment('INSTANCE_ID', this.connect.instanceId);
    health.addEnvironment('INBOUND_FLOW_ARN', this.flows.inboundArn);
    health.addEnvironment('QUEUE_ARNS', Object.values(this.connect.queueArns()).join(','));
    health.addEnvironment(
      'FLOW_ARNS',
      this.flows
        .all()
        .map((f) => f.attrContactFlowArn)
        .join(','),
    );
    health.addEnvironment(
      'LAMBDA_ARNS',
      FLOW_FUNCTION_NAMES.map((name) => flowFunctions[name].function.functionArn).join(','),
    );
    const checked = [
      instanceArn,
      ...Object.values(this.connect.queueArns()),
      ...this.flows.all().map((f) => f.attrContactFlowArn),
    ];
    if (this.connect.phoneNumber) {
      health.addEnvironment('PHONE_NUMBER_ARN', this.connect.phoneNumber.attrPhoneNumberArn);
      checked.push(this.connect.phoneNumber.attrPhoneNumberArn);
    }
    health.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: [
          'connect:DescribeInstance',
          'connect:DescribePhoneNumber',
          'connect:DescribeQueue',
          'connect:DescribeContactFlow',
          'connect:ListFlowAssociations',
          'connect:ListLambdaFunctions',
        ],
        resources: checked,
      }),
    );

    this.schedules = new Schedules(this, 'Schedules', {
      config: c,
      handover: handover.function,
      healthCheck: health.function,
      alarmTopic: this.alerts.topic,
    });

    // ops branch: contact records and the weekly report (the one line the lead keeps when stack.ts is rewritten).
    const operations = new Operations(this, 'Operations', {
      config: c,
      instanceArn,
      recordsTable: this.data.records,
      reportTopic: this.alerts.handoverTopic,
      reportTopicKey: this.alerts.key,
      alarmTopic: this.alerts.topic,
      ...code,
    });
    // Missed calls (abandoned in a queue, or hung up after choosing one) become tickets in the
    // contact-events function: it reads the roster and holidays, writes tickets and texts the caller.
    this.operations = operations;
    const missedCalls = operations.contactEvents;
    missedCalls.addEnvironment('DIRECTORY_TABLE', this.data.directory.tableName);
    this.data.grant(missedCalls.role, this.data.directory, 'read');
    this.data.grant(missedCalls.role, this.data.records, 'readwrite');
    // SMS goes to phone numbers, which are not IAM resources.
    missedCalls.role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['*'] }),
    );

    const flowNames = this.flows.all().map((f) => f.name);
    this.alarms = new Alarms(this, 'Alarms', {
      config: c,
      topic: this.alerts.topic,
      instanceId: this.connect.instanceId,
      flowNames,
      queueNames: Object.values(this.connect.queueNames),
      functions: this.functions,
      tables: [this.data.directory, this.data.records],
    });

    // console: the web console (issue 9); it outputs ConsoleUrl itself.
    this.console = new SwitchboardConsole(this, 'Console', {
      config: c,
      data: this.data,
      instanceArn: this.connect.instanceArn,
      recordings: { bucket: this.recordings.bucket, key: this.recordings.key },
      ...code,
    });
    // hardening: CDK's framework functions get log groups with retention too (after every construct exists).
    retainFunctionLogs(this);

    new CfnOutput(this, 'PhoneNumber', {
      description: 'The number callers dial',
      value: this.connect.phoneNumber
        ? this.connect.phoneNumber.attrAddress
        : 'none claimed: set deployment.phoneNumber, or claim one in the Connect console',
    });
    new CfnOutput(this, 'ConnectLoginUrl', {
      description: 'Where agents and managers sign in',
      value: `https://${c.deployment.instanceAlias}.my.connect.aws/`,
    });
    new CfnOutput(this, 'ConnectInstanceId', { value: this.connect.instanceId });
    new CfnOutput(this, 'AlertTopicArn', {
      description: 'Confirm the e-mail subscriptions it sends',
      value: this.alerts.topic.topicArn,
    });
    new CfnOutput(this, 'RecordingsBucket', { value: this.recordings.bucket.bucketName });
    new CfnOutput(this, 'DashboardName', { value: this.alarms.dashboard.dashboardName });
    if (numberAssociation)
      new CfnOutput(this, 'NumberAssociatedWith', { value: this.flows.flows.inbound.name });
  }
}
