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
import type { DocClient } from '#domain/doc-client.ts';
import type { TableNames } from '#domain/repositories.ts';
import { TABLES, type TableDefinition } from '#domain/tables.ts';
import { documentClient } from '#shared/dynamo.ts';
import { DirectDocumentClient, LOCAL_AUTH } from './direct-dynamo.ts';
import { InProcessRequestHandler } from './in-process.ts';

const require = createRequire(import.meta.url);
const dynalite = require('dynalite') as (opts: Record<string, unknown>) => import('node:http').Server;

export interface EmbeddedDynamo {
  endpoint: string;
  /** The SDK's client (tables, tools, a second process). */
  client: DynamoDBClient;
  /**
   * The document client the stores use: the SDK's over `client` (`client: 'sdk'`, the default), or the
   * engine's direct one (`client: 'direct'`, local/direct-dynamo.ts).
   */
  doc: DocClient;
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
    Object.assign(request.headers, LOCAL_AUTH);
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
    /** Which document client the stores get (see `EmbeddedDynamo.doc`). */
    client?: 'sdk' | 'direct';
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
  const inProcess = new InProcessRequestHandler(listener);
  const client = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: inProcess as never,
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
    doc: opts.client === 'direct' ? new DirectDocumentClient(inProcess) : documentClient(client),
    tables,
    async close() {
      client.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
