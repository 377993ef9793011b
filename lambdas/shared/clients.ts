import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import { TranscribeClient } from '@aws-sdk/client-transcribe';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { TableNames } from '#domain/repositories.ts';
import { env } from './env.ts';

interface Clients {
  doc: DynamoDBDocumentClient;
  sns: SNSClient;
  transcribe: TranscribeClient;
  s3: S3Client;
  bedrock: BedrockRuntimeClient;
  tables: TableNames;
}

let cached: Clients | undefined;

/** SDK clients, created once per process (module scope in Lambda terms). */
export function clients(): Clients {
  if (!cached) {
    const e = env();
    const endpoint = e.SWITCHBOARD_DYNAMODB_ENDPOINT;
    const dynamo = new DynamoDBClient(endpoint ? { endpoint, maxAttempts: 2 } : { maxAttempts: 2 });
    cached = {
      doc: DynamoDBDocumentClient.from(dynamo, { marshallOptions: { removeUndefinedValues: true } }),
      sns: new SNSClient({}),
      transcribe: new TranscribeClient({}),
      s3: new S3Client({}),
      bedrock: new BedrockRuntimeClient({}),
      tables: { directory: e.DIRECTORY_TABLE, records: e.RECORDS_TABLE },
    };
  }
  return cached;
}

export function resetClients(): void {
  cached = undefined;
}
