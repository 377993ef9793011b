import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DocClient } from '#domain/doc-client.ts';
import type { TableNames } from '#domain/repositories.ts';
import { tablesFromEnv } from './env.ts';

/** Where a function's data lives: a document client and the table names (AWS, dynalite or a test double). */
export interface Store {
  doc: DocClient;
  tables: TableNames;
}

/** A document client over any DynamoDB client, with the marshalling the repositories expect. */
export function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * The store in AWS: one client per cold start (module scope), two attempts (the caller is waiting: a
 * flow's time limit is 3-8 s), tables from the environment.
 */
export function awsStore(): Store {
  return { doc: documentClient(new DynamoDBClient({ maxAttempts: 2 })), tables: tablesFromEnv() };
}
