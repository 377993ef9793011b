import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { z } from 'zod';
import {
  ContactRecordRepository,
  contactResult,
  InvalidContactEventError,
  isCallbackLeg,
} from '#domain/records.ts';
import { ConfigurationError } from '#shared/errors.ts';
import { logger as defaultLogger } from '#shared/logger.ts';

/** What the function needs: where contact records live (and a logger; default: Powertools'). */
export interface ContactEventsDeps {
  records: ContactRecordRepository;
  logger?: Logger;
}

export interface ContactEventsResult {
  contactId: string;
  eventType: string;
  result: string;
  version: number;
}

/**
 * Merges one EventBridge "Amazon Connect Contact Event" into the contact's record. Idempotent: a
 * repeated or late event leaves the same record. An event of a callback leg (initiation method
 * CALLBACK) also marks the contact it calls back (`previousContactId`) as a callback. A malformed event is logged and dropped (retrying it
 * cannot help); a write conflict that outlasts the retries throws, so EventBridge retries and finally
 * sends the event to the dead-letter queue.
 */
export function createHandler(deps: ContactEventsDeps) {
  const logger = deps.logger ?? defaultLogger;
  return middy<unknown, ContactEventsResult | { ignored: string }>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      try {
        const record = await deps.records.applyEvent(event);
        // A queued callback is a new contact (initiation method CALLBACK) pointing at the call that asked
        // for it: that call's result is "callback", whichever of the two contacts' events comes first.
        if (
          isCallbackLeg(record) &&
          record.previousContactId &&
          record.previousContactId !== record.contactId
        )
          await deps.records.annotateContact(record.previousContactId, { disposition: 'callback' });
        const summary = {
          contactId: record.contactId,
          eventType: record.eventTypes.join(','),
          result: contactResult(record).kind,
          version: record.version,
        };
        logger.info('contact record merged', summary);
        return summary;
      } catch (err) {
        if (err instanceof InvalidContactEventError) {
          logger.warn('not a contact event; ignored', { reason: err.message });
          return { ignored: err.message };
        }
        throw err;
      }
    });
}

const envSchema = z.object({
  RECORDS_TABLE: z.string().min(1),
  /** IANA zone of the business: the record's local date. */
  BUSINESS_TIMEZONE: z.string().min(1),
  /** Local runs point the SDK at the embedded DynamoDB. */
  SWITCHBOARD_DYNAMODB_ENDPOINT: z.url().optional(),
});

/**
 * Production collaborators: one DynamoDB document client, from the environment. Built on first use and
 * kept for the life of the execution environment, so importing the module (the local engine, tests) needs
 * no environment. @throws ConfigurationError on the first invocation when a variable is missing.
 */
export function awsDeps(env: NodeJS.ProcessEnv = process.env): ContactEventsDeps {
  let records: ContactRecordRepository | undefined;
  return {
    get records() {
      records ??= build(env);
      return records;
    },
  };
}

function build(env: NodeJS.ProcessEnv): ContactRecordRepository {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new ConfigurationError(
      `contact-events environment: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  const e = parsed.data;
  const client = new DynamoDBClient(
    e.SWITCHBOARD_DYNAMODB_ENDPOINT
      ? { endpoint: e.SWITCHBOARD_DYNAMODB_ENDPOINT, maxAttempts: 3 }
      : { maxAttempts: 3 },
  );
  const doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  return new ContactRecordRepository(doc, { records: e.RECORDS_TABLE }, { timezone: e.BUSINESS_TIMEZONE });
}

export const handler = createHandler(awsDeps());
