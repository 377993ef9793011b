/**
 * Zero unhandled throws on malformed events, for every handler. A handler either returns (a result or a
 * documented refusal such as `{ ignored }` or `SKIPPED`) or throws a named error of its own
 * (InvalidEventError, NotSeededError, UnknownShiftError, ConfigError), which the flow's Error branch or
 * EventBridge's retry-then-dead-letter takes. A TypeError, URIError, RangeError or a DynamoDB
 * ValidationException is a bug. Events: a hand-written corpus of known nasty ones, and fast-check
 * mutants of a valid event (1 to 3 fields replaced by nasty values or removed) and arbitrary values.
 */
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as assistantFn from '../../lambdas/assistant/handler.ts';
import * as contactEventsFn from '../../lambdas/contact-events/handler.ts';
import { OperationsStore } from '../../lambdas/domain/operations.ts';
import { ContactRecordRepository, contactLifecycle } from '../../lambdas/domain/records.ts';
import { DirectoryRepository } from '../../lambdas/domain/repositories.ts';
import * as handoverFn from '../../lambdas/handover/handler.ts';
import * as healthFn from '../../lambdas/health-check/handler.ts';
import * as routeFn from '../../lambdas/route/handler.ts';
import * as seedFn from '../../lambdas/seed/handler.ts';
import * as surveyFn from '../../lambdas/survey/handler.ts';
import * as ticketFn from '../../lambdas/ticket/handler.ts';
import * as transcribeFn from '../../lambdas/transcribe/handler.ts';
import * as weeklyFn from '../../lambdas/weekly-report/handler.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { at, connectEvent, enConfig, lambdaContext, seededDynamo, testDeps } from '../helpers.ts';
import { anyEvent, deep, HUGE, isHandledRefusal, mutants, NASTY_VALUES } from './events.ts';

const sns = mockClient(SNSClient);
let db: EmbeddedDynamo;
type Invoke = (event: unknown) => Promise<unknown>;
const handlers: Record<string, Invoke> = {};
/** Every key a handler tried to write or read in DynamoDB, by length: a 1 MB ContactId must not get there. */
let longestKey = 0;

const CONTACT = '11111111-2222-4333-8444-555555555555';
const lexEvent = (inputTranscript: unknown, attributes: Record<string, unknown> = {}) => ({
  messageVersion: '1.0',
  invocationSource: 'FulfillmentCodeHook',
  inputMode: 'Speech',
  sessionId: 'session-1',
  inputTranscript,
  bot: { id: 'BOT', name: 'switchboard', aliasId: 'A', aliasName: 'live', localeId: 'en_US', version: '1' },
  interpretations: [],
  sessionState: {
    sessionAttributes: { contactId: CONTACT, ...attributes },
    intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' },
  },
});
const s3Created = (key: string, time = '2026-11-24T04:05:00Z') => ({
  source: 'aws.s3',
  'detail-type': 'Object Created',
  time,
  detail: { bucket: { name: 'recordings' }, object: { key } },
});
const jobDone = (name: string, status = 'COMPLETED') => ({
  source: 'aws.transcribe',
  'detail-type': 'Transcribe Job State Change',
  detail: { TranscriptionJobName: name, TranscriptionJobStatus: status },
});
const seedEvent = (
  props: Record<string, unknown> = { ConfigBucket: 'cdk-assets', ConfigKey: 'config.json' },
) => ({
  RequestType: 'Update',
  ServiceToken: 'arn',
  ResponseURL: 'https://example.invalid',
  StackId: 'stack',
  RequestId: 'r',
  LogicalResourceId: 'DataSeed',
  PhysicalResourceId: 'switchboard-seed-DataSeed',
  ResourceType: 'Custom::SwitchboardSeed',
  ResourceProperties: { ServiceToken: 'arn', ...props },
});
const contactEvent = () =>
  contactLifecycle({
    contactId: CONTACT,
    instanceArn: 'arn:aws:connect:us-east-1:111122223333:instance/0000',
    initiatedAt: '2026-11-23T16:30:00.000Z',
  })[0];

/** A valid event per handler: what the mutants start from. */
const VALID: Record<string, () => unknown> = {
  route: () => connectEvent({}, { contactId: CONTACT }),
  ticket: () =>
    connectEvent(
      { category: 'repair', priority: 'urgent', message: 'gas smell', callbackNumber: '+13125550142' },
      { contactId: CONTACT },
    ),
  'assistant (Connect)': () => connectEvent({ question: 'When are you open?' }, { contactId: CONTACT }),
  'assistant (Lex V2)': () => lexEvent('when are you open'),
  survey: () => connectEvent({ score: '5' }, { contactId: CONTACT }),
  'transcribe (recording)': () =>
    s3Created(`connect/x/CallRecordings/2026/11/24/${CONTACT}_20261124T04:05_UTC.wav`),
  'transcribe (job)': () => jobDone(`switchboard-${CONTACT}`),
  handover: () => ({ scheduledTime: '2026-11-24T14:00:00Z' }),
  seed: () => seedEvent(),
  'health-check': () => ({ 'detail-type': 'Scheduled Event', time: '2026-11-24T14:00:00Z' }),
  'contact-events': contactEvent,
  'weekly-report': () => ({ 'detail-type': 'Scheduled Event' }),
};

/** Known nasty events, per handler family. */
const NASTY: Record<string, unknown[]> = {
  connect: [
    connectEvent({}, { contactId: HUGE }),
    connectEvent({ message: HUGE, callerName: HUGE, question: HUGE, category: HUGE }, { contactId: CONTACT }),
    connectEvent({ message: 42 as never, priority: null as never, score: {} as never }),
    connectEvent({}, { phone: HUGE }),
    connectEvent({}, { attributes: { x: HUGE } }),
    { Details: { ContactData: { ContactId: null } } },
    { Details: { ContactData: { ContactId: 12345 }, Parameters: null } },
    { Details: { ContactData: deep(3000) } },
    { Details: null },
    { Name: 'ContactFlowEvent', Details: { ContactData: { ContactId: CONTACT, CustomerEndpoint: 'x' } } },
  ],
  lex: [
    lexEvent(HUGE),
    lexEvent(null),
    lexEvent('i smell gas', { purpose: 'message' }),
    lexEvent('x', { purpose: HUGE }),
    { sessionState: null, inputTranscript: 'hi' },
    { sessionState: { sessionAttributes: null, intent: null }, inputTranscript: 'leave a message' },
    { sessionState: { intent: { name: 42 } }, inputTranscript: 'a' },
  ],
  transcribe: [
    s3Created('connect/%E0%A4%A.wav'),
    s3Created('connect/%ZZ%ZZ.wav'),
    s3Created(`connect/${CONTACT}_20269999T99:99_UTC.wav`),
    s3Created(`connect/${CONTACT}.wav`, 'not-a-time'),
    s3Created(`connect/${CONTACT}.wav`, '2026-02-30T25:61:00Z'),
    s3Created(`connect/${HUGE}.wav`),
    {
      Records: [
        { eventTime: 'yesterday', s3: { bucket: { name: 'b' }, object: { key: `${CONTACT}%.wav` } } },
      ],
    },
    { Records: [] },
    jobDone(HUGE),
    jobDone(`switchboard-${CONTACT}`, HUGE),
    jobDone(`switchboard-${CONTACT}%`, 'FAILED'),
  ],
  handover: [
    { shiftId: 'graveyard' },
    { shiftId: HUGE },
    { scheduledTime: '2026-02-30T25:61:00Z' },
    { scheduledTime: HUGE },
    { scheduledTime: '9999-12-31T23:59:59Z' },
    { scheduledTime: '2026-11-24T14:00:00Z', windowMinutes: 1e9 },
    { windowMinutes: 'five' },
  ],
  seed: [
    seedEvent({}),
    seedEvent({ Config: '{"business": {"name": "x"}}' }),
    seedEvent({ ConfigBucket: HUGE, ConfigKey: 'k' }),
    seedEvent({ ConfigBucket: 'cdk-assets', ConfigKey: 'not-json.json' }),
    seedEvent({ ConfigBucket: 'cdk-assets', ConfigKey: 'queues-null.json' }),
    { ...seedEvent(), RequestType: 'Delete', PhysicalResourceId: null },
    { ...seedEvent(), RequestType: 'Explode' },
    { ...seedEvent(), ResourceProperties: null },
  ],
  events: [
    { 'detail-type': 'Amazon Connect Contact Event', detail: { contactId: HUGE, eventType: 'INITIATED' } },
  ],
};

beforeAll(async () => {
  sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
  at('2026-11-24T04:00:00Z');
  db = await seededDynamo();
  // Watch what reaches DynamoDB: the longest key value any handler sends.
  (db.doc as DynamoDBDocumentClient).middlewareStack.add(
    (next) => async (args) => {
      const input = args.input as { Key?: Record<string, unknown>; Item?: Record<string, unknown> };
      for (const v of Object.values({ ...input.Key, ...pick(input.Item) }))
        if (typeof v === 'string') longestKey = Math.max(longestKey, v.length);
      return next(args);
    },
    { step: 'initialize', name: 'fuzzKeyWatch' },
  );
  const call =
    (h: (e: never, c: never) => Promise<unknown>): Invoke =>
    (e) =>
      h(e as never, lambdaContext as never);
  const config = enConfig();
  const assets: Record<string, string> = {
    'cdk-assets/config.json': JSON.stringify(config),
    'cdk-assets/not-json.json': '{nope',
    'cdk-assets/queues-null.json': JSON.stringify({ ...config, queues: [null] }),
  };
  handlers.route = call(
    routeFn.createHandler({ ...routeFn.awsDeps(), ...routeFn.storeDeps(db), ...testDeps }),
  );
  handlers.ticket = call(
    ticketFn.createHandler({ ...ticketFn.awsDeps(), ...ticketFn.storeDeps(db), ...testDeps }),
  );
  const assistant = call(
    assistantFn.createHandler({ ...assistantFn.awsDeps(), ...assistantFn.storeDeps(db), ...testDeps }),
  );
  handlers['assistant (Connect)'] = assistant;
  handlers['assistant (Lex V2)'] = assistant;
  handlers.survey = call(
    surveyFn.createHandler({ ...surveyFn.awsDeps(), ...surveyFn.storeDeps(db), ...testDeps }),
  );
  const transcribe = call(
    transcribeFn.createHandler({
      ...transcribeFn.storeDeps(db),
      startJob: async () => 'started',
      readTranscript: async () => ({ text: 'hello', mediaUri: 's3://recordings/connect/x.wav' }),
      ...testDeps,
    }),
  );
  handlers['transcribe (recording)'] = transcribe;
  handlers['transcribe (job)'] = transcribe;
  handlers.handover = call(
    handoverFn.createHandler({ ...handoverFn.storeDeps(db), email: async () => {}, ...testDeps }),
  );
  handlers.seed = call(
    seedFn.createHandler({
      directory: new DirectoryRepository(db.doc, db.tables),
      readConfig: async ({ bucket, key }) => {
        const text = assets[`${bucket}/${key}`];
        if (text === undefined) throw new seedFn.AssetNotFoundError(bucket, key);
        return text;
      },
      logger: testDeps.logger,
    }),
  );
  handlers['health-check'] = call(
    healthFn.createHandler({
      target: () => ({ instanceId: 'i', inboundFlowArn: 'f', queueArns: [], flowArns: [], lambdaArns: [] }),
      reader: () =>
        ({
          instanceStatus: async () => 'ACTIVE',
          phoneNumberFlow: async () => ({ status: 'CLAIMED', flowId: 'f' }),
          queueStatus: async () => 'ENABLED',
          flowState: async () => ({ state: 'ACTIVE', status: 'PUBLISHED' }),
          associatedLambdas: async () => [],
        }) as never,
      metrics: {
        addMetric: () => {},
        publishStoredMetrics: () => {},
        setThrowOnEmptyMetrics: () => {},
      } as never,
      logger: testDeps.logger,
    }),
  );
  handlers['contact-events'] = call(
    contactEventsFn.createHandler({ records: new ContactRecordRepository(db.doc, db.tables) }),
  );
  // The weekly report ignores its input; its store is stubbed to empty data because the records table on
  // main has no byShift index yet (test/handlers/weekly-report.test.ts fails on main for that reason).
  const store = new OperationsStore(db.doc, db.tables);
  store.load = async (_config, period) => ({
    records: [],
    tickets: [],
    openTickets: [],
    surveys: [],
    period,
  });
  handlers['weekly-report'] = call(
    weeklyFn.createHandler({
      store,
      config,
      email: async () => {},
      now: () => new Date('2026-11-23T14:00:00Z'),
    }),
  );
});
afterAll(async () => {
  sns.reset();
  await db.close();
});

function pick(item: Record<string, unknown> | undefined): Record<string, unknown> {
  return item ? { pk: item.pk, sk: item.sk } : {};
}

/** Runs one event; returns the unhandled error (a bug), or undefined when the handler coped. */
async function unhandled(name: string, event: unknown): Promise<string | undefined> {
  try {
    await handlers[name]!(event);
    return undefined;
  } catch (err) {
    if (isHandledRefusal(err)) return undefined;
    const e = err as Error;
    return `${name}: ${e?.name}: ${String(e?.message).slice(0, 200)}`;
  }
}

const familyOf = (name: string) =>
  name.startsWith('transcribe')
    ? 'transcribe'
    : name === 'assistant (Lex V2)'
      ? 'lex'
      : ['route', 'ticket', 'assistant (Connect)', 'survey'].includes(name)
        ? 'connect'
        : name === 'contact-events'
          ? 'events'
          : name;

describe('malformed events: zero unhandled throws', () => {
  it.each(Object.keys(VALID))('%s: the valid event works', async (name) => {
    await expect(handlers[name]!(VALID[name]!())).resolves.toBeDefined();
  });

  it.each(Object.keys(VALID))('%s: the hand-written nasty corpus', async (name) => {
    const events = [...(NASTY[familyOf(name)] ?? []), ...NASTY_VALUES];
    const bugs: string[] = [];
    for (const e of events) {
      const bug = await unhandled(name, e);
      if (bug) bugs.push(bug);
    }
    expect(bugs).toEqual([]);
  });

  it.each(Object.keys(VALID))('%s: fast-check mutants and arbitrary values', async (name) => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: mutants(VALID[name]!()) }, { weight: 1, arbitrary: anyEvent }),
        async (e) => {
          const bug = await unhandled(name, e);
          expect(bug).toBeUndefined();
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });

  it('never sends a 1 MB ContactId (or any oversized key) to DynamoDB', () => {
    expect(longestKey).toBeGreaterThan(0);
    expect(longestKey).toBeLessThanOrEqual(1024);
  });
});
