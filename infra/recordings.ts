import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as connect from 'aws-cdk-lib/aws-connect';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { DeadLetters } from './dead-letters.ts';

export interface RecordingsProps {
  readonly instanceArn: string;
  readonly retentionDays: number;
  /** The transcribe Lambda: started by new recordings and by Transcribe's job-state events. */
  readonly transcriber: lambda.IFunction;
  readonly transcriberRole: iam.IRole;
  /** Topic the dead-letter alarm notifies. */
  readonly alarmTopic?: sns.ITopic;
}

export const RECORDINGS_PREFIX = 'connect';
export const TRANSCRIPTS_PREFIX = 'transcripts';

/**
 * Call recordings: an S3 bucket encrypted with a customer-managed KMS key (rotated), TLS only, public
 * access blocked, server access logs, expiry after `recordings.retentionDays`; Connect's instance
 * storage for call recordings; and the events that drive transcription.
 */
export class Recordings extends Construct {
  readonly key: kms.Key;
  readonly bucket: s3.Bucket;
  readonly logs: s3.Bucket;
  /** Recording and transcription events that failed through every retry. */
  readonly deadLetters: DeadLetters;

  constructor(scope: Construct, id: string, props: RecordingsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Switchboard call recordings and transcripts',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(Math.max(props.retentionDays, 90)) }],
    });
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.key,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logs,
      serverAccessLogsPrefix: 'recordings/',
      eventBridgeEnabled: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [{ expiration: Duration.days(props.retentionDays) }],
    });
    new connect.CfnInstanceStorageConfig(this, 'CallRecordings', {
      instanceArn: props.instanceArn,
      resourceType: 'CALL_RECORDINGS',
      storageType: 'S3',
      s3Config: {
        bucketName: this.bucket.bucketName,
        bucketPrefix: RECORDINGS_PREFIX,
        encryptionConfig: { encryptionType: 'KMS', keyId: this.key.keyArn },
      },
    });

    this.deadLetters = new DeadLetters(this, 'DeadLetters', {
      what: 'A transcription (start or attach)',
      ...(props.alarmTopic ? { alarmTopic: props.alarmTopic } : {}),
    });
    const target = () =>
      new targets.LambdaFunction(props.transcriber, {
        retryAttempts: 4,
        deadLetterQueue: this.deadLetters.queue,
      });
    new events.Rule(this, 'NewRecording', {
      description: 'A new call recording starts its transcription',
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [this.bucket.bucketName] },
          object: { key: [{ prefix: `${RECORDINGS_PREFIX}/` }] },
        },
      },
      targets: [target()],
    });
    new events.Rule(this, 'TranscriptionDone', {
      description: 'A finished Switchboard transcription is attached to its ticket',
      eventPattern: {
        source: ['aws.transcribe'],
        detailType: ['Transcribe Job State Change'],
        detail: {
          TranscriptionJobStatus: ['COMPLETED', 'FAILED'],
          TranscriptionJobName: [{ prefix: 'switchboard-' }],
        },
      },
      targets: [target()],
    });

    // Transcribe reads the recording and writes the transcript with the caller's permissions.
    props.transcriberRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [
          this.bucket.arnForObjects(`${RECORDINGS_PREFIX}/*`),
          this.bucket.arnForObjects(`${TRANSCRIPTS_PREFIX}/*`),
        ],
      }),
    );
    props.transcriberRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects(`${TRANSCRIPTS_PREFIX}/*`)],
      }),
    );
    props.transcriberRole.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: [this.key.keyArn],
      }),
    );
  }
}
