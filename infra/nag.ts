import { type CfnElement, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { SwitchboardStack } from './stack.ts';

const BASIC_EXECUTION =
  'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]';

/**
 * cdk-nag findings we accept, each on the narrowest construct, with its reason. Everything else is fixed
 * in the constructs (own log-group-scoped roles, KMS with rotation, TLS-only buckets and topics, ...).
 * Granular findings name resources by logical id, which is derived here rather than copied.
 */
export function acknowledgeFindings(stack: SwitchboardStack): void {
  const at = (path: string): IConstruct | undefined => {
    let node: IConstruct | undefined = stack;
    for (const part of path.split('/')) node = node?.node.tryFindChild(part);
    return node;
  };
  const ack = (scope: IConstruct | undefined, id: string, reason: string) => {
    if (scope) Validations.of(scope).acknowledge({ id, reason });
  };
  const logicalId = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as CfnElement);

  // CDK's own framework functions (custom resource provider, AwsCustomResource, S3 notifications).
  const framework = 'CDK framework function: its role comes from aws-cdk-lib and only writes its own logs';
  ack(at('Data/SeedProvider/framework-onEvent'), BASIC_EXECUTION, framework);
  ack(at('AWS679f53fac002430cb0da5b7982bd2287'), BASIC_EXECUTION, framework);
  ack(at('BucketNotificationsHandler050a0587b7544547bf325f094a3db834'), BASIC_EXECUTION, framework);
  ack(
    at('Data/SeedProvider/framework-onEvent'),
    `AwsSolutions-IAM5[Resource::<${logicalId(stack.data.seed.function)}.Arn>:*]`,
    'The provider framework may invoke the seed function and its versions, nothing else',
  );

  ack(
    stack.functions.ticket!.role,
    'AwsSolutions-IAM5[Resource::*]',
    'SMS pages and confirmations are published to phone numbers, which have no ARN; sns:Publish is the only action',
  );
  ack(
    stack.operations.contactEvents.role,
    'AwsSolutions-IAM5[Resource::*]',
    'A missed call is confirmed to the caller by SMS, published to a phone number, which has no ARN; sns:Publish is the only action',
  );
  const transcribe = stack.functions.transcribe!.role;
  const bucket = `<${logicalId(stack.recordings.bucket)}.Arn>`;
  ack(
    transcribe,
    `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:transcribe:${stack.region}:<AWS::AccountId>:transcription-job/switchboard-*]`,
    'Jobs are named switchboard-<ContactId>, which is known only when a call is recorded',
  );
  ack(
    transcribe,
    `AwsSolutions-IAM5[Resource::${bucket}/connect/*]`,
    'Recordings are per-call objects under the fixed prefix Connect writes to',
  );
  ack(
    transcribe,
    `AwsSolutions-IAM5[Resource::${bucket}/transcripts/*]`,
    'Transcripts are per-call objects under one fixed prefix',
  );
  ack(
    stack.bot.node.tryFindChild('Role'),
    'AwsSolutions-IAM5[Resource::*]',
    'polly:SynthesizeSpeech has no resource-level permissions; the bot needs it to speak',
  );
}
