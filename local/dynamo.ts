import type { RequestListener } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '#domain/repositories.ts';
import { TABLES, type TableDefinition } from '#domain/tables.ts';
import { InProcessRequestHandler } from './in-process.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (opts: Record<string, unknown>) => import('node:http').Server;

export interface EmbeddedDynamo {
  endpoint: string;
  client: DynamoDBClient;
  doc: DynamoDBDocumentClient;
  tables: TableNames;
  close(): Promise<void>;
}

export function createTableInput(def: TableDefinition, tableName: string): CreateTableCommandInput {
  const attrs = new Set([
    def.partitionKey,
    def.sortKey,
    ...def.indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attrs].map((a) => ({ AttributeName: a, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: def.partitionKey, KeyType: 'HASH' },
      { AttributeName: def.sortKey, KeyType: 'RANGE' },
    ],
    ...(def.indexes.length
      ? {
          GlobalSecondaryIndexes: def.indexes.map((i) => ({
            IndexName: i.name,
            KeySchema: [
              { AttributeName: i.partitionKey, KeyType: 'HASH' },
              { AttributeName: i.sortKey, KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          })),
        }
      : {}),
  };
}

/**
 * The engine's request "signer": dynalite checks that a request carries a well-formed SigV4
 * `Authorization` header and an `X-Amz-Date`, never the signature itself (it has no secret to check it
 * with), so the engine's client sends a fixed well-formed header instead of hashing every body. Measured
 * with `scripts/bench.ts` (throughput): about a quarter of the cost of each call to the embedded store.
 * Clients that talk to dynalite over its port (the AWS CLI, a second process) sign as usual.
 */
const UNSIGNED = {
  async sign<R extends { headers: Record<string, string> }>(request: R): Promise<R> {
    request.headers['x-amz-date'] = '20260101T000000Z';
    request.headers.authorization =
      'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, ' +
      'SignedHeaders=host;x-amz-date, Signature=0';
    return request;
  },
};

/**
 * Starts dynalite on a random loopback port (in memory, or in `path` to keep data between runs) and
 * creates Switchboard's tables in it.
 */
export async function startDynamo(
  opts: {
    path?: string;
    prefix?: string;
    /** Kept for callers that ask for it: the engine's client always calls dynalite in process now. */
    inProcess?: boolean;
  } = {},
): Promise<EmbeddedDynamo> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(opts.path ? { path: opts.path } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  // The engine's own client hands requests to dynalite in-process (same requests and responses, no
  // socket); `endpoint` stays open for other tools (the AWS CLI, a second process).
  const listener = server.listeners('request')[0] as RequestListener;
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new InProcessRequestHandler(listener) as never,
    signer: UNSIGNED as never,
  });
  const prefix = opts.prefix ?? 'switchboard';
  const tables: TableNames = { directory: `${prefix}-directory`, records: `${prefix}-records` };
  for (const def of TABLES) {
    const name = tables[def.name];
    try {
      await client.send(new CreateTableCommand(createTableInput(def, name)));
    } catch (err) {
      if (!(err instanceof ResourceInUseException)) throw err;
    }
    await client.send(new DescribeTableCommand({ TableName: name }));
  }
  return {
    endpoint,
    client,
    doc: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }),
    tables,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
