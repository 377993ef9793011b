import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion, cachedFaq } from '../../lambdas/assistant/assistant.ts';
import { bedrockGenerator } from '../../lambdas/assistant/bedrock.ts';
import { awsDeps, createHandler, storeDeps } from '../../lambdas/assistant/handler.ts';
import { FaqIndex } from '../../lambdas/domain/faq.ts';
import { assistantSettingsFromConfig } from '../../lambdas/domain/seed.ts';
import type { EmbeddedDynamo } from '../../local/dynamo.ts';
import { connectEvent, enConfig, invoke, seededDynamo, testDeps } from '../helpers.ts';

const bedrock = mockClient(BedrockRuntimeClient);
let db: EmbeddedDynamo;
let handler: ReturnType<typeof createHandler>;
beforeAll(async () => {
  db = await seededDynamo();
  handler = createHandler({ ...awsDeps(), ...storeDeps(db), ...testDeps });
});
afterAll(async () => db.close());
afterEach(() => bedrock.reset());

const call = (event: unknown) => invoke(handler, event);

const lexEvent = (inputTranscript: string) => ({
  messageVersion: '1.0',
  invocationSource: 'FulfillmentCodeHook',
  inputMode: 'Speech',
  responseContentType: 'text/plain; charset=utf-8',
  sessionId: 'session-1',
  inputTranscript,
  bot: {
    id: 'BOTID12345',
    name: 'switchboard',
    aliasId: 'TSTALIASID',
    aliasName: 'live',
    localeId: 'en_US',
    version: '1',
  },
  interpretations: [],
  proposedNextState: null,
  requestAttributes: {},
  sessionState: {
    sessionAttributes: { contactId: 'c-1' },
    activeContexts: [],
    intent: { name: 'FallbackIntent', slots: {}, state: 'InProgress', confirmationState: 'None' },
  },
  transcriptions: [],
});

describe('assistant handler', () => {
  it('answers a Connect event from the FAQ with a score', async () => {
    const out = await call(connectEvent({ question: 'is delivery free for big orders' }));
    expect(out).toMatchObject({ result: 'ANSWERED', faqId: 'delivery-fee', source: 'faq' });
    expect(Number(out.score)).toBeGreaterThanOrEqual(enConfig().assistant.threshold);
    expect(out.answer).toMatch(/free on orders over 499 dollars/);
  });

  it('says NO_MATCH rather than guessing, and URGENT for urgent words', async () => {
    expect(await call(connectEvent({ question: 'who won the election' }))).toMatchObject({
      result: 'NO_MATCH',
      answer: '',
    });
    expect(await call(connectEvent({ question: 'there are sparks coming out of the dryer' }))).toMatchObject({
      result: 'URGENT',
      keyword: 'sparks',
    });
    expect(await call(connectEvent({}))).toMatchObject({ result: 'NO_MATCH' });
  });

  it('answers a Lex V2 code hook in Lex shape, with the outcome in session attributes', async () => {
    const out = (await call(lexEvent('how long will delivery take'))) as unknown as {
      sessionState: {
        sessionAttributes: Record<string, string>;
        dialogAction: { type: string };
        intent: { state: string };
      };
      messages: unknown[];
    };
    expect(out.sessionState.dialogAction.type).toBe('Close');
    expect(out.sessionState.intent.state).toBe('Fulfilled');
    expect(out.sessionState.sessionAttributes).toMatchObject({
      contactId: 'c-1',
      assistantResult: 'ANSWERED',
      faqId: 'delivery-time',
      question: 'how long will delivery take',
    });
    expect(out.messages).toEqual([]);
  });

  it('rejects an event that is neither Connect nor Lex with a clear error', async () => {
    await expect(call({ hello: 'world' })).rejects.toThrow(/not an Amazon Connect contact flow event/);
  });
});

describe('assistant with Bedrock', () => {
  const config = enConfig();
  const settings = {
    ...assistantSettingsFromConfig(config),
    provider: 'bedrock' as const,
    bedrockModelId: 'amazon.nova-lite-v1:0',
  };
  const faq = async () => ({ settings, index: new FaqIndex(config.faq, 'en-US') });
  const log = () => {};

  it('speaks the model answer grounded in the top FAQ entries', async () => {
    bedrock.on(ConverseCommand).resolves({
      output: {
        message: { role: 'assistant', content: [{ text: 'Delivery is free above 499 dollars.' }] },
      },
    } as never);
    const a = await answerQuestion('is delivery free', {
      faq,
      generator: bedrockGenerator(new BedrockRuntimeClient({}), 2000),
      log,
    });
    expect(a).toMatchObject({
      result: 'ANSWERED',
      source: 'bedrock',
      answer: 'Delivery is free above 499 dollars.',
      faqId: 'delivery-fee',
    });
    const input = bedrock.commandCalls(ConverseCommand)[0]!.args[0].input;
    expect(input.modelId).toBe('amazon.nova-lite-v1:0');
    expect(input.system?.[0]).toMatchObject({
      text: expect.stringContaining('Delivery is free on orders over 499 dollars'),
    });
  });

  it('falls back to the FAQ answer on an error, a timeout or NO_ANSWER', async () => {
    const generator = bedrockGenerator(new BedrockRuntimeClient({}), 100);
    bedrock.on(ConverseCommand).rejects(new Error('ThrottlingException'));
    expect(await answerQuestion('is delivery free', { faq, generator, log })).toMatchObject({
      source: 'faq',
      answer: expect.stringMatching(/flat 59 dollars/),
    });
    bedrock
      .on(ConverseCommand)
      .callsFake(() => new Promise((_, reject) => setTimeout(() => reject(new Error('aborted')), 500)));
    expect(await answerQuestion('is delivery free', { faq, generator, log })).toMatchObject({
      source: 'faq',
    });
    bedrock
      .on(ConverseCommand)
      .resolves({ output: { message: { role: 'assistant', content: [{ text: 'NO_ANSWER' }] } } } as never);
    expect(await answerQuestion('is delivery free', { faq, generator, log })).toMatchObject({
      source: 'faq',
    });
  });

  it('caches the FAQ index for a minute', async () => {
    let loads = 0;
    let clock = 0;
    const load = async () => {
      loads++;
      return { settings, entries: config.faq };
    };
    const get = cachedFaq(load, 60_000, () => clock);
    await get();
    clock = 59_000;
    await get();
    clock = 61_000;
    await get();
    expect(loads).toBe(2);
  });
});
