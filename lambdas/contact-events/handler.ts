import type { Logger } from '@aws-lambda-powertools/logger';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import { z } from 'zod';
import {
  type ContactRecord,
  ContactRecordRepository,
  contactResult,
  InvalidContactEventError,
  isCallbackLeg,
} from '#domain/records.ts';
import { loadRouteSnapshot, TicketRepository } from '#domain/repositories.ts';
import { ConfigurationError } from '#shared/errors.ts';
import { logger as defaultLogger } from '#shared/logger.ts';
import { snsNotifier } from '#shared/notify.ts';
import { type MissedCallInput, recordMissedCall } from '../ticket/ticket.ts';

/** What the function needs: where contact records live, and how a missed call is recorded. */
export interface ContactEventsDeps {
  records: ContactRecordRepository;
  /** A logger (default: Powertools'). */
  logger?: Logger;
  /**
   * promises (issue 11): records a missed call (`recordMissedCall` of the ticket use cases, with the
   * ticket store, roster and notifier). Absent: contact records only.
   */
  missedCall?: (input: MissedCallInput) => Promise<{ result: string }>;
}

/**
 * promises (issue 11): the missed call a contact record shows, if any: abandoned in a queue, or
 * disconnected in the IVR after the menu chose a queue (the flows annotate `queue`). Only with a caller
 * number on the record (annotated by the flows; Connect's contact events carry none).
 */
export function missedCallOf(record: ContactRecord): MissedCallInput | undefined {
  if (!record.caller) return undefined;
  const result = contactResult(record);
  const base = {
    contactId: record.contactId,
    callerPhone: record.caller,
    ...(record.queue ? { queue: record.queue } : {}),
    ...(record.category ? { category: record.category } : {}),
  };
  if (result.kind === 'abandoned')
    return { ...base, how: 'abandoned-in-queue', waitedSeconds: result.afterSeconds };
  if (result.kind === 'ivr' && record.queue) return { ...base, how: 'hung-up-before-queue' };
  return undefined;
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
        // promises (issue 11): no silent misses. Idempotent per ContactId, so a repeated event is harmless.
        const missed = deps.missedCall ? missedCallOf(record) : undefined;
        if (missed && deps.missedCall) {
          const out = await deps.missedCall(missed);
          logger.info('missed call recorded', { contactId: record.contactId, result: out.result });
        }
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
  let missed: ContactEventsDeps['missedCall'];
  return {
    get records() {
      records ??= build(env);
      return records;
    },
    // promises (issue 11): missed calls need the directory (roster, holidays) and SNS; wired when the
    // stack gives the function DIRECTORY_TABLE (and its grants), else contact records only.
    get missedCall() {
      if (!env.DIRECTORY_TABLE || !env.RECORDS_TABLE) return undefined;
      missed ??= missedCallDeps(env.DIRECTORY_TABLE, env.RECORDS_TABLE, env.SWITCHBOARD_DYNAMODB_ENDPOINT);
      return missed;
    },
  };
}

function missedCallDeps(
  directory: string,
  recordsTable: string,
  endpoint: string | undefined,
): NonNullable<ContactEventsDeps['missedCall']> {
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient(endpoint ? { endpoint, maxAttempts: 3 } : { maxAttempts: 3 }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const tables = { directory, records: recordsTable };
  const tickets = new TicketRepository(doc, tables);
  const notifier = snsNotifier(new SNSClient({}));
  return (input) =>
    recordMissedCall(input, {
      tickets,
      load: (dates) => loadRouteSnapshot(doc, tables, dates, undefined),
      notifier,
      now: new Date(),
      log: (message, extra) => defaultLogger.warn(message, extra ?? {}),
    });
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
