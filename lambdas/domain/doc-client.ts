import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * What the repositories use of a DynamoDB document client: `send` of lib-dynamodb's commands (Get,
 * Put, Update, Delete, Query, BatchGet), values marshalled with `removeUndefinedValues`. In AWS it is
 * the SDK's `DynamoDBDocumentClient` (lambdas/shared/dynamo.ts); the local engine passes a client that
 * sends the same requests to the embedded dynalite in process (local/direct-dynamo.ts).
 */
export type DocClient = Pick<DynamoDBDocumentClient, 'send'>;
