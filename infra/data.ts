import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomResource, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { SwitchboardConfig } from '../config/schema.ts';
import { TTL_ATTRIBUTE } from '../lambdas/domain/repositories.ts';
import { DIRECTORY_TABLE, RECORDS_TABLE, type TableDefinition } from '../lambdas/domain/tables.ts';
import { SwitchboardFunction, type SwitchboardFunctionProps } from './function.ts';

export interface DataProps {
  readonly config: SwitchboardConfig;
  /** For tests: inline code instead of bundling. */
  readonly code?: SwitchboardFunctionProps['code'];
}

function table(scope: Construct, id: string, def: TableDefinition, ttl?: string): dynamodb.Table {
  const t = new dynamodb.Table(scope, id, {
    ...(ttl ? { timeToLiveAttribute: ttl } : {}),
    partitionKey: { name: def.partitionKey, type: dynamodb.AttributeType.STRING },
    sortKey: { name: def.sortKey, type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
  });
  for (const i of def.indexes)
    t.addGlobalSecondaryIndex({
      indexName: i.name,
      partitionKey: { name: i.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: i.sortKey, type: dynamodb.AttributeType.STRING },
      projectionType: dynamodb.ProjectionType.ALL,
    });
  return t;
}

/** The config JSON in a folder of its own (an asset is a file or folder on disk), named by its hash. */
function writeConfigFile(json: string, hash: string): string {
  const dir = join(tmpdir(), 'switchboard-config', hash.slice(0, 16));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'config.json');
  writeFileSync(file, json);
  return file;
}

export type TableAccess = 'read' | 'write' | 'readwrite';

const READ = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/**
 * The two tables (on demand, point-in-time recovery, deletion protection, retained when the stack is
 * deleted) and the seed custom resource that writes the config's roster, holidays and FAQ to the
 * directory table on every deploy whose config changed. Tickets live in the records table, which the
 * seed never touches.
 */
export class SwitchboardData extends Construct {
  readonly directory: dynamodb.Table;
  readonly records: dynamodb.Table;
  readonly seed: SwitchboardFunction;
  readonly seedResource: CustomResource;
  /** The config as JSON in the CDK assets bucket, read by the seed function. */
  readonly configAsset: s3assets.Asset;
  private readonly definitions = new Map<dynamodb.Table, TableDefinition>();

  constructor(scope: Construct, id: string, props: DataProps) {
    super(scope, id);
    this.directory = table(this, 'Directory', DIRECTORY_TABLE);
    // Items with `expiresAt` (epoch seconds) expire: the per-number counters of texts and callbacks.
    this.records = table(this, 'Records', RECORDS_TABLE, TTL_ATTRIBUTE);
    this.definitions.set(this.directory, DIRECTORY_TABLE);
    this.definitions.set(this.records, RECORDS_TABLE);

    this.seed = new SwitchboardFunction(this, 'Seed', {
      name: 'seed',
      description: 'Writes switchboard.yaml (roster, holidays, FAQ) to the directory table at deploy',
      timeout: Duration.minutes(2),
      environment: this.environment(),
      ...(props.code ? { code: props.code } : {}),
    });
    this.grant(this.seed.role, this.directory, 'readwrite');
    // The provider framework logs every request it forwards: its log group keeps a week.
    const provider = new cr.Provider(this, 'SeedProvider', {
      onEventHandler: this.seed.function,
      logGroup: new logs.LogGroup(this, 'SeedProviderLogs', {
        retention: logs.RetentionDays.ONE_WEEK,
        removalPolicy: RemovalPolicy.DESTROY,
      }),
    });
    // The config (names, numbers, e-mails) travels as an S3 asset, not as a resource property: the
    // provider framework would log the properties, and CloudFormation shows them in the console.
    const configJson = JSON.stringify(props.config);
    const hash = createHash('sha256').update(configJson).digest('hex');
    this.configAsset = new s3assets.Asset(this, 'ConfigAsset', { path: writeConfigFile(configJson, hash) });
    this.seed.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['s3:GetObject'],
        resources: [this.configAsset.bucket.arnForObjects(this.configAsset.s3ObjectKey)],
      }),
    );
    this.seedResource = new CustomResource(this, 'Seed Directory', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::SwitchboardSeed',
      properties: {
        ConfigBucket: this.configAsset.s3BucketName,
        ConfigKey: this.configAsset.s3ObjectKey,
        // A changed config changes the hash (and the asset key), which re-runs the seed.
        ConfigHash: hash,
      },
    });
    this.seedResource.node.addDependency(this.directory);
  }

  environment(): Record<string, string> {
    return { DIRECTORY_TABLE: this.directory.tableName, RECORDS_TABLE: this.records.tableName };
  }

  /** Least privilege: the table and its named indexes, with only the actions the function uses. */
  grant(role: iam.IRole, t: dynamodb.Table, access: TableAccess): void {
    const def = this.definitions.get(t)!;
    const actions = [...(access === 'write' ? [] : READ), ...(access === 'read' ? [] : WRITE)];
    const stack = Stack.of(this);
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions,
        resources: [
          t.tableArn,
          ...def.indexes.map((i) =>
            stack.formatArn({
              service: 'dynamodb',
              resource: 'table',
              resourceName: `${t.tableName}/index/${i.name}`,
            }),
          ),
        ],
      }),
    );
  }
}
